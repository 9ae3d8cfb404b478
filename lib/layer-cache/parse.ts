import { DockerfileParser } from 'dockerfile-ast'
import type { Instruction as AstInstruction } from 'dockerfile-ast'

/**
 * Turns a lesson's Dockerfile into the plain data the layer-cache simulator
 * works on. dockerfile-ast does the tokenising (continuations, JSON form,
 * heredocs, flags, escape directive); this module adds what the simulator
 * needs on top: stages, stable ids, COPY sources and stage references, and
 * problems an author should fix. It never throws: whatever it cannot make
 * sense of becomes an entry in `errors`.
 */

export const INSTRUCTION_KEYWORDS = [
  'FROM',
  'RUN',
  'COPY',
  'ADD',
  'ENV',
  'ARG',
  'WORKDIR',
  'EXPOSE',
  'CMD',
  'ENTRYPOINT',
  'LABEL',
  'USER',
  'HEALTHCHECK',
  'VOLUME',
  'SHELL',
  'STOPSIGNAL',
  'ONBUILD',
  'MAINTAINER',
] as const

export type InstructionKeyword = (typeof INSTRUCTION_KEYWORDS)[number]

/** Instructions that only change image configuration: no command runs, no files change. */
export const METADATA_KEYWORDS: ReadonlySet<string> = new Set([
  'ENV',
  'ARG',
  'WORKDIR',
  'EXPOSE',
  'CMD',
  'ENTRYPOINT',
  'LABEL',
  'USER',
  'HEALTHCHECK',
  'VOLUME',
  'SHELL',
  'STOPSIGNAL',
  'ONBUILD',
  'MAINTAINER',
])

export interface ParseError {
  /** 1-based line the problem starts on. */
  line: number
  message: string
}

export interface CopyDetails {
  /** Sources as written, relative to the build context (or to the --from stage). */
  sources: string[]
  destination: string
  /** The raw --from value, if any. */
  from: string | null
  /** Index of the stage named by --from; null when copying from the build context or an image. */
  fromStage: number | null
  /** An image named by --from (e.g. nginx:1.27), which the build pulls rather than builds. */
  fromImage: string | null
  /** True when a source is the whole context (`.`, `./`, `*`, `/`): it sees every edit .dockerignore lets through. */
  broad: boolean
  /** Content written inline with a heredoc (COPY <<EOF …): nothing comes from the context. */
  heredoc: boolean
  /** ADD of a URL or git repository: the content comes from the network, not the context. */
  remote: boolean
  /** --chown value, used to infer that the user must exist first. */
  chown: string | null
}

export interface RunDetails {
  /** The command with continuation lines joined, flags (such as --mount) left out. */
  command: string
  /** RUN --mount=type=cache: the package manager keeps its download cache between rebuilds. */
  cacheMount: boolean
}

export interface VarDetails {
  name: string
  /** The default written in the Dockerfile; null for `ARG NAME` with no default. */
  value: string | null
  /** Where the value sits inside the instruction's `text`, so an edit can rewrite just it. */
  valueSpan: [number, number] | null
}

export interface ParsedInstruction {
  /** Stable for the life of the instruction, even after reordering: `s<stage>-i<position>`, or `g-i<n>` for an ARG before the first FROM. */
  id: string
  /** Stage index; -1 for an ARG before the first FROM. */
  stage: number
  /** Upper-cased instruction word (unknown words are kept as written, upper-cased, and reported in errors). */
  keyword: InstructionKeyword | (string & {})
  /** The instruction exactly as written, continuation lines included. */
  text: string
  /** One line, shortened: for lists and messages. */
  label: string
  /** Arguments after the keyword and flags, split as Docker would. */
  args: string[]
  /** Flags such as --from, --chown, --mount, --platform. A flag given twice keeps the last value. */
  flags: Record<string, string | null>
  /** 1-based first and last line in the original file. */
  line: number
  endLine: number
  copy?: CopyDetails
  run?: RunDetails
  vars?: VarDetails[]
}

