import { z } from 'zod'
import { authoredId, authoredList, authoredText } from './authoring'

/**
 * An interview question: the learner thinks an answer through (a private draft),
 * reveals the senior angle and its key points, and rates themselves.
 */
export const interviewQuestionSchema = z.strictObject({
  id: authoredId,
  question: authoredText,
  seniorAngle: authoredText,
  keyPoints: authoredList(authoredText)
    .min(2, 'list at least 2 key points')
    .max(8, 'more than 8 key points stops being a checklist; keep the essentials'),
})

export type InterviewQuestion = z.infer<typeof interviewQuestionSchema>

export const SELF_RATINGS = [
  { value: 'nailed', label: 'Nailed it' },
  { value: 'partly', label: 'Partly' },
  { value: 'missed', label: 'Missed' },
] as const

export type SelfRating = (typeof SELF_RATINGS)[number]['value']

/** A self-rating grades the answer for review and item analysis: only "Nailed it" counts as correct. */
export function ratingIsCorrect(rating: SelfRating): boolean {
  return rating === 'nailed'
}
