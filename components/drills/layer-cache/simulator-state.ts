import {
  EDIT_KINDS,
  applyEdit,
  bestOrder,
  checkChallenge,
  defaultContext,
  describeEdits,
  parseDockerfile,
  reorder,
  simulateBuild,
  type BestOrder,
  type BuildContext,
  type BuildResult,
  type BuildState,
  type ChallengeGoal,
  type ChallengeOutcome,
  type EditKind,
  type EditOption,
  type OrderViolation,
  type ParsedDockerfile,
  type ParsedInstruction,
} from '@/lib/layer-cache'

/**
 * The simulator's state and its transitions, kept free of React so the rules
 * (what a move does, what a build records) are tested directly.
 */

export interface SimulatorInput {
  dockerfile: string
  dockerignore?: string[]
  edits?: EditKind[]
  challenge?: ChallengeGoal
}

/** Everything derived once from the authored props. */
export interface SimulatorSetup {
  parsed: ParsedDockerfile
  context: BuildContext
  /** The author's order: what "Reset order" returns to. */
  originalOrder: string[]
  readonly best: BestOrder
  editOptions: EditOption[]
  challenge: ChallengeGoal | null
  /** Total seconds of each edit built in the best order on a warm cache, filled lazily. */
  bestSecondsByEdit: Map<EditKind, number>
}

export function createSetup(input: SimulatorInput): SimulatorSetup {
  const parsed = parseDockerfile(input.dockerfile)
  // Omitting the .dockerignore means the project has none; the engine's default would hide that lesson.
  const context = defaultContext(parsed, { dockerignore: input.dockerignore ?? null })
  const offered = new Set(input.edits ?? EDIT_KINDS)
  if (input.challenge) offered.add(input.challenge.edit)
  let best: BestOrder | undefined
  return {
    parsed,
    context,
    originalOrder: parsed.instructions.map((ins) => ins.id),
    // Searching for the best order is three quarters of the setup's cost, and the widget
    // first needs it after the learner's second build: computed then, while the page
    // hydrates without it.
    get best() {
      return (best ??= bestOrder(parsed, { context }))
    },
    editOptions: describeEdits(parsed, context).filter((option) => offered.has(option.kind)),
    challenge: input.challenge ?? null,
    bestSecondsByEdit: new Map(),
  }
}

export interface HistoryEntry {
  buildNumber: number
  edit: EditKind
  /** The edit in words, e.g. "Edited src/app.py (app source)." */
  editSummary: string
  totalSeconds: number
  /** The order differed from the build before, so moved layers had to rebuild once. */
  orderChanged: boolean
}

export interface Refusal {
  /** The instruction the learner tried to move. */
  id: string
  messages: string[]
}

export interface SimulatorState {
  order: string[]
  /** The order of the last build; null before the first. */
  builtOrder: string[] | null
  buildState: BuildState | null
  latest: BuildResult | null
  /** What the best order would take for the latest build's edit. */
  latestBestSeconds: number | null
  outcome: ChallengeOutcome | null
  history: HistoryEntry[]
  refusal: Refusal | null
}

export type SimulatorAction =
  | { type: 'move'; id: string; toIndex: number }
  | { type: 'set-stage-order'; stage: number; ids: string[] }
  | { type: 'restore-order'; order: string[] }
  | { type: 'reset-order' }
  | { type: 'build'; edit: EditKind }
  | { type: 'dismiss-refusal' }

export const HISTORY_LIMIT = 8

export function initialState(setup: SimulatorSetup): SimulatorState {
  return {
    order: setup.originalOrder,
    builtOrder: null,
    buildState: null,
    latest: null,
    latestBestSeconds: null,
    outcome: null,
    history: [],
    refusal: null,
  }
}

export function reduceSimulator(
  setup: SimulatorSetup,
  state: SimulatorState,
  action: SimulatorAction,
): SimulatorState {
  switch (action.type) {
    case 'move': {
      const ins = instructionById(setup, action.id)
      if (!ins || ins.stage < 0) return state
      const ids = stageOrder(setup, state.order, ins.stage)
      const from = ids.indexOf(action.id)
      const to = Math.max(0, Math.min(ids.length - 1, action.toIndex))
      if (from === to) return state
      return applyStageOrder(setup, state, ins.stage, moveItem(ids, from, to), action.id)
    }
    case 'set-stage-order': {
      const current = stageOrder(setup, state.order, action.stage)
      const moved = current.find((id, i) => action.ids[i] !== id) ?? current[0] ?? ''
      return applyStageOrder(setup, state, action.stage, action.ids, moved)
    }
    case 'restore-order': {
      if (sameOrder(action.order, state.order)) return state
      const result = reorder(setup.parsed, action.order, { context: setup.context })
      return result.ok ? { ...state, order: [...action.order], refusal: null } : state
    }
    case 'reset-order':
      return { ...state, order: setup.originalOrder, refusal: null }
    case 'dismiss-refusal':
      return state.refusal ? { ...state, refusal: null } : state
    case 'build':
      return build(setup, state, action.edit)
  }
}

function applyStageOrder(
  setup: SimulatorSetup,
  state: SimulatorState,
  stage: number,
  stageIds: string[],
  movedId: string,
): SimulatorState {
  const order = withStageOrder(setup, state.order, stage, stageIds)
  const result = reorder(setup.parsed, order, { context: setup.context })
  if (!result.ok)
    return { ...state, refusal: { id: movedId, messages: violationMessages(result.violations) } }
  return { ...state, order, refusal: null }
}