export interface ParsedStage {
  index: number
  /** The alias from `FROM … AS name`, lower-cased as Docker treats it; null when unnamed. */
  name: string | null
  /** The name, or `stage <index>` for an unnamed stage. */
  label: string
  fromId: string
  line: number
  /** Base image reference with ARG defaults substituted, e.g. `python:3.11-slim`. */
  image: string
  /** As written, before substitution, e.g. `python:${PY}-slim`. */
  rawImage: string
  /** Repository without tag or digest, registry included, e.g. `python` or `ghcr.io/acme/api`. */
  imageName: string
  tag: string | null
  digest: string | null
  /** Index of an earlier stage this one builds on (`FROM build AS test`); null for an image. */
  baseStage: number | null
  /** Ids of the stage's instructions in build order, FROM first. */
  instructionIds: string[]
}

export interface ParsedDockerfile {
  /** The source the instructions came from; after `reorder` it is still the author's original. */
  source: string
  /** ARG instructions before the first FROM: visible only to FROM lines and to stages that redeclare them. */
  globalArgs: ParsedInstruction[]
  stages: ParsedStage[]
  /** Every instruction in build order: global ARGs first, then each stage. */
  instructions: ParsedInstruction[]
  errors: ParseError[]
}

const KNOWN = new Set<string>(INSTRUCTION_KEYWORDS)

export function parseDockerfile(source: string): ParsedDockerfile {
  const text = typeof source === 'string' ? source : ''
  const empty: ParsedDockerfile = {
    source: text,
    globalArgs: [],
    stages: [],
    instructions: [],
    errors: [],
  }
  let astInstructions: AstInstruction[]
  try {
    astInstructions = DockerfileParser.parse(text).getInstructions()
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    empty.errors.push({ line: 1, message: `The Dockerfile could not be read: ${detail}` })
    return empty
  }
  if (astInstructions.length === 0) {
    empty.errors.push({
      line: 1,
      message:
        'The Dockerfile is empty: it needs at least a FROM line, e.g. FROM python:3.11-slim.',
    })
    return empty
  }

  const lineStarts = computeLineStarts(text)
  const errors: ParseError[] = []
  const globalArgs: ParsedInstruction[] = []
  const stages: ParsedStage[] = []
  const instructions: ParsedInstruction[] = []
  const stageMembers: ParsedInstruction[][] = []
  const beforeFrom = new Set<ParseError>()

  for (const ast of astInstructions) {
    let parsed: ParsedInstruction
    try {
      parsed = readInstruction(ast, text, lineStarts)
    } catch (error) {
      // dockerfile-ast is tolerant, but a malformed line should cost the author one
      // error message, not the whole lesson.
      const line = safeLine(ast)
      const detail = error instanceof Error ? error.message : String(error)
      errors.push({ line, message: `This line could not be read: ${detail}` })
      continue
    }
    if (!KNOWN.has(parsed.keyword)) {
      errors.push({
        line: parsed.line,
        message: `${parsed.keyword} is not a Dockerfile instruction.`,
      })
    }

    if (parsed.keyword === 'FROM') {
      const index = stages.length
      parsed.id = `s${index}-i0`
      parsed.stage = index
      stages.push(readStage(parsed, index, stages, globalArgs, errors))
      stageMembers.push([parsed])
      continue
    }

    const current = stageMembers[stageMembers.length - 1]
    if (!current) {
      if (parsed.keyword === 'ARG') {
        parsed.id = `g-i${globalArgs.length}`
        parsed.stage = -1
        globalArgs.push(parsed)
      } else {
        const error = {
          line: parsed.line,
          message: `${parsed.keyword} comes before the first FROM; only ARG may appear before FROM.`,
        }
        beforeFrom.add(error)
        errors.push(error)
      }
      continue
    }
    parsed.stage = stages.length - 1
    parsed.id = `s${parsed.stage}-i${current.length}`
    current.push(parsed)
  }

  if (stages.length === 0) {
    // Without any FROM, "X comes before the first FROM" on every line says the
    // same thing many times; one message is clearer.
    errors.splice(0, errors.length, ...errors.filter((e) => !beforeFrom.has(e)))
    errors.push({
      line: safeLine(astInstructions[0] as AstInstruction),
      message:
        'There is no FROM instruction: every build starts FROM a base image, e.g. FROM python:3.11-slim.',
    })
  }

  instructions.push(...globalArgs)
  stageMembers.forEach((members, index) => {
    const stage = stages[index]
    if (stage) stage.instructionIds = members.map((m) => m.id)
    instructions.push(...members)
  })

  for (const ins of instructions) checkInstruction(ins, stages, errors)
  checkStageCycles(stages, instructions, errors)

  errors.sort((a, b) => a.line - b.line)
  return { source: text, globalArgs, stages, instructions, errors }
}

