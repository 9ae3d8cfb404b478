import type { BuildContext } from './context'
import { cleanPath, completeContext, copiedFiles } from './context'
import { classifyRun } from './costs'
import type { ParsedDockerfile, ParsedInstruction } from './parse'
import { referencedVariables, stageDependencies, stageInstructions } from './parse'
import type { SimulateOptions } from './simulate'
import { simulateBuild, sourceEditSeconds } from './simulate'

/**
 * Which orders of a Dockerfile's instructions still build, and which order
 * makes a source-only edit cheapest.
 *
 * Dependencies are inferred with a few simple rules; each says "at least one
 * of these must come before that":
 *
 * 1. Files: a RUN needs the files it names. Install commands name their
 *    manifest (npm ci → package.json and package-lock.json, pip install -r X
 *    → X, go mod download → go.mod, bundle install → Gemfile, …); build
 *    commands (npm run build, go build, tsc, …) need the app source; any word
 *    in a command that is a path in the build context counts too. A COPY that
 *    brings the file must come first.
 * 2. WORKDIR: a COPY into a relative destination, a RUN that needs files, and
 *    a relative WORKDIR stay after the WORKDIR that preceded them.
 * 3. Users: USER x and COPY --chown=x come after the RUN that creates x
 *    (useradd/adduser); a RUN that needs root (package managers, useradd,
 *    chown) stays before a USER that switches away from root.
 * 4. Variables: an instruction using $NAME comes after the ENV or ARG in its
 *    stage that declares NAME.
 *
 * Only dependencies the author's own order satisfies are kept: if the
 * original breaks one, the inference guessed wrong (the file may come from the
 * base image, say), and the learner should not be held to it.
 */

export type DependencyRule = 'file' | 'workdir' | 'user' | 'root' | 'variable'

export interface OrderDependency {
  rule: DependencyRule
  /** At least one of these must come before `then`. */
  first: string[]
  then: string
  /** The instruction that would fail; the widget highlights it. */
  about: string
  message: string
}

export type ViolationRule =
  'unknown-id' | 'duplicate' | 'missing' | 'from-first' | 'stage' | 'stage-order' | DependencyRule

export interface OrderViolation {
  rule: ViolationRule
  /** The instruction the message is about. */
  id: string
  message: string
  /** For dependency violations: the instructions that would have had to come first. */
  dependsOn?: string[]
}

export type ReorderResult =
  { ok: true; parsed: ParsedDockerfile } | { ok: false; violations: OrderViolation[] }

export interface OrderOptions {
  /** The build context used to tell which COPY brings which file; defaults to the one the simulator would use. */
  context?: Partial<BuildContext>
}

export interface BestOrder {
  /** Every instruction id in the best build order (global ARGs first). */
  ids: string[]
  parsed: ParsedDockerfile
  /** Total seconds of a source-only edit built in this order. */
  seconds: number
  /** The same for the author's original order. */
  originalSeconds: number
}

const DEPENDENCY_PREFIX = 'this order would not build'

