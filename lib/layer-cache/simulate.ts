import type { BuildContext } from './context'
import { completeContext, copiedFiles, isIgnored } from './context'
import type { CostTable } from './costs'
import { copyCost, metadataCost, pullCost, resolveCosts, runCost } from './costs'
import type { AppliedEdit, BuildWorld, Edit, EditKind } from './edits'
import { applyEdit, effectiveImage, effectiveText, effectiveVars, initialWorld } from './edits'
import type { ParsedDockerfile, ParsedInstruction, ParsedStage } from './parse'
import { makeLabel, stageDependencies, stageInstructions } from './parse'

/**
 * Docker's build cache, simulated. Each layer's cache key is its parent's key
 * plus what the instruction depends on:
 *
 * - FROM: the base image (name, tag, and which pull of a moving tag), or the
 *   final layer of the stage it builds on.
 * - COPY/ADD from the context: the instruction text and the content of the
 *   files it copies after .dockerignore.
 * - COPY --from=<stage>: the instruction text and the final layer of that stage.
 * - RUN: the command text only; Docker never looks at what a command reads.
 * - ENV/ARG: the text and the value in force (a --build-arg changes an ARG's
 *   value without changing the text).
 * - Everything else: the text.
 *
 * Because the parent is part of the key, once a layer misses every later layer
 * in its stage misses too: the chain rule falls out of the keys rather than
 * being special-cased. The cache holds every layer earlier builds produced,
 * so putting instructions back in an order built before reuses those layers,
 * as a real builder with an unpruned cache would.
 *
 * Simplifications, each chosen to keep the lesson's picture clear: every stage
 * is built (BuildKit skips stages the target does not need); identical layers
 * in two stages are not shared within one build (so a first build rebuilds
 * everything); COPY --from rebuilds whenever its source stage rebuilt, even if
 * the copied files came out identical.
 */

export type LayerStatus = 'reused' | 'rebuilt'

export interface LayerResult {
  id: string
  /** -1 for an ARG before the first FROM. */
  stage: number
  keyword: string
  line: number
  /** The instruction as it reads in this build (after ENV, package or tag edits). */
  text: string
  label: string
  status: LayerStatus
  /** The cache rule that decided the status, in plain words. */
  reason: string
  /** Seconds this build spent on the layer: 0 when reused. */
  costSeconds: number
  /** Seconds the layer takes whenever it does rebuild, so the widget can show what reuse saved. */
  rebuildSeconds: number
}

export interface StageResult {
  index: number
  name: string | null
  label: string
  /** Layer seconds spent in this stage. */
  seconds: number
  rebuilt: number
  reused: number
  /** The first layer of the stage that rebuilt (everything after it rebuilt too), or null if all were reused. */
  rebuiltFromId: string | null
}

/** What a layer's cache key was made of, kept so the next build can say what changed. */
export interface LayerInput {
  text: string
  files?: Record<string, number>
  base?: string
  fromStage?: string
  values?: Record<string, string | null>
}

export interface LayerRecord {
  key: string
  input: LayerInput
}

/** Pass the previous result's state to the next build. Plain data: safe to JSON.stringify and store. */
export interface BuildState {
  version: 1
  buildNumber: number
  world: BuildWorld
  /** Keys of every layer built so far, oldest first. */
  cache: string[]
  /** The last build's layers by instruction id. */
  layers: Record<string, LayerRecord>
}

export interface BuildResult {
  buildNumber: number
  edit: AppliedEdit
  /** One entry per instruction in build order (global ARGs first). */
  instructions: LayerResult[]
  stages: StageResult[]
  layerSeconds: number
  /** Sending the context and writing the image: paid by every build. */
  overheadSeconds: number
  totalSeconds: number
  /** One sentence for the top of the results. */
  summary: string
  /** Things an author should know, such as a COPY that matches no file in the context. */
  warnings: string[]
  state: BuildState
}

export interface SimulateOptions {
  /** The build context for the first build; later builds carry it in the state. Missing parts get defaults. */
  context?: Partial<BuildContext>
  costs?: Partial<CostTable>
  /** Seconds an instruction takes when it rebuilds, by id; wins over the estimate. */
  instructionCosts?: Record<string, number>
}

/** Oldest keys are dropped past this, the way a builder prunes its cache. */
const CACHE_LIMIT = 2000

