import type { BuildContext } from './context'
import { isIgnored } from './context'
import { runKinds } from './costs'
import type { ParsedDockerfile, ParsedInstruction, ParsedStage } from './parse'
import { findInstruction, splitImageReference } from './parse'

/** What the learner changes between two builds. */
export type EditKind =
  'source' | 'manifest' | 'base-tag' | 'system-package' | 'env' | 'arg' | 'ignored-file' | 'none'

export const EDIT_KINDS: readonly EditKind[] = [
  'source',
  'manifest',
  'base-tag',
  'system-package',
  'env',
  'arg',
  'ignored-file',
  'none',
]

/**
 * An edit, optionally aimed. Without a target each kind picks the obvious one:
 * the context's source file, its manifests, the first base image (and every
 * stage that uses the same image, as a version bump does), the first RUN that
 * installs system packages, the first ENV, the first ARG.
 */
export type Edit =
  | { kind: 'none' }
  | { kind: 'source'; path?: string }
  | { kind: 'manifest'; paths?: string[] }
  | { kind: 'ignored-file'; path?: string }
  | { kind: 'base-tag'; stage?: number; tag?: string }
  | { kind: 'system-package'; instructionId?: string; package?: string }
  | { kind: 'env'; name?: string; instructionId?: string; value?: string }
  | { kind: 'arg'; name?: string; value?: string }

/**
 * Everything edits have changed so far. It lives in the build state so edits
 * add up: a second source edit changes the file again, a second tag bump goes
 * one version further. Plain data, so the widget can keep it in storage.
 */
export interface BuildWorld {
  context: BuildContext
  /** Values passed with --build-arg. */
  buildArgs: Record<string, string>
  /** Rewritten ENV values, keyed `<instruction id>:<name>`. */
  envValues: Record<string, string>
  /** Replaced base image tags, keyed by stage index. */
  baseTags: Record<string, string>
  /** Times a stage's base was re-pulled under the same tag (a moving tag like latest), keyed by stage index. */
  basePulls: Record<string, number>
  /** Packages added to a RUN's install list, keyed by instruction id. */
  addedPackages: Record<string, string[]>
}

export interface AppliedEdit {
  kind: EditKind
  /** False when the Dockerfile has nothing this edit could change (e.g. no ENV for an env edit). */
  applied: boolean
  /** What changed, in words a learner reads above the results. */
  summary: string
  /** Context files whose content changed. */
  changedFiles: string[]
  /** The subset of changedFiles that .dockerignore keeps out of the context. */
  ignoredFiles: string[]
  /** Instructions whose text the edit rewrote. */
  changedInstructions: string[]
}

export function initialWorld(context: BuildContext): BuildWorld {
  return {
    context: cloneContext(context),
    buildArgs: {},
    envValues: {},
    baseTags: {},
    basePulls: {},
    addedPackages: {},
  }
}

export function normaliseEdit(edit: Edit | EditKind): Edit {
  return typeof edit === 'string' ? ({ kind: edit } as Edit) : edit
}

