import { describe, expect, it } from 'vitest'
import { Rating, replayCard, State } from './scheduler'
import { gradeCurrent, startSession, summariseSession, undoLast, type SessionCard } from './session'

const now = new Date('2026-03-02T09:00:00Z')

function learnedCard(key: string): SessionCard {
  const { card } = replayCard(
    [
      { id: `${key}-1`, type: 'review.graded', payload: { rating: 3 }, occurredAt: '2026-02-20T09:00:00Z' },
      { id: `${key}-2`, type: 'review.graded', payload: { rating: 3 }, occurredAt: '2026-02-20T09:10:00Z' },
    ],
    0.9,
  )
  return { key, courseSlug: 'docker', itemId: key, card: card! }
}

const fresh = (key: string): SessionCard => ({ key, courseSlug: 'docker', itemId: key })

describe('a review session', () => {
  it('drops a learned card graded Good, and brings a missed one back later in the session', () => {
    let state = startSession([learnedCard('a'), learnedCard('b')])
    state = gradeCurrent(state, Rating.Good, now, 0.9, 'e1')
    expect(state.queue.map((entry) => entry.key)).toEqual(['b'])
    state = gradeCurrent(state, Rating.Again, now, 0.9, 'e2')
    expect(state.queue.map((entry) => entry.key)).toEqual(['b'])
    expect(state.queue[0]?.card?.state).toBe(State.Relearning)
  })

  it('puts a new card graded Good behind the cards already waiting', () => {
    let state = startSession([fresh('n1'), fresh('n2')])
    state = gradeCurrent(state, Rating.Good, now, 0.9, 'e1')
    expect(state.queue.map((entry) => entry.key)).toEqual(['n2', 'n1'])
  })

  it('undoes the last grade and says which event to take back', () => {
    const start = startSession([learnedCard('a'), learnedCard('b')])
    const graded = gradeCurrent(start, Rating.Easy, now, 0.9, 'e1')
    const { state, eventId } = undoLast(graded)
    expect(eventId).toBe('e1')
    expect(state.queue).toEqual(start.queue)
    expect(state.graded).toEqual([])
    expect(undoLast(state).eventId).toBeUndefined()
  })

  it('sums up grades and each card latest due date', () => {
    let state = startSession([fresh('n1'), learnedCard('a')])
    state = gradeCurrent(state, Rating.Again, now, 0.9, 'e1')
    state = gradeCurrent(state, Rating.Good, now, 0.9, 'e2')
    state = gradeCurrent(state, Rating.Good, now, 0.9, 'e3')
    const summary = summariseSession(state)
    expect(summary).toMatchObject({ reviews: 3, cards: 2, byRating: { 1: 1, 2: 0, 3: 2, 4: 0 } })
    expect(summary.next.map((entry) => entry.key)).toEqual(['n1', 'a'])
  })
})
