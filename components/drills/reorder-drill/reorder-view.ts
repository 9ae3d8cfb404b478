import { checkOrder, shuffleSteps, type OrderChecked } from '@/lib/drills/reorder'
import type { ItemLocalState } from '@/lib/progress/local-store'

/** What the drill shows: the learner's working order, their checked order, the solved order, or the revealed answer. */
export type ReorderView =
  | { phase: 'arranging'; order: string[] }
  | { phase: 'checked'; order: string[]; result: OrderChecked }
  | { phase: 'solved'; order: string[] }
  | { phase: 'revealed' }

export const CHECKED_EVENT = 'reorder.checked'
export const ANSWER_SHOWN_EVENT = 'reorder.answer-shown'

/**
 * The view after a reload, from saved progress. `seed` is empty until the page
 * has hydrated; there is nothing to show then, since any order would either be
 * the solution or differ from the one the learner is about to see.
 */
export function restoreReorderView(
  stepIds: readonly string[],
  seed: string,
  state: ItemLocalState | undefined,
): ReorderView | null {
  if (!seed) return null
  const attempts = state?.attempts ?? 0

  // The reveal records how many checks came before it, so a later check supersedes it.
  const shown = state?.last[ANSWER_SHOWN_EVENT]
  if (shown && shown.attempts === attempts) return { phase: 'revealed' }

  const order = state?.last[CHECKED_EVENT]?.order
  if (Array.isArray(order) && order.every((id) => typeof id === 'string')) {
    const result = checkOrder(stepIds, order)
    // A submission that no longer matches the steps (the lesson was edited) restarts the drill.
    if (result.valid)
      return result.solved ? { phase: 'solved', order } : { phase: 'checked', order, result }
  }
  return { phase: 'arranging', order: shuffleSteps(stepIds, seed, attempts) }
}

/** Wrong checks so far; once the drill has been solved the answer is no longer offered. */
export function countMisses(state: ItemLocalState | undefined): number {
  if (!state || state.completed) return 0
  return state.attempts
}
