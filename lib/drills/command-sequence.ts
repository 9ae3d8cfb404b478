import { z } from 'zod'
import {
  authoredId,
  authoredList,
  authoredText,
  findDuplicateIds,
  oneLineText,
  parseAuthored,
  type DrillProblem,
  type ParseResult,
} from './authoring'

/**
 * A command-sequence drill: given a scenario ("ship version 1.0.1 of the shop
 * without losing the old container"), the learner picks tiles from a palette
 * of docker / docker compose commands and puts them in order. Some tiles are
 * distractors that belong in no answer.
 */

export const commandTileSchema = z.strictObject({
  id: authoredId,
  /** Exactly what the learner would type, e.g. `docker build -t shop:1.0.1 .` */
  command: oneLineText,
  /** A short hint shown with the tile. */
  note: authoredText.optional(),
})

const tileReference = z.string({
  error: (issue) => (issue.input === undefined ? 'is required' : 'must be a tile id'),
})

/**
 * An answer is a list of stages run in order; the tiles inside one stage may
 * come in any order among themselves (stopping the old container and tagging
 * the new image do not depend on each other).
 */
export const answerSpecSchema = authoredList(
  authoredList(tileReference).min(1, 'a stage needs at least 1 tile; remove the empty stage'),
).min(1, 'an answer needs at least 1 stage')

export const commandSequenceScenarioSchema = z.strictObject({
  id: authoredId,
  scenario: authoredText,
  palette: authoredList(commandTileSchema).min(2, 'a palette needs at least 2 tiles'),
  answer: answerSpecSchema,
  /** Wholly different sequences that are also right, e.g. `docker compose up` instead of build-then-run. */
  alternatives: authoredList(answerSpecSchema).optional(),
  /**
   * Keyed by tile id. For a distractor, why it is not needed: it follows
   * "<command> is not needed here: ". For an answer tile, what goes wrong
   * without it: it follows "Something is missing: ".
   */
  feedback: z.record(z.string(), authoredText, { error: 'must map tile ids to text' }).optional(),
})

export type CommandTile = z.infer<typeof commandTileSchema>
export type AnswerSpec = z.infer<typeof answerSpecSchema>
export type CommandSequenceScenario = z.infer<typeof commandSequenceScenarioSchema>
/** What the author writes in MDX, before trimming. */
export type CommandSequenceScenarioInput = z.input<typeof commandSequenceScenarioSchema>

function answerSpecs(scenario: CommandSequenceScenario): AnswerSpec[] {
  return [scenario.answer, ...(scenario.alternatives ?? [])]
}

/** Two specs accept the same orders when their stages hold the same tiles; order within a stage is irrelevant. */
function specKey(spec: AnswerSpec): string {
  return JSON.stringify(spec.map((stage) => [...stage].sort()))
}

/** Cross-field checks the schema cannot express; run on data that already passed the schema. */
export function validateScenario(scenario: CommandSequenceScenario): DrillProblem[] {
  const problems = findDuplicateIds(scenario.palette, (index) => ['palette', index, 'id'], 'tile')
  const paletteIds = new Set(scenario.palette.map((tile) => tile.id))

  // Tiles that look the same would be graded differently depending on which one was dragged.
  const commands = new Map<string, number>()
  scenario.palette.forEach((tile, index) => {
    const first = commands.get(tile.command)
    if (first === undefined) commands.set(tile.command, index)
    else
      problems.push({
        path: ['palette', index, 'command'],
        message: `is the same command as tile ${first + 1}; learners could not tell the two tiles apart`,
      })
  })

  const checkSpec = (spec: AnswerSpec, base: (string | number)[]) => {
    if (spec.length === 0)
      problems.push({ path: base, message: 'an answer needs at least 1 stage' })
    const stageOfTile = new Map<string, number>()
    spec.forEach((stage, stageIndex) => {
      if (stage.length === 0)
        problems.push({
          path: [...base, stageIndex],
          message: 'a stage needs at least 1 tile; remove the empty stage',
        })
      stage.forEach((tileId, position) => {
        const path = [...base, stageIndex, position]
        if (!paletteIds.has(tileId)) {
          problems.push({ path, message: `no palette tile has the id "${tileId}"` })
          return
        }
        const earlier = stageOfTile.get(tileId)
        if (earlier !== undefined)
          problems.push({
            path,
            message: `"${tileId}" is already used in stage ${earlier + 1}; each tile is placed at most once`,
          })
        else stageOfTile.set(tileId, stageIndex)
      })
    })
  }
  checkSpec(scenario.answer, ['answer'])
  const answerKey = specKey(scenario.answer)
  scenario.alternatives?.forEach((spec, index) => {
    checkSpec(spec, ['alternatives', index])
    if (specKey(spec) === answerKey)
      problems.push({
        path: ['alternatives', index],
        message: 'accepts exactly the same orders as answer; remove it',
      })
  })

  const used = new Set(answerSpecs(scenario).flat(2))
  if (scenario.palette.every((tile) => used.has(tile.id)))
    problems.push({
      path: ['palette'],
      message:
        'needs at least 1 distractor, a tile that belongs in no answer, so learners choose commands as well as order them',
    })

  for (const tileId of Object.keys(scenario.feedback ?? {})) {
    if (!paletteIds.has(tileId))
      problems.push({
        path: ['feedback', tileId],
        message: `no palette tile has the id "${tileId}"`,
      })
  }
  return problems
}