export function simulateBuild(
  parsed: ParsedDockerfile,
  previous: BuildState | null,
  editInput: Edit | EditKind,
  options: SimulateOptions = {},
): BuildResult {
  const costs = resolveCosts(options.costs)
  const startWorld = previous?.world ?? initialWorld(completeContext(parsed, options.context))
  const { world, edit } = applyEdit(parsed, startWorld, editInput)
  const cache = new Set(previous?.cache ?? [])
  const first = previous === null
  const warnings: string[] = []

  const results = new Map<string, LayerResult>()
  const records: Record<string, LayerRecord> = {}
  const stageKeys = new Map<number, string>()
  const stageRoots = new Map<number, string | null>()

  for (const arg of parsed.globalArgs) {
    const values = effectiveVars(parsed, arg, world)
    const input: LayerInput = { text: normalise(arg.text), values }
    const before = previous?.layers[arg.id]?.input.values
    const changed = before ? changedValues(before, values) : []
    const label = arg.label
    const rebuilt = first || !before || changed.length > 0
    const reason = first
      ? `${label} rebuilt: first build, so nothing is cached yet.`
      : changed.length > 0
        ? `${label} rebuilt: its value changed (${changed.map(describeValueChange).join(', ')}). An ARG before FROM only reaches FROM lines and stages that redeclare it with ARG ${changed[0]?.name ?? ''}.`
        : `${label} reused: its value is unchanged.`
    records[arg.id] = { key: hash(serialise(input)), input }
    results.set(arg.id, layer(arg, arg.text, rebuilt, reason, 0))
  }

  for (const stageIndex of buildOrder(parsed)) {
    const stage = parsed.stages[stageIndex]
    if (!stage) continue
    let parentKey = `stage-root`
    let root: { ins: ParsedInstruction; label: string } | null = null
    for (const ins of stageInstructions(parsed, stageIndex)) {
      const text = effectiveText(parsed, ins, world)
      const { input, copied } = layerInput(parsed, ins, stage, text, world, stageKeys)
      const key = hash(`${parentKey}\u0000${serialise(input)}`)
      const hit = !first && cache.has(key)
      const rebuildSeconds = estimateCost(
        parsed,
        ins,
        stage,
        world,
        copied?.sizeKb ?? 0,
        costs,
        options,
      )
      const previousRecord = previous?.layers[ins.id]
      const label = makeLabel(text)

      if (copied && ins.copy && !ins.copy.heredoc && Object.keys(copied.visible).length === 0) {
        warnings.push(
          copied.ignored.length > 0
            ? `${label} (line ${ins.line}) copies nothing: .dockerignore excludes everything it names. Docker would stop with "not found".`
            : `${label} (line ${ins.line}) copies nothing: no file in the build context matches ${ins.copy.sources.join(' ')}. Docker would stop with "not found".`,
        )
      }

      let reason: string
      if (hit) {
        reason =
          previousRecord && previousRecord.key !== key
            ? `${label} reused: this exact layer is still in the build cache from an earlier build.`
            : reusedReason(parsed, ins, label, edit, world)
      } else if (first) {
        reason = `${label} rebuilt: first build, so nothing is cached yet.`
      } else if (root) {
        reason = `${label} rebuilt: ${root.label} (line ${root.ins.line}) was rebuilt, and once a layer rebuilds every later layer in the stage rebuilds too.`
      } else {
        reason =
          ownChangeReason(parsed, ins, stage, label, input, previousRecord?.input, edit, world) ??
          (previousRecord
            ? `${label} rebuilt: the layers before it differ from the last build (the order changed), and a layer is only reused on top of exactly the same earlier layers.`
            : `${label} rebuilt: it was not part of the last build.`)
      }
      if (!hit && !root) root = { ins, label }

      records[ins.id] = { key, input }
      results.set(ins.id, layer(ins, text, !hit, reason, rebuildSeconds))
      parentKey = key
    }
    stageKeys.set(stageIndex, parentKey)
    stageRoots.set(stageIndex, root?.ins.id ?? null)
  }

  const instructions = parsed.instructions
    .map((ins) => results.get(ins.id))
    .filter((r): r is LayerResult => r !== undefined)
  const stages: StageResult[] = parsed.stages.map((stage) => {
    const own = instructions.filter((r) => r.stage === stage.index)
    return {
      index: stage.index,
      name: stage.name,
      label: stage.label,
      seconds: round(own.reduce((sum, r) => sum + r.costSeconds, 0)),
      rebuilt: own.filter((r) => r.status === 'rebuilt').length,
      reused: own.filter((r) => r.status === 'reused').length,
      rebuiltFromId: stageRoots.get(stage.index) ?? null,
    }
  })
  const layerSeconds = round(instructions.reduce((sum, r) => sum + r.costSeconds, 0))
  const overheadSeconds = costs.buildOverhead
  const totalSeconds = round(layerSeconds + overheadSeconds)

  const keys = [...(previous?.cache ?? [])]
  const known = new Set(keys)
  for (const record of Object.values(records)) {
    if (!known.has(record.key)) {
      keys.push(record.key)
      known.add(record.key)
    }
  }
  const buildNumber = (previous?.buildNumber ?? 0) + 1
  const state: BuildState = {
    version: 1,
    buildNumber,
    world,
    cache: keys.slice(-CACHE_LIMIT),
    layers: records,
  }

  return {
    buildNumber,
    edit,
    instructions,
    stages,
    layerSeconds,
    overheadSeconds,
    totalSeconds,
    summary: summarise(instructions, first, totalSeconds),
    warnings,
    state,
  }
}

