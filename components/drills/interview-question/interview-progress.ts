import { SELF_RATINGS, type SelfRating } from '@/lib/drills/interview'
import type { ItemLocalState } from '@/lib/progress/local-store'

export interface InterviewProgress {
  revealed: boolean
  /** Indexes of the key points the learner ticked, sorted. */
  checkedPoints: number[]
  rating?: SelfRating
}

/** What an interview question's saved events say; saved data is never trusted to be well formed. */
export function interviewProgress(
  state: ItemLocalState | undefined,
  pointCount: number,
): InterviewProgress {
  const points = state?.last['interview.point-checked']?.points
  const checkedPoints = Array.isArray(points)
    ? [
        ...new Set(
          points.filter(
            (index): index is number => Number.isInteger(index) && index >= 0 && index < pointCount,
          ),
        ),
      ].sort((a, b) => a - b)
    : []
  const rated = state?.last['interview.rated']?.rating
  const rating = SELF_RATINGS.find((option) => option.value === rated)?.value
  return {
    // Ticks and ratings only happen after the reveal, so they also prove it.
    revealed:
      Boolean(state?.last['interview.revealed']) ||
      checkedPoints.length > 0 ||
      rating !== undefined,
    checkedPoints,
    ...(rating ? { rating } : {}),
  }
}

export function draftStorageKey(itemId: string): string {
  return `drydock:draft:${itemId}`
}