export function parseCommandSequenceScenario(input: unknown): ParseResult<CommandSequenceScenario> {
  return parseAuthored(commandSequenceScenarioSchema, validateScenario, input)
}

// Checking -------------------------------------------------------------------

export type StepVerdict = 'ok' | 'misplaced' | 'distractor' | 'duplicate'

export interface SequenceStep {
  tileId: string
  verdict: StepVerdict
}

export interface SequenceCheck {
  correct: boolean
  /** One entry per submitted tile, in the submitted order. */
  steps: SequenceStep[]
  /** Tiles of the closest answer that the learner left out, in answer order. */
  missing: string[]
  /** Sentences for the learner, in the order of the tiles they concern, missing tiles last. */
  messages: string[]
}

interface Comparison {
  steps: SequenceStep[]
  missing: string[]
  okCount: number
  stageOf: Map<string, number>
}

/**
 * Compares a submission with one answer. Tiles are "ok" when they belong to
 * the largest set of submitted answer tiles that already respect the stage
 * order (a longest non-decreasing run of stage numbers), so one tile dropped
 * in the wrong place marks only that tile, not everything after it.
 */
function compareWithSpec(spec: AnswerSpec, submitted: readonly string[]): Comparison {
  const stageOf = new Map<string, number>()
  spec.forEach((stage, index) => stage.forEach((tileId) => stageOf.set(tileId, index)))

  const steps: SequenceStep[] = []
  const candidates: { position: number; stage: number }[] = []
  const seen = new Set<string>()
  submitted.forEach((tileId, position) => {
    const stage = stageOf.get(tileId)
    if (seen.has(tileId)) steps.push({ tileId, verdict: 'duplicate' })
    else if (stage === undefined) steps.push({ tileId, verdict: 'distractor' })
    else {
      steps.push({ tileId, verdict: 'misplaced' })
      candidates.push({ position, stage })
    }
    seen.add(tileId)
  })

  // O(n²) is fine for a palette that fits on screen. Among equally long runs
  // the one through the lowest stage wins, which blames a tile placed too early
  // ("tag must come after build") rather than the tile it jumped ahead of.
  const length: number[] = []
  const previous: number[] = []
  candidates.forEach((candidate, i) => {
    length[i] = 1
    previous[i] = -1
    for (let j = 0; j < i; j++) {
      const before = candidates[j]!
      if (before.stage > candidate.stage) continue
      const better = length[j]! + 1 > length[i]!
      const tieButLower =
        length[j]! + 1 === length[i]! && before.stage < candidates[previous[i]!]!.stage
      if (better || tieButLower) {
        length[i] = length[j]! + 1
        previous[i] = j
      }
    }
  })
  let end = -1
  candidates.forEach((candidate, i) => {
    const longer = end === -1 || length[i]! > length[end]!
    if (longer || (length[i] === length[end] && candidate.stage < candidates[end]!.stage)) end = i
  })
  let okCount = 0
  for (let i = end; i !== -1; i = previous[i]!) {
    steps[candidates[i]!.position]!.verdict = 'ok'
    okCount++
  }

  const missing = spec.flat().filter((tileId) => !seen.has(tileId))
  return { steps, missing, okCount, stageOf }
}

