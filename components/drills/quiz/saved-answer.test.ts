import { describe, expect, it } from 'vitest'
import type { QuizQuestion } from '@/lib/drills/quiz'
import { savedAnswer } from './saved-answer'

const question: QuizQuestion = {
  id: 'survives',
  prompt: 'What survives a restart?',
  kind: 'multiple',
  options: [
    { id: 'files', text: 'Files', correct: true, explanation: 'Kept in the writable layer.' },
    { id: 'volume', text: 'Volume data', correct: true, explanation: 'Outside the container.' },
    { id: 'memory', text: 'Memory', correct: false, explanation: 'The process ends.' },
  ],
}

describe('savedAnswer', () => {
  it('restores the last checked selection with its grade', () => {
    expect(savedAnswer({ selected: ['files', 'volume'], correct: true }, question)).toEqual({
      selected: ['files', 'volume'],
      correct: true,
    })
    expect(savedAnswer({ selected: ['files'], correct: false }, question)).toEqual({
      selected: ['files'],
      correct: false,
    })
  })

  it('regrades against the question as it is now, not the saved verdict', () => {
    expect(savedAnswer({ selected: ['files', 'memory'], correct: true }, question)?.correct).toBe(
      false,
    )
  })

  it('has nothing to restore before an answer or from malformed data', () => {
    expect(savedAnswer(undefined, question)).toBeUndefined()
    expect(savedAnswer({ selected: 'files' }, question)).toBeUndefined()
    expect(savedAnswer({ selected: [1, 2] }, question)).toBeUndefined()
  })
})
