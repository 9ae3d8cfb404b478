import { describe, expect, it } from 'vitest'
import type { ItemLocalState } from '@/lib/progress/local-store'
import { cardProgress } from './card-state'

function state(last: ItemLocalState['last']): ItemLocalState {
  return { attempts: 0, completed: false, last, updatedAt: '2026-01-01T00:00:00.000Z' }
}

describe('cardProgress', () => {
  it('is unflipped and unrated before the first interaction', () => {
    expect(cardProgress(undefined)).toEqual({ flipped: false })
  })

  it('remembers that a card was turned over, and its latest rating', () => {
    expect(cardProgress(state({ 'card.flipped': {} }))).toEqual({ flipped: true })
    expect(
      cardProgress(
        state({ 'card.flipped': {}, 'card.rated': { rating: 'again', completed: true } }),
      ),
    ).toEqual({
      flipped: true,
      rating: 'again',
    })
  })

  it('counts a rated card as flipped, and ignores a rating it does not know', () => {
    expect(cardProgress(state({ 'card.rated': { rating: 'got-it' } }))).toEqual({
      flipped: true,
      rating: 'got-it',
    })
    expect(cardProgress(state({ 'card.rated': { rating: 'easy' } }))).toEqual({ flipped: false })
  })
})