/** Checks a learner's order and, if it builds, returns the Dockerfile in that order. */
export function reorder(
  parsed: ParsedDockerfile,
  orderedIds: readonly string[],
  options: OrderOptions = {},
): ReorderResult {
  const byId = new Map(parsed.instructions.map((ins) => [ins.id, ins]))
  const globalIds = new Set(parsed.globalArgs.map((a) => a.id))
  const violations: OrderViolation[] = []
  const seen = new Set<string>()
  const order: ParsedInstruction[] = []
  let sawFrom = false

  for (const id of orderedIds) {
    const ins = byId.get(id)
    if (!ins) {
      violations.push({ rule: 'unknown-id', id, message: `There is no instruction with id ${id}.` })
      continue
    }
    if (seen.has(id)) {
      violations.push({
        rule: 'duplicate',
        id,
        message: `${ins.label} appears twice in the order.`,
      })
      continue
    }
    seen.add(id)
    if (globalIds.has(id)) {
      if (sawFrom) {
        violations.push({
          rule: 'stage',
          id,
          message: `${ins.label} comes before the first FROM and cannot move into a stage.`,
        })
      }
      continue
    }
    if (ins.keyword === 'FROM') sawFrom = true
    order.push(ins)
  }
  for (const ins of parsed.instructions) {
    if (!seen.has(ins.id) && !globalIds.has(ins.id)) {
      violations.push({
        rule: 'missing',
        id: ins.id,
        message: `The order leaves out ${ins.label}.`,
      })
    }
  }

  let current: number | null = null
  let nextStage = 0
  for (const ins of order) {
    if (ins.keyword === 'FROM') {
      if (ins.stage !== nextStage) {
        const expected = parsed.stages[nextStage]
        violations.push({
          rule: 'stage-order',
          id: ins.id,
          message: `Stages keep their order: ${ins.label} cannot move ${ins.stage > nextStage ? 'above' : 'below'} ${expected ? expected.label : 'the other stages'}.`,
        })
      }
      current = ins.stage
      nextStage = ins.stage + 1
      continue
    }
    if (current === null || current < ins.stage) {
      const from = parsed.stages[ins.stage]
      violations.push({
        rule: 'from-first',
        id: ins.id,
        message: `${ins.label} cannot move above ${from ? findLabel(parsed, from.fromId) : 'its FROM'}: FROM stays first in its stage.`,
      })
    } else if (current > ins.stage) {
      violations.push({
        rule: 'stage',
        id: ins.id,
        message: `${ins.label} belongs to stage ${parsed.stages[ins.stage]?.label ?? ins.stage} and cannot move into stage ${parsed.stages[current]?.label ?? current}.`,
      })
    }
  }
  if (violations.length > 0) return { ok: false, violations }

  const position = new Map(order.map((ins, i) => [ins.id, i]))
  const messages = new Set<string>()
  for (const dep of inferDependencies(parsed, options)) {
    const then = position.get(dep.then) ?? -1
    const satisfied = dep.first.some((id) => (position.get(id) ?? Infinity) < then)
    if (satisfied || messages.has(dep.message)) continue
    messages.add(dep.message)
    violations.push({ rule: dep.rule, id: dep.about, message: dep.message, dependsOn: dep.first })
  }
  if (violations.length > 0) return { ok: false, violations }

  return { ok: true, parsed: withOrder(parsed, order) }
}

/**
 * The legal order that makes a source-only edit cheapest. Within each stage
 * FROM stays first; everything a source edit cannot reach is built before
 * the COPY that brings the source, and only what needs that COPY comes after
 * it. That is the least any order can rebuild: whatever depends on the source
 * copy rebuilds wherever it sits. Instructions that cost nothing and already
 * sit after the source copy (CMD, EXPOSE) stay there, so the best order reads
 * the way people write Dockerfiles. If no reordering helps, the author's
 * order is returned.
 */
export function bestOrder(parsed: ParsedDockerfile, options: SimulateOptions = {}): BestOrder {
  const context = completeContext(parsed, options.context)
  const orderOptions: OrderOptions = { context }
  const simulateOptions: SimulateOptions = { ...options, context }
  const deps = inferDependencies(parsed, orderOptions)
  const costs = new Map(
    simulateBuild(parsed, null, 'none', simulateOptions).instructions.map((r) => [
      r.id,
      r.rebuildSeconds,
    ]),
  )
  const volatile = sourceVolatile(parsed, context, deps)

  const original = parsed.instructions.map((i) => i.id)
  const candidates: string[][] = [original]
  for (const keepFreeInPlace of [true, false]) {
    const ids = [...parsed.globalArgs.map((a) => a.id)]
    for (const stage of parsed.stages) {
      ids.push(...arrangeStage(parsed, stage.index, deps, volatile, costs, keepFreeInPlace))
    }
    candidates.push(ids)
  }

  let best: BestOrder | null = null
  for (const ids of candidates) {
    const result = reorder(parsed, ids, orderOptions)
    if (!result.ok) continue
    const seconds = sourceEditSeconds(result.parsed, simulateOptions)
    if (!best || seconds < best.seconds - 1e-9) {
      best = { ids, parsed: result.parsed, seconds, originalSeconds: 0 }
    }
  }
  const originalSeconds = sourceEditSeconds(parsed, simulateOptions)
  if (!best) return { ids: original, parsed, seconds: originalSeconds, originalSeconds }
  return { ...best, originalSeconds }
}

