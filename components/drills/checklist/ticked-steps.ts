/**
 * The ticked steps saved in a `checklist.ticked` payload, cleaned for the
 * checklist as it is now: the lesson may have lost steps since the learner's
 * last visit, and saved data is never trusted to be well formed.
 */
export function tickedSteps(
  payload: Record<string, unknown> | undefined,
  stepCount: number,
): number[] {
  const ticked = payload?.ticked
  if (!Array.isArray(ticked)) return []
  const valid = ticked.filter(
    (index): index is number => Number.isInteger(index) && index >= 0 && index < stepCount,
  )
  return [...new Set(valid)].sort((a, b) => a - b)
}

/** Ticks or unticks one step, keeping the list sorted and free of repeats. */
export function toggleStep(ticked: readonly number[], index: number): number[] {
  return ticked.includes(index)
    ? ticked.filter((step) => step !== index)
    : [...ticked, index].sort((a, b) => a - b)
}