export function checkSequence(
  scenario: CommandSequenceScenario,
  submittedTileIds: readonly string[],
): SequenceCheck {
  const specs = answerSpecs(scenario)
  let best: Comparison | undefined
  for (const spec of specs) {
    const comparison = compareWithSpec(spec, submittedTileIds)
    const isRight =
      comparison.missing.length === 0 && comparison.steps.every((step) => step.verdict === 'ok')
    if (isRight) return { correct: true, steps: comparison.steps, missing: [], messages: [] }
    // Most tiles in place wins; on a tie, fewer missing tiles, then the main answer before alternatives.
    if (
      !best ||
      comparison.okCount > best.okCount ||
      (comparison.okCount === best.okCount && comparison.missing.length < best.missing.length)
    )
      best = comparison
  }
  // The schema guarantees an answer, so `best` is always set; this keeps the types honest.
  if (!best) return { correct: false, steps: [], missing: [], messages: [] }

  return {
    correct: false,
    steps: best.steps,
    missing: best.missing,
    messages: explain(scenario, best, new Set(specs.flat(2))),
  }
}

function explain(
  scenario: CommandSequenceScenario,
  comparison: Comparison,
  inSomeAnswer: Set<string>,
): string[] {
  const commandOf = new Map(scenario.palette.map((tile) => [tile.id, tile.command]))
  const feedback = scenario.feedback ?? {}
  const { steps, stageOf } = comparison
  const messages: string[] = []
  const explained = new Set<string>()

  steps.forEach(({ tileId, verdict }, position) => {
    if (verdict === 'ok' || explained.has(tileId)) return
    explained.add(tileId)
    const command = commandOf.get(tileId)
    if (command === undefined) {
      messages.push(`The tile "${tileId}" is not part of this drill.`)
      return
    }
    if (verdict === 'duplicate') {
      messages.push(`${command} is used more than once; each command is needed only once here.`)
      return
    }
    if (verdict === 'distractor') {
      // A tile from another valid answer carries "what goes wrong without it" feedback, which would read oddly here.
      const why = inSomeAnswer.has(tileId) ? undefined : feedback[tileId]
      messages.push(
        why ? `${command} is not needed here: ${why}` : `${command} is not needed here.`,
      )
      return
    }
    messages.push(explainMisplaced(tileId, position, steps, stageOf, commandOf))
  })

  const silent: string[] = []
  for (const tileId of comparison.missing) {
    const why = feedback[tileId]
    if (why) messages.push(`Something is missing: ${why}`)
    else silent.push(tileId)
  }
  if (silent.length === 1) messages.push('Something is missing: 1 more command is needed.')
  else if (silent.length > 1)
    messages.push(`Something is missing: ${silent.length} more commands are needed.`)
  return messages
}

/**
 * Names the tile the misplaced one conflicts with: moving it just after the
 * last tile it must follow (or just before the first tile it must precede)
 * puts it in place.
 */
function explainMisplaced(
  tileId: string,
  position: number,
  steps: SequenceStep[],
  stageOf: Map<string, number>,
  commandOf: Map<string, string>,
): string {
  const stage = stageOf.get(tileId) ?? 0
  const command = commandOf.get(tileId) ?? tileId
  const name = (other: SequenceStep) => commandOf.get(other.tileId) ?? other.tileId
  const mustFollow = steps
    .slice(position + 1)
    .filter((other) => other.verdict === 'ok' && (stageOf.get(other.tileId) ?? 0) < stage)
    .at(-1)
  if (mustFollow) return `${command} must come after ${name(mustFollow)}`
  const mustPrecede = steps
    .slice(0, position)
    .find((other) => other.verdict === 'ok' && (stageOf.get(other.tileId) ?? 0) > stage)
  if (mustPrecede) return `${command} must come before ${name(mustPrecede)}`
  return `${command} is out of order.`
}