/** Every "A must come before B" this Dockerfile implies, by the rules above. */
export function inferDependencies(
  parsed: ParsedDockerfile,
  options: OrderOptions = {},
): OrderDependency[] {
  const context = completeContext(parsed, options.context)
  const deps: OrderDependency[] = []
  for (const stage of parsed.stages) {
    const members = stageInstructions(parsed, stage.index)
    const originalIndex = new Map(
      [...members].sort((a, b) => a.line - b.line).map((ins, i) => [ins.id, i]),
    )
    const inOriginalOrder = [...members].sort(
      (a, b) => (originalIndex.get(a.id) ?? 0) - (originalIndex.get(b.id) ?? 0),
    )
    const brought = new Map<string, string[]>()
    for (const ins of members) {
      if (!ins.copy || ins.copy.from !== null || ins.copy.heredoc || ins.copy.remote) continue
      brought.set(ins.id, Object.keys(copiedFiles(ins.copy.sources, context).visible))
    }
    const bringers = (file: string): string[] =>
      [...brought.entries()]
        .filter(([, paths]) => paths.some((p) => p === file || p.endsWith(`/${file}`)))
        .map(([id]) => id)
    const stageDeps: OrderDependency[] = []
    const needsFiles = new Set<string>()

    for (const ins of members) {
      if (!ins.run) continue
      for (const need of filesNeeded(ins.run.command, context)) {
        const first = need.files.flatMap(bringers).filter((id) => id !== ins.id)
        if (first.length === 0) continue
        needsFiles.add(ins.id)
        stageDeps.push({
          rule: 'file',
          first: [...new Set(first)],
          then: ins.id,
          about: ins.id,
          message: `${DEPENDENCY_PREFIX}: ${ins.label} needs ${need.description}, copied later`,
        })
      }
    }

    let lastWorkdir: ParsedInstruction | null = null
    for (const ins of inOriginalOrder) {
      const relativeCopy =
        ins.copy && !/^[/$~]/.test(ins.copy.destination) && ins.copy.destination !== ''
      const relativeWorkdir = ins.keyword === 'WORKDIR' && !/^[/$]/.test(ins.args[0] ?? '/')
      if (lastWorkdir && (relativeCopy || relativeWorkdir || needsFiles.has(ins.id))) {
        stageDeps.push({
          rule: 'workdir',
          first: [lastWorkdir.id],
          then: ins.id,
          about: ins.id,
          message: `${DEPENDENCY_PREFIX}: ${ins.label} needs ${lastWorkdir.label}, set later`,
        })
      }
      if (ins.keyword === 'WORKDIR') lastWorkdir = ins
    }

    const creators = new Map<string, ParsedInstruction[]>()
    for (const ins of members) {
      if (!ins.run) continue
      for (const m of ins.run.command.matchAll(/\b(?:useradd|adduser)\b([^&;|]*)/g)) {
        const words = (m[1] ?? '').split(/\s+/).filter((w) => w && !w.startsWith('-'))
        const name = words[words.length - 1]
        if (name) creators.set(name, [...(creators.get(name) ?? []), ins])
      }
    }
    for (const ins of members) {
      const users: string[] = []
      if (ins.keyword === 'USER' && ins.args[0])
        users.push((ins.args[0].split(':')[0] ?? '').trim())
      if (ins.copy?.chown) users.push(ins.copy.chown.split(':')[0] ?? '')
      for (const user of users) {
        const made = creators.get(user)?.filter((c) => c.id !== ins.id)
        if (!made || made.length === 0) continue
        stageDeps.push({
          rule: 'user',
          first: made.map((c) => c.id),
          then: ins.id,
          about: ins.id,
          message: `${DEPENDENCY_PREFIX}: ${ins.label} needs the user ${user}, created by ${made[0]?.label ?? 'a RUN'}, which runs later`,
        })
      }
    }

    for (const [i, ins] of inOriginalOrder.entries()) {
      if (!ins.run || !needsRoot(ins.run.command)) continue
      for (const later of inOriginalOrder.slice(i + 1)) {
        if (later.keyword !== 'USER' || isRootUser(later.args[0] ?? '')) continue
        stageDeps.push({
          rule: 'root',
          first: [ins.id],
          then: later.id,
          about: ins.id,
          message: `${DEPENDENCY_PREFIX}: ${ins.label} needs root, but ${later.label} comes before it`,
        })
      }
    }

    const declarers = new Map<string, ParsedInstruction[]>()
    for (const ins of members) {
      if (ins.keyword !== 'ENV' && ins.keyword !== 'ARG') continue
      for (const v of ins.vars ?? []) declarers.set(v.name, [...(declarers.get(v.name) ?? []), ins])
    }
    for (const ins of members) {
      if (ins.keyword === 'FROM') continue
      for (const name of referencedVariables(ins.text.slice(ins.keyword.length))) {
        const by = declarers.get(name)?.filter((d) => d.id !== ins.id)
        if (!by || by.length === 0) continue
        stageDeps.push({
          rule: 'variable',
          first: by.map((d) => d.id),
          then: ins.id,
          about: ins.id,
          message: `${DEPENDENCY_PREFIX}: ${ins.label} needs ${by[0]?.keyword ?? 'ENV'} ${name}, declared later`,
        })
      }
    }

    // Keep only what the author's order satisfies (see the module comment).
    for (const dep of stageDeps) {
      const then = originalIndex.get(dep.then) ?? -1
      if (dep.first.some((id) => (originalIndex.get(id) ?? Infinity) < then)) deps.push(dep)
    }
  }
  return deps
}

