import { gradeAnswer, type QuizQuestion } from '@/lib/drills/quiz'

export interface SavedAnswer {
  selected: string[]
  correct: boolean
}

/**
 * The last checked answer in a `quiz.answered` payload, regraded against the
 * question as it is now: an author may have fixed an option since, and saved
 * data is never trusted to be well formed.
 */
export function savedAnswer(
  payload: Record<string, unknown> | undefined,
  question: QuizQuestion,
): SavedAnswer | undefined {
  const selected = payload?.selected
  if (!Array.isArray(selected) || !selected.every((id): id is string => typeof id === 'string'))
    return undefined
  return { selected, correct: gradeAnswer(question, selected).correct }
}