/** Seconds a source-only edit costs with this order: a first build, then one source edit. */
export function sourceEditSeconds(parsed: ParsedDockerfile, options: SimulateOptions = {}): number {
  const firstBuild = simulateBuild(parsed, null, 'none', options)
  return simulateBuild(parsed, firstBuild.state, 'source', options).totalSeconds
}

/** Seconds shown to learners: one decimal, no trailing zero. */
export function formatSeconds(seconds: number): string {
  return `${Number(seconds.toFixed(1))} s`
}

// --- internals --------------------------------------------------------------

function layer(
  ins: ParsedInstruction,
  text: string,
  rebuilt: boolean,
  reason: string,
  rebuildSeconds: number,
): LayerResult {
  return {
    id: ins.id,
    stage: ins.stage,
    keyword: ins.keyword,
    line: ins.line,
    text,
    label: makeLabel(text),
    status: rebuilt ? 'rebuilt' : 'reused',
    reason,
    costSeconds: rebuilt ? rebuildSeconds : 0,
    rebuildSeconds,
  }
}

/** Stages in an order where every stage comes after the stages it uses. */
function buildOrder(parsed: ParsedDockerfile): number[] {
  const deps = stageDependencies(parsed.stages, parsed.instructions)
  const order: number[] = []
  const seen = new Set<number>()
  const visit = (s: number, path: Set<number>): void => {
    if (seen.has(s) || path.has(s)) return
    path.add(s)
    for (const d of deps.get(s) ?? []) visit(d, path)
    path.delete(s)
    seen.add(s)
    order.push(s)
  }
  for (const stage of parsed.stages) visit(stage.index, new Set())
  return order
}

function layerInput(
  parsed: ParsedDockerfile,
  ins: ParsedInstruction,
  stage: ParsedStage,
  text: string,
  world: BuildWorld,
  stageKeys: Map<number, string>,
): { input: LayerInput; copied?: ReturnType<typeof copiedFiles> } {
  const input: LayerInput = { text: normalise(text) }
  if (ins.keyword === 'FROM') {
    input.base =
      stage.baseStage !== null
        ? `stage:${stageKeys.get(stage.baseStage) ?? '?'}`
        : `image:${effectiveImage(parsed, stage, world)}#${world.basePulls[stage.index] ?? 0}`
    return { input }
  }
  if (ins.copy) {
    const copy = ins.copy
    if (copy.fromStage !== null) {
      input.fromStage = stageKeys.get(copy.fromStage) ?? '?'
      return { input }
    }
    if (copy.fromImage !== null || copy.heredoc || copy.remote) return { input }
    const copied = copiedFiles(copy.sources, world.context)
    input.files = copied.visible
    return { input, copied }
  }
  if (ins.keyword === 'ENV' || ins.keyword === 'ARG')
    input.values = effectiveVars(parsed, ins, world)
  return { input }
}