/** Looks an instruction up by id. */
export function findInstruction(
  parsed: ParsedDockerfile,
  id: string,
): ParsedInstruction | undefined {
  return parsed.instructions.find((ins) => ins.id === id)
}

/** The instructions of one stage in build order, FROM first. */
export function stageInstructions(parsed: ParsedDockerfile, stage: number): ParsedInstruction[] {
  return parsed.instructions.filter((ins) => ins.stage === stage)
}

/** Writes the Dockerfile back out in its current order: what the learner's reordering produces. */
export function formatDockerfile(parsed: ParsedDockerfile): string {
  const stages = parsed.stages.map((stage) =>
    stageInstructions(parsed, stage.index)
      .map((ins) => ins.text)
      .join('\n'),
  )
  const args = parsed.globalArgs.map((a) => `${a.text}\n`).join('')
  return `${args}${stages.join('\n\n')}\n`
}

/**
 * Splits an image reference into repository, tag and digest. A colon after the
 * last slash is a tag; one before it belongs to a registry port.
 */
export function splitImageReference(reference: string): {
  name: string
  tag: string | null
  digest: string | null
} {
  let rest = reference.trim()
  let digest: string | null = null
  const at = rest.indexOf('@')
  if (at >= 0) {
    digest = rest.slice(at + 1) || null
    rest = rest.slice(0, at)
  }
  const slash = rest.lastIndexOf('/')
  const colon = rest.lastIndexOf(':')
  if (colon > slash) {
    return { name: rest.slice(0, colon), tag: rest.slice(colon + 1) || null, digest }
  }
  return { name: rest, tag: null, digest }
}

/**
 * Substitutes `$NAME`, `${NAME}`, `${NAME:-default}` and `${NAME:+alt}` with the
 * given values; an unknown variable becomes empty, as Docker does.
 */
export function substituteVariables(
  value: string,
  lookup: (name: string) => string | null | undefined,
): string {
  return value.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (
      _match,
      braced: string | undefined,
      op: string | undefined,
      word: string | undefined,
      bare: string | undefined,
    ) => {
      const name = braced ?? bare ?? ''
      const found = lookup(name)
      const set = found !== null && found !== undefined && found !== ''
      if (op === '-') return set ? found : (word ?? '')
      if (op === '+') return set ? (word ?? '') : ''
      return found ?? ''
    },
  )
}

/** Names referenced as `$NAME` or `${NAME…}` in a piece of text. */
export function referencedVariables(value: string): string[] {
  const names = new Set<string>()
  for (const m of value.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
    if (m[1]) names.add(m[1])
  }
  return [...names]
}

/** One line, whitespace collapsed, shortened at a word boundary. */
export function makeLabel(text: string, max = 60): string {
  const firstHeredocLine = text.includes('<<') ? (text.split('\n')[0] ?? text) : text
  const flat = firstHeredocLine
    .replace(/\\\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  if (flat.length <= max) return flat
  const cut = flat.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  return `${space > max / 2 ? cut.slice(0, space) : cut} …`
}

// --- internals --------------------------------------------------------------

function computeLineStarts(text: string): number[] {
  const starts = [0]
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1)
  return starts
}