/** Applies an edit to a copy of the world; the input is left untouched. */
export function applyEdit(
  parsed: ParsedDockerfile,
  world: BuildWorld,
  input: Edit | EditKind,
): { world: BuildWorld; edit: AppliedEdit } {
  const edit = normaliseEdit(input)
  const next: BuildWorld = {
    context: cloneContext(world.context),
    buildArgs: { ...world.buildArgs },
    envValues: { ...world.envValues },
    baseTags: { ...world.baseTags },
    basePulls: { ...world.basePulls },
    addedPackages: Object.fromEntries(
      Object.entries(world.addedPackages).map(([k, v]) => [k, [...v]]),
    ),
  }
  const result = (
    partial: Partial<AppliedEdit> & { summary: string },
  ): {
    world: BuildWorld
    edit: AppliedEdit
  } => ({
    world: next,
    edit: {
      kind: edit.kind,
      applied: true,
      changedFiles: [],
      ignoredFiles: [],
      changedInstructions: [],
      ...partial,
    },
  })
  const notApplied = (summary: string): { world: BuildWorld; edit: AppliedEdit } =>
    result({ applied: false, summary })

  switch (edit.kind) {
    case 'none':
      return result({ summary: 'Nothing changed since the last build.' })

    case 'source':
    case 'ignored-file':
    case 'manifest': {
      const ctx = next.context
      const paths =
        edit.kind === 'source'
          ? [edit.path ?? ctx.sourceFile]
          : edit.kind === 'ignored-file'
            ? [edit.path ?? ctx.ignoredFile]
            : (edit.paths ?? ctx.manifestFiles)
      if (paths.length === 0) return notApplied('This project has no dependency manifest to edit.')
      for (const p of paths) ctx.files[p] = (ctx.files[p] ?? 0) + 1
      const ignoredFiles = paths.filter((p) => isIgnored(p, ctx.dockerignore))
      const list = paths.join(' and ')
      const summary =
        edit.kind === 'source'
          ? `Edited ${list} (app source).`
          : edit.kind === 'manifest'
            ? `Added a dependency: ${list} changed.`
            : ignoredFiles.length === paths.length
              ? `Edited ${list}, which .dockerignore excludes from the build context.`
              : ctx.dockerignore === null
                ? `Edited ${list}. There is no .dockerignore, so it is part of the build context.`
                : `Edited ${list}. The .dockerignore does not exclude it, so it is part of the build context.`
      return result({ summary, changedFiles: paths, ignoredFiles })
    }

    case 'base-tag': {
      const targets = baseTagTargets(parsed, edit.stage)
      if (targets.length === 0) {
        return notApplied('No stage starts from an image with a tag to change.')
      }
      const first = targets[0] as ParsedStage
      const before = effectiveImage(parsed, first, world)
      const split = splitImageReference(before)
      const bumped = edit.tag ?? bumpVersion(split.tag ?? 'latest')
      for (const stage of targets) {
        if (bumped === null || bumped === (split.tag ?? 'latest')) {
          next.basePulls[stage.index] = (next.basePulls[stage.index] ?? 0) + 1
        } else {
          next.baseTags[stage.index] = bumped
        }
      }
      const after = effectiveImage(parsed, first, next)
      const where = targets.length > 1 ? ` in ${targets.length} stages` : ''
      const summary =
        after === before
          ? `Re-pulled ${before}${where}: the tag now points to a newer image.`
          : `Changed the base image ${before} → ${after}${where}.`
      return result({ summary, changedInstructions: targets.map((s) => s.fromId) })
    }

    case 'system-package': {
      const target = edit.instructionId
        ? findInstruction(parsed, edit.instructionId)
        : parsed.instructions.find(installsSystemPackages)
      if (!target || !target.run) {
        return notApplied('No RUN instruction installs system packages (apt-get, apk, yum, dnf).')
      }
      const current = effectiveText(parsed, target, world)
      const pkg = edit.package ?? pickPackage(current)
      next.addedPackages[target.id] = [...(next.addedPackages[target.id] ?? []), pkg]
      return result({
        summary: `Added the system package ${pkg} to ${target.label.split(' ').slice(0, 3).join(' ')} … (line ${target.line}).`,
        changedInstructions: [target.id],
      })
    }

    case 'env': {
      const target = findVariable(parsed, 'ENV', edit.name, edit.instructionId)
      if (!target) {
        return notApplied(
          edit.name
            ? `No ENV instruction sets ${edit.name}.`
            : 'This Dockerfile has no ENV instruction.',
        )
      }
      const key = `${target.ins.id}:${target.name}`
      const before = next.envValues[key] ?? target.value ?? ''
      const value = edit.value ?? nextValue(before)
      next.envValues[key] = value
      return result({
        summary: `Changed ENV ${target.name}: ${before} → ${value} (line ${target.ins.line}).`,
        changedInstructions: [target.ins.id],
      })
    }

    case 'arg': {
      const target = findVariable(parsed, 'ARG', edit.name, undefined)
      if (!target) {
        return notApplied(
          edit.name
            ? `No ARG instruction declares ${edit.name}.`
            : 'This Dockerfile has no ARG instruction.',
        )
      }
      const before = argValueForSummary(parsed, target.name, world)
      const value = edit.value ?? nextValue(before ?? '')
      next.buildArgs[target.name] = value
      return result({
        summary: `Built with --build-arg ${target.name}=${value} (was ${before === null || before === '' ? 'unset' : before}).`,
        changedInstructions: parsed.instructions
          .filter((i) => i.keyword === 'ARG' && i.vars?.some((v) => v.name === target.name))
          .map((i) => i.id),
      })
    }
  }
}

export function cloneContext(context: BuildContext): BuildContext {
  return {
    files: { ...context.files },
    sizesKb: context.sizesKb ? { ...context.sizesKb } : undefined,
    dockerignore: context.dockerignore ? [...context.dockerignore] : null,
    sourceFile: context.sourceFile,
    manifestFiles: [...context.manifestFiles],
    ignoredFile: context.ignoredFile,
  }
}