function estimateCost(
  parsed: ParsedDockerfile,
  ins: ParsedInstruction,
  stage: ParsedStage,
  world: BuildWorld,
  copiedKb: number,
  costs: CostTable,
  options: SimulateOptions,
): number {
  const override = options.instructionCosts?.[ins.id]
  if (override !== undefined) return override
  if (ins.keyword === 'FROM') {
    return stage.baseStage !== null
      ? costs.fromStage
      : pullCost(stage, effectiveImage(parsed, stage, world), costs)
  }
  if (ins.copy) return copyCost(ins, copiedKb, costs)
  if (ins.run) return runCost(ins.run.command, ins.run.cacheMount, costs)
  return metadataCost(ins.keyword, costs)
}

function reusedReason(
  parsed: ParsedDockerfile,
  ins: ParsedInstruction,
  label: string,
  edit: AppliedEdit,
  world: BuildWorld,
): string {
  if (ins.keyword === 'FROM') {
    const stage = parsed.stages[ins.stage]
    if (stage?.baseStage !== null && stage?.baseStage !== undefined) {
      return `${label} reused: stage ${parsed.stages[stage.baseStage]?.label ?? stage.baseStage} was not rebuilt, so this stage starts from the same layers.`
    }
    return `${label} reused: the base image is unchanged and already pulled.`
  }
  if (ins.copy) {
    const copy = ins.copy
    if (copy.fromStage !== null) {
      return `${label} reused: stage ${parsed.stages[copy.fromStage]?.label ?? copy.fromStage} was not rebuilt, so what it copies is unchanged.`
    }
    if (copy.fromImage !== null || copy.heredoc || copy.remote) {
      return `${label} reused: its text is unchanged and every layer before it was reused.`
    }
    const reached = copiedFiles(copy.sources, world.context)
    const keptOut = edit.changedFiles.filter((f) => reached.ignored.includes(f))
    if (keptOut.length > 0) {
      return `${label} reused: ${keptOut.join(' and ')} changed, but .dockerignore keeps ${keptOut.length > 1 ? 'them' : 'it'} out of the build context, so COPY never sees the change.`
    }
    if (edit.changedFiles.length > 0) {
      return `${label} reused: it copies only ${copy.sources.join(' ')}, and ${edit.changedFiles.join(' and ')} ${edit.changedFiles.length > 1 ? 'are' : 'is'} not part of that.`
    }
    return `${label} reused: the files it copies are unchanged and every layer before it was reused.`
  }
  if (ins.run) {
    return `${label} reused: same command text on the same cached layers, so Docker does not run it again.`
  }
  if (ins.keyword === 'ENV' || ins.keyword === 'ARG') {
    return `${label} reused: its value is unchanged and every layer before it was reused.`
  }
  return `${label} reused: unchanged, and every layer before it was reused.`
}

function ownChangeReason(
  parsed: ParsedDockerfile,
  ins: ParsedInstruction,
  stage: ParsedStage,
  label: string,
  input: LayerInput,
  before: LayerInput | undefined,
  edit: AppliedEdit,
  world: BuildWorld,
): string | null {
  if (!before) return null
  if (ins.keyword === 'FROM' && input.base !== before.base) {
    if (stage.baseStage !== null) {
      return `${label} rebuilt: it starts from stage ${parsed.stages[stage.baseStage]?.label ?? stage.baseStage}, which was rebuilt.`
    }
    const was = imageFromBase(before.base)
    const now = imageFromBase(input.base)
    if (was === now) {
      return `${label} rebuilt: ${now} now points to a newer image, so it is pulled again and the whole stage starts over.`
    }
    const viaArg = stage.rawImage.includes('$') && world.baseTags[stage.index] === undefined
    return `${label} rebuilt: the base image changed (${was} → ${now})${viaArg ? ' because a build argument it uses changed' : ''}, so the whole stage starts over.`
  }
  if (ins.copy && input.fromStage !== undefined && input.fromStage !== before.fromStage) {
    const from = ins.copy.fromStage
    const name = from !== null ? (parsed.stages[from]?.label ?? String(from)) : '?'
    return `${label} rebuilt: stage ${name} was rebuilt, and COPY --from depends on the stage it copies from.`
  }
  if (input.files && before.files) {
    const changed = changedFiles(before.files, input.files, edit.changedFiles)
    if (changed.length > 0) {
      const verb = ins.keyword === 'ADD' ? 'ADD' : 'COPY'
      const noIgnore =
        edit.kind === 'ignored-file'
          ? world.context.dockerignore === null
            ? ' There is no .dockerignore to keep it out.'
            : changed.some((f) => !isIgnored(f, world.context.dockerignore))
              ? ' The .dockerignore does not exclude it.'
              : ''
          : ''
      return `${label} rebuilt: ${listFiles(changed)} changed, and ${verb} checks the content of what it copies.${noIgnore}`
    }
  }
  if (input.values && before.values) {
    const changed = changedValues(before.values, input.values)
    if (changed.length > 0) {
      const what = changed.map(describeValueChange).join(', ')
      return ins.keyword === 'ENV'
        ? `${label} rebuilt: ENV ${changed[0]?.name ?? ''} changed (${what}); every instruction after it in the stage sees the new value, so they rebuild too.`
        : `${label} rebuilt: the build argument ${changed[0]?.name ?? ''} changed (${what}); every instruction after the ARG can use it, so they rebuild too.`
    }
  }
  if (input.text !== before.text) {
    if (ins.run) {
      const added = world.addedPackages[ins.id] ?? []
      const detail = added.length > 0 ? ` (added ${added[added.length - 1]})` : ''
      return `${label} rebuilt: its command text changed${detail}, and RUN is cached on its command text.`
    }
    return `${label} rebuilt: its text changed.`
  }
  return null
}