function build(setup: SimulatorSetup, state: SimulatorState, requested: EditKind): SimulatorState {
  const moved = reorder(setup.parsed, state.order, { context: setup.context })
  // The order is checked on every move, so this only fails if the Dockerfile itself changed under us.
  if (!moved.ok)
    return {
      ...state,
      refusal: { id: state.order[0] ?? '', messages: violationMessages(moved.violations) },
    }
  // A first build runs every layer whatever changed, so it is always a plain build.
  const edit: EditKind = state.buildState ? requested : 'none'
  const result = simulateBuild(moved.parsed, state.buildState, edit, { context: setup.context })
  const entry: HistoryEntry = {
    buildNumber: result.buildNumber,
    edit,
    editSummary: state.buildState ? result.edit.summary : 'First build, empty cache.',
    totalSeconds: result.totalSeconds,
    orderChanged: state.builtOrder !== null && !sameOrder(state.builtOrder, state.order),
  }
  return {
    ...state,
    builtOrder: state.order,
    buildState: result.state,
    latest: result,
    latestBestSeconds: state.buildState ? bestSecondsFor(setup, edit) : result.totalSeconds,
    outcome: setup.challenge && state.buildState ? checkChallenge(result, setup.challenge) : null,
    history: [...state.history, entry].slice(-HISTORY_LIMIT),
    refusal: null,
  }
}

/** The same edit built in the best order on a warm cache: the number a learner's build is held against. */
export function bestSecondsFor(setup: SimulatorSetup, edit: EditKind): number {
  const known = setup.bestSecondsByEdit.get(edit)
  if (known !== undefined) return known
  const options = { context: setup.context }
  const warm = simulateBuild(setup.best.parsed, null, 'none', options)
  const seconds = simulateBuild(setup.best.parsed, warm.state, edit, options).totalSeconds
  setup.bestSecondsByEdit.set(edit, seconds)
  return seconds
}

/** Kinds whose description does not depend on earlier edits ("Edit src/app.py"). */
const FIXED_DESCRIPTIONS: ReadonlySet<EditKind> = new Set(['none', 'source', 'ignored-file'])

/**
 * The edit options as they stand now. Edits add up (a second ENV edit goes
 * production-2 → production-3), so after a build the description comes from
 * applying the edit to the world the last build left behind.
 */
export function currentEditOptions(setup: SimulatorSetup, state: SimulatorState): EditOption[] {
  const world = state.buildState?.world
  if (!world) return setup.editOptions
  return setup.editOptions.map((option) => {
    if (!option.available || FIXED_DESCRIPTIONS.has(option.kind)) return option
    return { ...option, description: applyEdit(setup.parsed, world, option.kind).edit.summary }
  })
}

export interface StageGroup {
  index: number
  label: string
  ids: string[]
}

/** The current order split by stage, for a list per stage. */
export function stageGroups(setup: SimulatorSetup, order: readonly string[]): StageGroup[] {
  return setup.parsed.stages.map((stage) => ({
    index: stage.index,
    label: stage.label,
    ids: stageOrder(setup, order, stage.index),
  }))
}

export function stageOrder(
  setup: SimulatorSetup,
  order: readonly string[],
  stage: number,
): string[] {
  return order.filter((id) => instructionById(setup, id)?.stage === stage)
}

/** Replaces one stage's instructions in the full order, keeping global ARGs and other stages in place. */
export function withStageOrder(
  setup: SimulatorSetup,
  order: readonly string[],
  stage: number,
  stageIds: readonly string[],
): string[] {
  let next = 0
  return order.map((id) =>
    instructionById(setup, id)?.stage === stage ? (stageIds[next++] ?? id) : id,
  )
}

export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items]
  const [item] = next.splice(from, 1)
  if (item !== undefined) next.splice(to, 0, item)
  return next
}

export function instructionById(setup: SimulatorSetup, id: string): ParsedInstruction | undefined {
  return setup.parsed.instructions.find((ins) => ins.id === id)
}

/** Engine messages start lower-case ("this order would not build: …") because they are written to follow a lead-in. */
export function violationMessages(violations: readonly OrderViolation[]): string[] {
  return [...new Set(violations.map((v) => capitalise(v.message)))]
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

export function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i])
}

/**
 * Where each instruction starts in the Dockerfile as the learner has ordered
 * it, keyed by its line in the author's file. The engine's messages cite the
 * author's lines ("COPY . . (line 3) was rebuilt"), which stop matching once
 * instructions move; this is the lookup that puts them right. The layout is
 * formatDockerfile's: global ARGs, then each stage, a blank line between stages.
 */
export function currentLines(setup: SimulatorSetup, order: readonly string[]): Map<number, number> {
  const lines = new Map<number, number>()
  let line = 1
  const place = (ins: ParsedInstruction) => {
    lines.set(ins.line, line)
    line += ins.text.split('\n').length
  }
  setup.parsed.globalArgs.forEach(place)
  setup.parsed.stages.forEach((stage, index) => {
    if (index > 0) line += 1
    for (const id of stageOrder(setup, order, stage.index)) {
      const ins = instructionById(setup, id)
      if (ins) place(ins)
    }
  })
  return lines
}

/** Rewrites "(line N)" in an engine message to where that instruction now sits. */
export function renumberLines(text: string, lines: ReadonlyMap<number, number>): string {
  return text.replace(/\(line (\d+)\)/g, (match, n: string) => {
    const now = lines.get(Number(n))
    return now === undefined ? match : `(line ${now})`
  })
}

/** A saved order is only trusted if it still names exactly this Dockerfile's instructions. */
export function savedOrder(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((id) => typeof id === 'string')
    ? (value as string[])
    : null
}
