import { describe, expect, it } from 'vitest'
import {
  formatInterval,
  gradeCard,
  gradeOf,
  isDue,
  previewGrades,
  Rating,
  replayCard,
  State,
  type ReviewEvent,
} from './scheduler'

const DAY = 86_400_000
const t0 = new Date('2026-03-02T09:00:00Z')
const at = (ms: number) => new Date(t0.getTime() + ms)

let seq = 0
function graded(rating: number, time: Date, type = 'review.graded'): ReviewEvent {
  seq += 1
  return { id: `event-${seq}`, type, payload: { rating }, occurredAt: time.toISOString() }
}

/** A card that has left learning: Good on first sight, then Good ten minutes later. */
function graduatedCard() {
  const { card } = replayCard([graded(3, t0), graded(3, at(10 * 60_000))], 0.9)
  if (!card) throw new Error('expected a card')
  return card
}

describe('grades from what the learner did', () => {
  it('reads a lesson "Got it" as Good and "Again" as Again', () => {
    expect(gradeOf({ type: 'card.rated', payload: { rating: 'got-it' } })).toEqual({ rating: Rating.Good, source: 'lesson' })
    expect(gradeOf({ type: 'card.rated', payload: { rating: 'again' } })).toEqual({ rating: Rating.Again, source: 'lesson' })
  })

  it('reads interview self-ratings, and tells a mock interview from a lesson', () => {
    expect(gradeOf({ type: 'interview.rated', payload: { rating: 'nailed' } })?.rating).toBe(Rating.Good)
    expect(gradeOf({ type: 'interview.rated', payload: { rating: 'partly' } })?.rating).toBe(Rating.Hard)
    expect(gradeOf({ type: 'interview.rated', payload: { rating: 'missed', via: 'rehearsal' } })).toEqual({
      rating: Rating.Again,
      source: 'rehearsal',
    })
  })

  it('ignores events that say nothing about recall', () => {
    expect(gradeOf({ type: 'card.flipped', payload: {} })).toBeUndefined()
    expect(gradeOf({ type: 'review.graded', payload: { rating: 5 } })).toBeUndefined()
    expect(gradeOf({ type: 'review.graded', payload: { rating: '3' } })).toBeUndefined()
  })
})

describe('scheduling through ts-fsrs with a controlled clock', () => {
  it('brings a card graded Good back later than one graded Hard', () => {
    const card = graduatedCard()
    const now = new Date(card.due.getTime() + 60_000)
    const good = gradeCard(card, Rating.Good, now, 0.9)
    const hard = gradeCard(card, Rating.Hard, now, 0.9)
    const easy = gradeCard(card, Rating.Easy, now, 0.9)
    expect(good.due.getTime()).toBeGreaterThan(hard.due.getTime())
    expect(easy.due.getTime()).toBeGreaterThan(good.due.getTime())
    expect(hard.due.getTime() - now.getTime()).toBeGreaterThanOrEqual(DAY)
  })

  it('brings a card graded Again back the same day, and counts the lapse', () => {
    const card = graduatedCard()
    const now = new Date(card.due.getTime() + 60_000)
    const again = gradeCard(card, Rating.Again, now, 0.9)
    expect(again.state).toBe(State.Relearning)
    expect(again.lapses).toBe(1)
    expect(again.due.getTime() - now.getTime()).toBeLessThanOrEqual(15 * 60_000)
    expect(again.due.toISOString().slice(0, 10)).toBe(now.toISOString().slice(0, 10))
  })

  it('schedules sooner when the desired retention is higher', () => {
    const card = graduatedCard()
    const now = new Date(card.due.getTime())
    const relaxed = gradeCard(card, Rating.Good, now, 0.8)
    const strict = gradeCard(card, Rating.Good, now, 0.95)
    expect(relaxed.due.getTime()).toBeGreaterThan(strict.due.getTime())
  })

  it('previews all four outcomes with readable intervals', () => {
    const preview = previewGrades(undefined, t0, 0.9)
    expect(preview.map((grade) => grade.label)).toEqual(['Again', 'Hard', 'Good', 'Easy'])
    expect(preview.map((grade) => grade.interval)).toEqual(['1 min', '6 min', '10 min', expect.stringMatching(/days?$/)])
    const again = preview[0]!
    expect(again.due.getTime()).toBe(at(60_000).getTime())
  })
})

describe('replaying a card', () => {
  it('counts a lesson "Got it" as the first review', () => {
    const { card, logs } = replayCard([graded(0, t0, 'card.flipped'), { ...graded(0, t0, 'card.rated'), payload: { rating: 'got-it' } }], 0.9)
    expect(card?.reps).toBe(1)
    expect(card?.state).toBe(State.Learning)
    expect(logs).toHaveLength(1)
    expect(logs[0]).toMatchObject({ rating: Rating.Good, source: 'lesson', stateBefore: State.New, elapsedDays: 0 })
  })

  it('orders by the learner clock, so a late offline upload ends in the same schedule', () => {
    const a = graded(3, t0)
    const b = graded(3, at(10 * 60_000))
    const c = graded(1, at(5 * DAY))
    const inOrder = replayCard([a, b, c], 0.9)
    const late = replayCard([c, a, b], 0.9)
    expect(late.card).toEqual(inOrder.card)
    expect(late.logs.map((log) => log.eventId)).toEqual([a.id, b.id, c.id])
    expect(inOrder.logs[2]).toMatchObject({ stateBefore: State.Review, stateAfter: State.Relearning })
    expect(inOrder.logs[2]?.elapsedDays).toBeCloseTo(5 - 10 / 1440, 5)
  })

  it('skips a grade that was undone', () => {
    const a = graded(3, t0)
    const b = graded(1, at(60_000))
    const undo: ReviewEvent = { id: 'undo-1', type: 'review.undone', payload: { undoes: b.id }, occurredAt: at(70_000).toISOString() }
    expect(replayCard([a, b, undo], 0.9)).toEqual(replayCard([a], 0.9))
  })

  it('has no card until something counts as a grade', () => {
    expect(replayCard([graded(0, t0, 'card.flipped')], 0.9)).toEqual({ logs: [] })
  })
})

describe('due', () => {
  it('includes learning steps due within the learn-ahead window, but not review cards due later', () => {
    const now = t0
    expect(isDue({ due: at(10 * 60_000), state: State.Learning }, now)).toBe(true)
    expect(isDue({ due: at(10 * 60_000), state: State.Review }, now)).toBe(false)
    expect(isDue({ due: at(-DAY), state: State.Review }, now)).toBe(true)
    expect(isDue({ due: at(30 * 60_000), state: State.Learning }, now)).toBe(false)
  })
})

describe('intervals in words', () => {
  it.each([
    [30_000, '1 min'],
    [10 * 60_000, '10 min'],
    [3 * 3_600_000, '3 h'],
    [DAY, '1 day'],
    [12 * DAY, '12 days'],
    [95 * DAY, '3 mo'],
    [800 * DAY, '2.2 yr'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatInterval(ms)).toBe(text)
  })
})
