import { z } from 'zod'
import { mulberry32 } from '@/lib/random'
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
 * A drag-to-reorder drill: the learner puts the steps of a flow (build, push,
 * pull, run...) back in order. Authors write the steps in the correct order.
 */

export const MIN_REORDER_STEPS = 3
export const MAX_REORDER_STEPS = 10

export const reorderStepSchema = z.strictObject({
  id: authoredId,
  label: oneLineText,
  /** Shown under the step once the drill is solved, so it stays one line. */
  explanation: oneLineText,
})

export const reorderDrillSchema = z.strictObject({
  id: authoredId,
  title: authoredText,
  prompt: authoredText.optional(),
  steps: authoredList(reorderStepSchema)
    .min(MIN_REORDER_STEPS, `a drill needs at least ${MIN_REORDER_STEPS} steps`)
    .max(
      MAX_REORDER_STEPS,
      `a drill allows at most ${MAX_REORDER_STEPS} steps; split a longer flow into two drills`,
    ),
})

export type ReorderStep = z.infer<typeof reorderStepSchema>
export type ReorderDrill = z.infer<typeof reorderDrillSchema>
/** What the author writes in MDX, before trimming. */
export type ReorderDrillInput = z.input<typeof reorderDrillSchema>

/** Cross-field checks the schema cannot express; run on data that already passed `reorderDrillSchema`. */
export function validateReorderDrill(drill: ReorderDrill): DrillProblem[] {
  const problems = findDuplicateIds(drill.steps, (index) => ['steps', index, 'id'], 'step')
  const labels = new Map<string, number>()
  drill.steps.forEach((step, index) => {
    const first = labels.get(step.label)
    if (first === undefined) labels.set(step.label, index)
    else
      problems.push({
        path: ['steps', index, 'label'],
        message: `reads the same as step ${first + 1} ("${step.label}"); learners could not tell which goes where`,
      })
  })
  return problems
}

export function parseReorderDrill(input: unknown): ParseResult<ReorderDrill> {
  return parseAuthored(reorderDrillSchema, validateReorderDrill, input)
}

// Seeded shuffling -----------------------------------------------------------