// --- internals --------------------------------------------------------------

function findLabel(parsed: ParsedDockerfile, id: string): string {
  return parsed.instructions.find((i) => i.id === id)?.label ?? id
}

function withOrder(parsed: ParsedDockerfile, order: ParsedInstruction[]): ParsedDockerfile {
  return {
    ...parsed,
    instructions: [...parsed.globalArgs, ...order],
    stages: parsed.stages.map((stage) => ({
      ...stage,
      instructionIds: order.filter((ins) => ins.stage === stage.index).map((ins) => ins.id),
    })),
  }
}

interface FileNeed {
  files: string[]
  description: string
}

const INSTALL_MANIFESTS: { pattern: RegExp; files: string[] }[] = [
  { pattern: /\bnpm\s+ci\b/, files: ['package.json', 'package-lock.json'] },
  {
    pattern: /\b(npm|pnpm)\s+(install|i)\b|\bbun\s+install\b|^\s*yarn(\s+install)?(\s+--?\S+)*\s*$/,
    files: ['package.json'],
  },
  { pattern: /\bpoetry\s+install\b|\buv\s+sync\b/, files: ['pyproject.toml'] },
  { pattern: /\bpipenv\s+(install|sync)\b/, files: ['Pipfile'] },
  { pattern: /\bgo\s+mod\s+download\b/, files: ['go.mod'] },
  { pattern: /\bbundle(\s+install)?\b/, files: ['Gemfile'] },
  { pattern: /\bcomposer\s+install\b/, files: ['composer.json'] },
  { pattern: /\bcargo\s+(build|fetch)\b/, files: ['Cargo.toml'] },
  { pattern: /\bmvnw?\b/, files: ['pom.xml'] },
  { pattern: /\bgradlew?\b/, files: ['build.gradle'] },
]

