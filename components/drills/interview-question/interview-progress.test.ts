import { describe, expect, it } from 'vitest'
import type { ItemLocalState } from '@/lib/progress/local-store'
import { draftStorageKey, interviewProgress } from './interview-progress'

function state(last: ItemLocalState['last']): ItemLocalState {
  return { attempts: 0, completed: false, last, updatedAt: '2026-01-01T00:00:00.000Z' }
}

describe('interviewProgress', () => {
  it('starts hidden, unticked and unrated', () => {
    expect(interviewProgress(undefined, 4)).toEqual({ revealed: false, checkedPoints: [] })
  })

  it('restores the reveal, the ticked key points and the rating', () => {
    const saved = state({
      'interview.revealed': {},
      'interview.point-checked': { points: [2, 0] },
      'interview.rated': { rating: 'partly', correct: false, completed: true },
    })
    expect(interviewProgress(saved, 4)).toEqual({
      revealed: true,
      checkedPoints: [0, 2],
      rating: 'partly',
    })
  })

  it('ignores key points the question no longer has and ratings it does not know', () => {
    const saved = state({
      'interview.revealed': {},
      'interview.point-checked': { points: [1, 9, -1, 1] },
      'interview.rated': { rating: 'great' },
    })
    expect(interviewProgress(saved, 4)).toEqual({ revealed: true, checkedPoints: [1] })
  })
})

describe('draftStorageKey', () => {
  it('keeps drafts under their own key per question', () => {
    expect(draftStorageKey('image-vs-container')).toBe('drydock:draft:image-vs-container')
  })
})