function offsetOf(lineStarts: number[], position: { line: number; character: number }): number {
  return (lineStarts[position.line] ?? 0) + position.character
}

function safeLine(ast: AstInstruction): number {
  try {
    return ast.getRange().start.line + 1
  } catch {
    return 1
  }
}

// dockerfile-ast's class hierarchy is only partly typed through its public
// entry point, so the specialised getters are reached structurally.
interface FlagLike {
  getName(): string
  getValue(): string | null
}
interface PropertyLike {
  getName(): string
  getValue(): string | null
  getValueRange(): {
    start: { line: number; character: number }
    end: { line: number; character: number }
  } | null
}
type WithFlags = { getFlags(): FlagLike[] }
type WithProperties = { getProperties(): PropertyLike[] }
type WithHeredocs = { getHeredocs(): unknown[] }

function hasMethod<T>(value: unknown, name: string): value is T {
  return typeof (value as Record<string, unknown>)[name] === 'function'
}

function readInstruction(
  ast: AstInstruction,
  source: string,
  lineStarts: number[],
): ParsedInstruction {
  const range = ast.getRange()
  const start = offsetOf(lineStarts, range.start)
  const end = offsetOf(lineStarts, range.end)
  const text = source.slice(start, end)
  const keyword = ast.getKeyword().toUpperCase()
  const flags: Record<string, string | null> = {}
  if (hasMethod<WithFlags>(ast, 'getFlags')) {
    for (const flag of ast.getFlags()) flags[flag.getName().toLowerCase()] = flag.getValue()
  }
  const content = ast.getArgumentsContent() ?? ''
  const jsonForm = readJsonArray(content)
  const args = jsonForm ?? ast.getArguments().map((a) => a.getValue())

  const parsed: ParsedInstruction = {
    id: '',
    stage: -1,
    keyword,
    text,
    label: makeLabel(text),
    args,
    flags,
    line: range.start.line + 1,
    endLine: range.end.line + 1,
  }

  if (keyword === 'COPY' || keyword === 'ADD') {
    const heredoc =
      hasMethod<WithHeredocs>(ast, 'getHeredocs') && ast.getHeredocs().length > 0
        ? true
        : /^<<-?["']?[A-Za-z_]/.test(content)
    const sources = heredoc ? [] : args.slice(0, -1)
    const destination = heredoc
      ? (args.find((a, i) => i > 0 && !a.startsWith('<<')) ?? '')
      : (args[args.length - 1] ?? '')
    const remote = keyword === 'ADD' && sources.some((s) => /^(https?:\/\/|git@|git:\/\/)/.test(s))
    parsed.copy = {
      sources,
      destination,
      from: flags.from ?? null,
      fromStage: null,
      fromImage: null,
      broad: sources.some((s) => isBroadSource(s)),
      heredoc,
      remote,
      chown: flags.chown ?? null,
    }
  } else if (keyword === 'RUN') {
    const command = jsonForm ? jsonForm.join(' ') : content.replace(/\s+/g, ' ').trim()
    const mount = flags.mount ?? ''
    parsed.run = { command, cacheMount: /type=cache/.test(mount) }
  } else if (
    (keyword === 'ENV' || keyword === 'ARG') &&
    hasMethod<WithProperties>(ast, 'getProperties')
  ) {
    parsed.vars = ast.getProperties().map((p) => {
      const valueRange = p.getValueRange()
      return {
        name: p.getName(),
        value: p.getValue(),
        valueSpan: valueRange
          ? [
              offsetOf(lineStarts, valueRange.start) - start,
              offsetOf(lineStarts, valueRange.end) - start,
            ]
          : null,
      }
    })
  }
  return parsed
}

/**
 * dockerfile-ast drops spaces inside JSON strings (["a b"] reads as "ab"), so
 * exec-form arguments are read with JSON.parse when they are valid JSON.
 */
function readJsonArray(content: string): string[] | null {
  const trimmed = content.trim()
  if (!trimmed.startsWith('[')) return null
  try {
    const value: unknown = JSON.parse(trimmed)
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[]
  } catch {
    // Not valid JSON: Docker then treats it as shell form, and so do we.
  }
  return null
}

function isBroadSource(source: string): boolean {
  const s = source.replace(/^\.\//, '').replace(/\/+$/, '')
  return s === '' || s === '.' || s === '*' || s === '/'
}

function readStage(
  from: ParsedInstruction,
  index: number,
  earlier: ParsedStage[],
  globalArgs: ParsedInstruction[],
  errors: ParseError[],
): ParsedStage {
  // FROM [--platform=…] image [AS name]
  const args = from.args
  const rawImage = args[0] ?? ''
  let name: string | null = null
  if (args.length >= 3 && args[1]?.toUpperCase() === 'AS')
    name = (args[2] ?? '').toLowerCase() || null
  if (!rawImage) {
    errors.push({
      line: from.line,
      message: 'FROM needs a base image, e.g. FROM node:20-alpine.',
    })
  } else if (
    args.length === 2 ||
    (args.length >= 3 && args[1]?.toUpperCase() !== 'AS') ||
    args.length > 3
  ) {
    errors.push({
      line: from.line,
      message: 'FROM takes an image and an optional stage name: FROM image[:tag] [AS name].',
    })
  }
  if (name && earlier.some((s) => s.name === name)) {
    const first = earlier.find((s) => s.name === name)
    errors.push({
      line: from.line,
      message: `The stage name "${name}" is already used on line ${first?.line ?? '?'}; stage names must be unique.`,
    })
  }

  const image = substituteVariables(rawImage, (v) => globalArgValue(globalArgs, v))
  const split = splitImageReference(image)
  const lowered = image.toLowerCase()
  const baseStage =
    split.tag || split.digest ? null : (earlier.find((s) => s.name === lowered)?.index ?? null)
  return {
    index,
    name,
    label: name ?? `stage ${index}`,
    fromId: from.id,
    line: from.line,
    image,
    rawImage,
    imageName: split.name,
    tag: split.tag,
    digest: split.digest,
    baseStage,
    instructionIds: [],
  }
}

function globalArgValue(globalArgs: ParsedInstruction[], name: string): string | null | undefined {
  let value: string | null | undefined
  for (const arg of globalArgs) {
    for (const v of arg.vars ?? []) if (v.name === name) value = v.value
  }
  return value
}

/** Resolves a --from value to a stage index, or null if it names no stage. */
export function resolveStageReference(stages: ParsedStage[], reference: string): number | null {
  if (/^\d+$/.test(reference)) {
    const n = Number(reference)
    return n < stages.length ? n : null
  }
  const lowered = reference.toLowerCase()
  return stages.find((s) => s.name === lowered)?.index ?? null
}

function checkInstruction(
  ins: ParsedInstruction,
  stages: ParsedStage[],
  errors: ParseError[],
): void {
  const word = ins.keyword
  if ((word === 'COPY' || word === 'ADD') && ins.copy) {
    const copy = ins.copy
    if (!copy.heredoc && ins.args.length < 2) {
      errors.push({
        line: ins.line,
        message: `${word} needs at least one source and a destination.`,
      })
    }
    if (copy.from !== null) resolveCopyFrom(ins, copy, stages, errors)
    return
  }
  if (word === 'RUN' && !ins.run?.command) {
    errors.push({ line: ins.line, message: 'RUN needs a command to run.' })
    return
  }
  if (word === 'ENV') {
    const vars = ins.vars ?? []
    if (vars.length === 0)
      errors.push({
        line: ins.line,
        message: 'ENV needs a name and a value, e.g. ENV NODE_ENV=production.',
      })
    for (const v of vars) {
      if (v.value === null) {
        errors.push({
          line: ins.line,
          message: `ENV ${v.name} needs a value, e.g. ENV ${v.name}=value.`,
        })
      }
    }
    return
  }
  if (word === 'ARG' && (ins.vars ?? []).length === 0) {
    errors.push({ line: ins.line, message: 'ARG needs a name, e.g. ARG APP_VERSION=1.0.' })
    return
  }
  if (word === 'WORKDIR' && ins.args.length === 0) {
    errors.push({ line: ins.line, message: 'WORKDIR needs a directory, e.g. WORKDIR /app.' })
  }
}

function resolveCopyFrom(
  ins: ParsedInstruction,
  copy: CopyDetails,
  stages: ParsedStage[],
  errors: ParseError[],
): void {
  const reference = copy.from ?? ''
  if (!reference) {
    errors.push({ line: ins.line, message: `${ins.keyword} --from needs a stage name or image.` })
    return
  }
  if (reference.includes('$')) {
    // Resolved only at build time; the simulator treats it as an image it cannot see into.
    copy.fromImage = reference
    return
  }
  const stage = resolveStageReference(stages, reference)
  if (stage !== null) {
    if (stage === ins.stage) {
      errors.push({
        line: ins.line,
        message: `${ins.keyword} --from=${reference} copies from its own stage; --from must name another stage.`,
      })
      return
    }
    copy.fromStage = stage
    return
  }
  if (/^\d+$/.test(reference)) {
    errors.push({
      line: ins.line,
      message: `${ins.keyword} --from=${reference} refers to stage ${reference}, but the Dockerfile has ${stages.length} stage${stages.length === 1 ? '' : 's'} (numbered from 0).`,
    })
    return
  }
  if (/[:/@]/.test(reference)) {
    copy.fromImage = reference
    return
  }
  // Docker would try to pull an image with this name; in a lesson it is almost
  // always a misspelt stage, so the author hears about it now.
  const names = stages.map((s) => s.name).filter((n): n is string => n !== null)
  const known =
    names.length > 0
      ? ` (stages: ${names.join(', ')})`
      : ' (no stage has a name; add one with FROM … AS name)'
  errors.push({
    line: ins.line,
    message: `${ins.keyword} --from=${reference} refers to an unknown stage${known}. To copy from an image, include its tag, e.g. --from=${reference}:latest.`,
  })
}

/** Stages may refer to each other in any order, but not in a circle. */
function checkStageCycles(
  stages: ParsedStage[],
  instructions: ParsedInstruction[],
  errors: ParseError[],
): void {
  const deps = stageDependencies(stages, instructions)
  const state = new Map<number, 'visiting' | 'done'>()
  const reported = new Set<number>()
  const visit = (s: number, path: number[]): void => {
    if (state.get(s) === 'done') return
    if (state.get(s) === 'visiting') {
      const cycle = path.slice(path.indexOf(s))
      if (!cycle.some((c) => reported.has(c))) {
        cycle.forEach((c) => reported.add(c))
        const names = cycle.map((c) => stages[c]?.label ?? String(c))
        errors.push({
          line: stages[s]?.line ?? 1,
          message: `Stages ${names.join(' → ')} → ${stages[s]?.label ?? s} depend on each other in a circle, so none of them can be built first.`,
        })
      }
      return
    }
    state.set(s, 'visiting')
    for (const d of deps.get(s) ?? []) visit(d, [...path, s])
    state.set(s, 'done')
  }
  for (const stage of stages) visit(stage.index, [])
}

/** For each stage, the stages it needs built first (FROM <stage> and COPY --from). */
export function stageDependencies(
  stages: ParsedStage[],
  instructions: ParsedInstruction[],
): Map<number, number[]> {
  const deps = new Map<number, number[]>()
  for (const stage of stages)
    deps.set(stage.index, stage.baseStage !== null ? [stage.baseStage] : [])
  for (const ins of instructions) {
    const from = ins.copy?.fromStage
    if (from === null || from === undefined || ins.stage < 0) continue
    const list = deps.get(ins.stage)
    if (list && !list.includes(from)) list.push(from)
  }
  return deps
}