/** FNV-1a: a tiny, well-spread string hash, enough to seed the generator below. */
function hashString(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

function countInPlace(order: readonly string[], correct: readonly string[]): number {
  return order.reduce((count, id, index) => count + (id === correct[index] ? 1 : 0), 0)
}

/**
 * How many steps a shuffle may leave where they belong. Half, rounded down: a
 * drill that starts mostly solved teaches nothing. For three steps this only
 * rules out the solved order, since two of three cannot be in place alone.
 */
export function maxStepsInPlace(stepCount: number): number {
  return Math.floor(stepCount / 2)
}

const SHUFFLE_TRIES = 32

/**
 * The starting order for one attempt. The same (seed, attempt) always gives
 * the same order, so a reload does not reshuffle under the learner; pass the
 * learner id plus the drill id as `seed` and count attempts from 0.
 *
 * Fisher-Yates draws are repeated until at most `maxStepsInPlace` steps sit in
 * their correct place (never the solved order). At least half of all orders
 * qualify, so a rejection is rare; should 32 draws all fail, a rotation by a
 * drawn offset is used, which leaves no step in place.
 *
 * Step ids are expected to be unique (the schema checks this). Fewer than two
 * steps cannot be shuffled and are returned as given.
 */
export function shuffleSteps(stepIds: readonly string[], seed: string, attempt: number): string[] {
  const count = stepIds.length
  if (count < 2) return [...stepIds]
  const random = mulberry32(hashString(`${seed}#${attempt}`))
  const limit = maxStepsInPlace(count)

  for (let tries = 0; tries < SHUFFLE_TRIES; tries++) {
    const order = [...stepIds]
    for (let i = count - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[order[i], order[j]] = [order[j]!, order[i]!]
    }
    if (countInPlace(order, stepIds) <= limit) return order
  }
  const offset = 1 + Math.floor(random() * (count - 1))
  return stepIds.map((_, index) => stepIds[(index + offset) % count]!)
}

// Checking -------------------------------------------------------------------

export interface StepPosition {
  stepId: string
  correct: boolean
}

export interface OrderChecked {
  valid: true
  solved: boolean
  /** One entry per submitted position, in the submitted order. */
  positions: StepPosition[]
  correctCount: number
}

/**
 * The submission is not a reordering of the drill's steps: the widget lost or
 * invented a step. Reported rather than thrown so the island can reset itself.
 */
export interface OrderInvalid {
  valid: false
  missing: string[]
  duplicated: string[]
  unknown: string[]
}

export type OrderCheck = OrderChecked | OrderInvalid

export function checkOrder(
  correctIds: readonly string[],
  submittedIds: readonly string[],
): OrderCheck {
  const expected = new Set(correctIds)
  const seen = new Set<string>()
  const duplicated = new Set<string>()
  const unknown = new Set<string>()
  for (const id of submittedIds) {
    if (!expected.has(id)) unknown.add(id)
    else if (seen.has(id)) duplicated.add(id)
    seen.add(id)
  }
  const missing = correctIds.filter((id) => !seen.has(id))
  if (missing.length > 0 || duplicated.size > 0 || unknown.size > 0) {
    return { valid: false, missing, duplicated: [...duplicated], unknown: [...unknown] }
  }

  const positions = submittedIds.map((stepId, index) => ({
    stepId,
    correct: stepId === correctIds[index],
  }))
  const correctCount = positions.filter((position) => position.correct).length
  return { valid: true, solved: correctCount === correctIds.length, positions, correctCount }
}

/** After this many wrong checks the widget offers to reveal the order, rather than leaving a learner stuck. */
export const MISSES_BEFORE_ANSWER = 3

export function canShowAnswer(missCount: number): boolean {
  return missCount >= MISSES_BEFORE_ANSWER
}

// Keyboard moves and what a screen reader hears ----------------------------

/**
 * Moves one item, shifting the others; used for arrow-key moves as well as
 * drops. A target beyond either end is clamped, so pressing Up on the first
 * step leaves the order unchanged; an unknown source index changes nothing.
 */
export function moveStep<T>(order: readonly T[], fromIndex: number, toIndex: number): T[] {
  const next = [...order]
  if (!Number.isInteger(fromIndex) || fromIndex < 0 || fromIndex >= next.length) return next
  const target = Math.min(Math.max(Math.trunc(toIndex), 0), next.length - 1)
  const [item] = next.splice(fromIndex, 1)
  next.splice(target, 0, item as T)
  return next
}

/** Positions are spoken from 1; `index` is the 0-based array index. */
export function describePosition(label: string, index: number, total: number): string {
  return `${label}, position ${index + 1} of ${total}`
}

export function announcePickedUp(label: string, index: number, total: number): string {
  return `Picked up ${describePosition(label, index, total)}. Use the arrow keys to move, Space to drop, Escape to cancel.`
}

/**
 * Spoken after each arrow key. When the step could not move (already first or
 * last) the learner hears that, instead of a position that seems not to change.
 */
export function announceMoved(
  label: string,
  fromIndex: number,
  toIndex: number,
  total: number,
): string {
  if (fromIndex === toIndex) {
    const edge = toIndex === 0 ? 'first' : toIndex === total - 1 ? 'last' : undefined
    if (edge) return `${label} is already ${edge}, position ${toIndex + 1} of ${total}.`
  }
  return `Moved ${label} to position ${toIndex + 1} of ${total}.`
}

export function announceDropped(label: string, index: number, total: number): string {
  return `Dropped ${label} at position ${index + 1} of ${total}.`
}

export function announceCancelled(label: string, originalIndex: number, total: number): string {
  return `Cancelled. ${label} returned to position ${originalIndex + 1} of ${total}.`
}