function imageFromBase(base: string | undefined): string {
  return (base ?? '').replace(/^image:/, '').replace(/#\d+$/, '')
}

/** Files whose version differs, in the order the edit listed them (manifest before lock file). */
function changedFiles(
  before: Record<string, number>,
  after: Record<string, number>,
  editOrder: string[],
): string[] {
  const paths = new Set([...Object.keys(before), ...Object.keys(after)])
  const rank = (p: string): number => {
    const i = editOrder.indexOf(p)
    return i < 0 ? editOrder.length : i
  }
  return [...paths]
    .filter((p) => before[p] !== after[p])
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
}

function listFiles(files: string[]): string {
  if (files.length <= 3) return files.join(' and ')
  return `${files.slice(0, 3).join(', ')} and ${files.length - 3} more`
}

interface ValueChange {
  name: string
  before: string | null
  after: string | null
}

function changedValues(
  before: Record<string, string | null>,
  after: Record<string, string | null>,
): ValueChange[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)])
  return [...names]
    .filter((n) => (before[n] ?? null) !== (after[n] ?? null))
    .map((name) => ({ name, before: before[name] ?? null, after: after[name] ?? null }))
}

function describeValueChange(change: ValueChange): string {
  return `${change.before ?? 'unset'} → ${change.after ?? 'unset'}`
}

function summarise(instructions: LayerResult[], first: boolean, total: number): string {
  const layers = instructions.filter((r) => r.stage >= 0)
  const rebuilt = layers.filter((r) => r.status === 'rebuilt')
  if (first)
    return `First build: all ${layers.length} layers ran, ${formatSeconds(total)} in total.`
  if (rebuilt.length === 0) {
    return `Everything reused: nothing this build depends on changed (${formatSeconds(total)}).`
  }
  const firstRebuilt = rebuilt[0] as LayerResult
  return `${rebuilt.length} of ${layers.length} layers rebuilt in ${formatSeconds(total)}, starting with ${firstRebuilt.label} (line ${firstRebuilt.line}).`
}

function normalise(text: string): string {
  return text
    .replace(/\\\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

function serialise(input: LayerInput): string {
  // Fixed key order so equal inputs always serialise the same way.
  const sortObject = (o: Record<string, unknown> | undefined): [string, unknown][] | null =>
    o
      ? Object.keys(o)
          .sort()
          .map((k) => [k, o[k]])
      : null
  return JSON.stringify([
    input.text,
    sortObject(input.files),
    input.base ?? null,
    input.fromStage ?? null,
    sortObject(input.values),
  ])
}

function round(seconds: number): number {
  return Math.round(seconds * 100) / 100
}

/** cyrb53: a fast 53-bit string hash; collisions are negligible at lesson scale. */
function hash(value: string): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < value.length; i++) {
    const ch = value.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)
}