export function installsSystemPackages(ins: ParsedInstruction): boolean {
  return Boolean(
    ins.run && runKinds(ins.run.command).has('system-packages') && INSTALL_CLAUSE.test(ins.text),
  )
}

const INSTALL_CLAUSE = /\b(apt-get|apt|apk|yum|dnf|microdnf)\b[^\n&;|]*?\b(install|add)\b/

/** The stages a base-tag edit changes. */
export function baseTagTargets(parsed: ParsedDockerfile, stage?: number): ParsedStage[] {
  const external = parsed.stages.filter(
    (s) => s.baseStage === null && s.imageName !== 'scratch' && s.image !== '',
  )
  if (stage !== undefined) return external.filter((s) => s.index === stage)
  const first = external[0]
  if (!first) return []
  // Stages built on the same image move together, as they do when someone
  // bumps "python:3.11-slim" across a multi-stage file.
  return external.filter((s) => s.image === first.image)
}

/** The base image a stage uses in this world: global ARGs, build-args and tag edits applied. */
export function effectiveImage(
  parsed: ParsedDockerfile,
  stage: ParsedStage,
  world: BuildWorld,
): string {
  const image = stage.rawImage.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (
      _m,
      braced: string | undefined,
      op: string | undefined,
      word: string | undefined,
      bare: string | undefined,
    ) => {
      const value = globalArgEffective(parsed, braced ?? bare ?? '', world)
      const set = value !== null && value !== undefined && value !== ''
      if (op === '-') return set ? value : (word ?? '')
      if (op === '+') return set ? (word ?? '') : ''
      return value ?? ''
    },
  )
  const override = world.baseTags[stage.index]
  if (override === undefined) return image
  const split = splitImageReference(image)
  return `${split.name}:${override}`
}

/** A global ARG's value: --build-arg wins over the default written before FROM. */
export function globalArgEffective(
  parsed: ParsedDockerfile,
  name: string,
  world: BuildWorld,
): string | null | undefined {
  let value: string | null | undefined
  for (const arg of parsed.globalArgs) {
    for (const v of arg.vars ?? []) if (v.name === name) value = v.value
  }
  if (value === undefined) return undefined
  return world.buildArgs[name] ?? value
}

/**
 * An ARG's value inside a stage. `ARG NAME` with no default takes the value of
 * a global ARG of that name (the only way a pre-FROM ARG reaches a stage), and
 * --build-arg overrides any default.
 */
export function stageArgEffective(
  parsed: ParsedDockerfile,
  name: string,
  declared: string | null,
  world: BuildWorld,
): string | null {
  const passed = world.buildArgs[name]
  if (passed !== undefined) return passed
  if (declared !== null) return declared
  return globalArgEffective(parsed, name, world) ?? null
}

/** The instruction's text as it reads in this world, with ENV, package and tag edits written in. */
export function effectiveText(
  parsed: ParsedDockerfile,
  ins: ParsedInstruction,
  world: BuildWorld,
): string {
  let text = ins.text
  if (ins.keyword === 'ENV' && ins.vars) {
    // Rewrite from the end so earlier spans stay valid.
    const spans = ins.vars
      .map((v) => ({ v, value: world.envValues[`${ins.id}:${v.name}`] }))
      .filter(
        (x): x is { v: typeof x.v; value: string } =>
          x.value !== undefined && x.v.valueSpan !== null,
      )
      .sort((a, b) => (b.v.valueSpan?.[0] ?? 0) - (a.v.valueSpan?.[0] ?? 0))
    for (const { v, value } of spans) {
      const [start, end] = v.valueSpan as [number, number]
      const written = /[\s"'$\\]/.test(value) ? JSON.stringify(value) : value
      text = text.slice(0, start) + written + text.slice(end)
    }
  }
  for (const pkg of world.addedPackages[ins.id] ?? []) text = insertPackage(text, pkg)
  if (ins.keyword === 'FROM') {
    const stage = parsed.stages[ins.stage]
    if (stage && stage.rawImage) {
      const image = effectiveImage(parsed, stage, world)
      if (world.baseTags[stage.index] !== undefined) text = text.replace(stage.rawImage, image)
    }
  }
  return text
}

/** The current value of each variable an ENV or ARG instruction sets. */
export function effectiveVars(
  parsed: ParsedDockerfile,
  ins: ParsedInstruction,
  world: BuildWorld,
): Record<string, string | null> {
  const values: Record<string, string | null> = {}
  for (const v of ins.vars ?? []) {
    if (ins.keyword === 'ENV') values[v.name] = world.envValues[`${ins.id}:${v.name}`] ?? v.value
    else if (ins.stage < 0) values[v.name] = globalArgEffective(parsed, v.name, world) ?? null
    else values[v.name] = stageArgEffective(parsed, v.name, v.value, world)
  }
  return values
}

/**
 * Adds a package at the end of the first install list: after the last package
 * before the next `&&`, `;`, `|` or end of the command, keeping continuation
 * lines intact.
 */
export function insertPackage(text: string, pkg: string): string {
  const match = INSTALL_CLAUSE.exec(text)
  if (!match) return `${text} ${pkg}`
  let end = match.index + match[0].length
  while (end < text.length) {
    const rest = text.slice(end)
    if (/^(&&|\|\||;|\||\))/.test(rest)) break
    if (text[end] === '\n' && text[end - 1] !== '\\' && !/\\\s*$/.test(text.slice(0, end))) break
    end++
  }
  let last = end
  while (last > 0 && /[\s\\]/.test(text[last - 1] ?? '')) last--
  return `${text.slice(0, last)} ${pkg}${text.slice(last)}`
}