/** The files a RUN command reads from what earlier COPYs brought in. */
function filesNeeded(command: string, context: BuildContext): FileNeed[] {
  const needs: FileNeed[] = []
  const seen = new Set<string>()
  const add = (files: string[], description: string): void => {
    if (seen.has(description)) return
    seen.add(description)
    needs.push({ files, description })
  }
  for (const step of classifyRun(command)) {
    const segment = step.segment
    for (const { pattern, files } of INSTALL_MANIFESTS) {
      if (pattern.test(segment)) for (const f of files) add([f], f)
    }
    for (const m of segment.matchAll(/(?:^|\s)(?:-r|--requirement)(?:\s+|=)(\S+)/g)) {
      if (m[1]) add([cleanPath(m[1])], cleanPath(m[1]))
    }
    if (/\bpip3?\s+install\b.*(?:\s|^)(-e\s+)?\.(\s|$)/.test(segment)) {
      add(['pyproject.toml', 'setup.py'], 'pyproject.toml')
    }
    if (step.kind === 'build') add([context.sourceFile], `the app source (${context.sourceFile})`)
    for (const word of segment.split(/\s+/)) {
      const path = cleanPath(word.replace(/^["']|["']$/g, ''))
      if (path && /[./]/.test(path) && context.files[path] !== undefined) add([path], path)
    }
  }
  return needs
}

function needsRoot(command: string): boolean {
  return classifyRun(command).some(
    (s) =>
      s.kind === 'system-packages' ||
      /\b(useradd|adduser|groupadd|addgroup|chown)\b|\bnpm\s+(install|i)\s+(-g|--global)\b/.test(
        s.segment,
      ),
  )
}

function isRootUser(user: string): boolean {
  const name = user.split(':')[0] ?? ''
  return name === 'root' || name === '0'
}

/**
 * Instructions a source-only edit reaches in any order: COPYs that bring the
 * source file, COPY --from stages those rebuild, whole stages built on a
 * rebuilt stage, and everything that must follow one of those.
 */
function sourceVolatile(
  parsed: ParsedDockerfile,
  context: BuildContext,
  deps: OrderDependency[],
): Set<string> {
  const volatile = new Set<string>()
  const touched = new Set<number>()
  const stageDeps = stageDependencies(parsed.stages, parsed.instructions)
  const order: number[] = []
  const visit = (s: number, path: Set<number>): void => {
    if (order.includes(s) || path.has(s)) return
    path.add(s)
    for (const d of stageDeps.get(s) ?? []) visit(d, path)
    path.delete(s)
    order.push(s)
  }
  parsed.stages.forEach((s) => visit(s.index, new Set()))

  for (const index of order) {
    const stage = parsed.stages[index]
    if (!stage) continue
    const members = stageInstructions(parsed, index)
    if (stage.baseStage !== null && touched.has(stage.baseStage)) {
      members.forEach((m) => volatile.add(m.id))
      touched.add(index)
      continue
    }
    for (const ins of members) {
      const copy = ins.copy
      if (!copy) continue
      if (copy.fromStage !== null && touched.has(copy.fromStage)) volatile.add(ins.id)
      if (copy.from === null && !copy.heredoc && !copy.remote) {
        if (copiedFiles(copy.sources, context).visible[context.sourceFile] !== undefined)
          volatile.add(ins.id)
      }
    }
    const ids = new Set(members.map((m) => m.id))
    let grew = true
    while (grew) {
      grew = false
      for (const dep of deps) {
        if (!ids.has(dep.then) || volatile.has(dep.then)) continue
        if (dep.first.every((id) => volatile.has(id))) {
          volatile.add(dep.then)
          grew = true
        }
      }
    }
    if (members.some((m) => volatile.has(m.id))) touched.add(index)
  }
  return volatile
}

/**
 * Orders one stage: repeatedly place the earliest instruction (in the
 * author's order) whose dependencies are met, preferring ones a source edit
 * cannot reach. With keepFreeInPlace, zero-cost instructions that the author
 * put after the source copy are not preferred, so they stay after it.
 */
function arrangeStage(
  parsed: ParsedDockerfile,
  stageIndex: number,
  deps: OrderDependency[],
  volatile: Set<string>,
  costs: Map<string, number>,
  keepFreeInPlace: boolean,
): string[] {
  const members = stageInstructions(parsed, stageIndex).sort((a, b) => a.line - b.line)
  const [from, ...rest] = members
  if (!from) return []
  const firstVolatile = rest.findIndex((ins) => volatile.has(ins.id))
  const early = (ins: ParsedInstruction, i: number): boolean => {
    if (volatile.has(ins.id)) return false
    if (!keepFreeInPlace) return true
    return (costs.get(ins.id) ?? 0) > 0 || firstVolatile < 0 || i < firstVolatile
  }
  const placed = new Set<string>([from.id])
  const result = [from.id]
  const remaining = rest.map((ins, i) => ({ ins, early: early(ins, i) }))
  const ready = (ins: ParsedInstruction): boolean =>
    deps.every((d) => d.then !== ins.id || d.first.some((id) => placed.has(id)))
  while (remaining.length > 0) {
    let pick = remaining.findIndex((r) => r.early && ready(r.ins))
    if (pick < 0) pick = remaining.findIndex((r) => ready(r.ins))
    // The author's order satisfies every kept dependency, so something is
    // always ready; the fallback only guards against a broken invariant.
    if (pick < 0) pick = 0
    const [chosen] = remaining.splice(pick, 1)
    if (!chosen) break
    placed.add(chosen.ins.id)
    result.push(chosen.ins.id)
  }
  return result
}