const CANDIDATE_PACKAGES = [
  'curl',
  'jq',
  'git',
  'htop',
  'vim',
  'less',
  'tzdata',
  'wget',
  'unzip',
  'zip',
]

function pickPackage(text: string): string {
  const words = new Set(text.split(/[\s\\]+/))
  return CANDIDATE_PACKAGES.find((p) => !words.has(p)) ?? `extra-package-${words.size}`
}

/** 3.11-slim → 3.12-slim, 20-alpine → 21-alpine; null when the tag has no version number. */
export function bumpVersion(tag: string): string | null {
  const match = /\d+(?:\.\d+)*/.exec(tag)
  if (!match) return null
  const parts = match[0].split('.')
  const lastIndex = parts.length - 1
  parts[lastIndex] = String(Number(parts[lastIndex]) + 1)
  return tag.slice(0, match.index) + parts.join('.') + tag.slice(match.index + match[0].length)
}

/** production → production-2 → production-3; 1.0.0 → 1.0.1. */
export function nextValue(value: string): string {
  const trailing = /^(.*?)(\d+)$/.exec(value)
  if (trailing) return `${trailing[1] ?? ''}${Number(trailing[2]) + 1}`
  return value === '' ? '1' : `${value}-2`
}

function findVariable(
  parsed: ParsedDockerfile,
  keyword: 'ENV' | 'ARG',
  name: string | undefined,
  instructionId: string | undefined,
): { ins: ParsedInstruction; name: string; value: string | null } | undefined {
  for (const ins of parsed.instructions) {
    if (ins.keyword !== keyword) continue
    if (instructionId && ins.id !== instructionId) continue
    for (const v of ins.vars ?? []) {
      if (name === undefined || v.name === name) return { ins, name: v.name, value: v.value }
    }
  }
  return undefined
}

function argValueForSummary(
  parsed: ParsedDockerfile,
  name: string,
  world: BuildWorld,
): string | null {
  const passed = world.buildArgs[name]
  if (passed !== undefined) return passed
  for (const ins of parsed.instructions) {
    if (ins.keyword !== 'ARG') continue
    for (const v of ins.vars ?? []) if (v.name === name && v.value !== null) return v.value
  }
  return null
}

export interface EditOption {
  kind: EditKind
  /** False when this Dockerfile gives the edit nothing to change; the widget can grey it out. */
  available: boolean
  /** What the edit will do, e.g. "Edit src/app.py (app source)". */
  description: string
}

/** The edits a learner can pick for this Dockerfile, each described concretely. */
export function describeEdits(parsed: ParsedDockerfile, context: BuildContext): EditOption[] {
  const world = initialWorld(context)
  return EDIT_KINDS.map((kind) => {
    if (kind === 'none')
      return { kind, available: true, description: 'Rebuild without changing anything.' }
    if (kind === 'source') {
      return { kind, available: true, description: `Edit ${context.sourceFile} (app source).` }
    }
    if (kind === 'ignored-file') {
      const ignored = isIgnored(context.ignoredFile, context.dockerignore)
      return {
        kind,
        available: true,
        description: ignored
          ? `Edit ${context.ignoredFile}, which .dockerignore excludes.`
          : `Edit ${context.ignoredFile} (${context.dockerignore === null ? 'there is no .dockerignore' : '.dockerignore does not exclude it'}).`,
      }
    }
    const { edit } = applyEdit(parsed, world, kind)
    return { kind, available: edit.applied, description: edit.summary }
  })
}
