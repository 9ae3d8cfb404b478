import { describe, expect, it } from 'vitest'
import type { ReviewDeck } from '@/lib/content/types'
import type { LocalProgress, LocalProgressEvent } from '@/lib/progress/local-store'
import { buildLocalQueue, buildLocalStats } from './local'

const deck: ReviewDeck = {
  version: 1,
  courses: [
    {
      slug: 'docker',
      title: 'Docker',
      modules: [
        { slug: 'basics', title: 'Basics' },
        { slug: 'compose', title: 'Compose' },
      ],
      lessons: { intro: 'Intro', 'compose-intro': 'Compose intro' },
      cards: [
        { kind: 'flip-card', id: 'c1', front: 'F1', back: 'B1', lessonSlug: 'intro', moduleSlug: 'basics' },
        { kind: 'flip-card', id: 'c2', front: 'F2', back: 'B2', lessonSlug: 'intro', moduleSlug: 'basics' },
        { kind: 'interview', id: 'q1', question: 'Q', seniorAngle: 'S', keyPoints: ['a', 'b'], lessonSlug: 'compose-intro', moduleSlug: 'compose' },
      ],
    },
  ],
}

let n = 0
function event(type: string, itemId: string | undefined, payload: Record<string, unknown>, occurredAt: string, lessonSlug = 'intro'): LocalProgressEvent {
  n += 1
  return { clientEventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, courseSlug: 'docker', lessonSlug, ...(itemId ? { itemId } : {}), type, payload, occurredAt }
}

function progress(events: LocalProgressEvent[], lessons: string[]): LocalProgress {
  return { version: 1, lessons: Object.fromEntries(lessons.map((key) => [key, { visitedAt: '2026-03-02T08:00:00Z' }])), items: {}, outbox: events }
}

describe('review in a browser without an account', () => {
  it('queues cards rated in lessons, and never-graded cards of visited lessons as new', () => {
    const events = [event('card.rated', 'c1', { rating: 'again' }, '2026-03-02T09:00:00Z')]
    const queue = buildLocalQueue({ deck, progress: progress(events, ['docker/intro']), now: new Date('2026-03-02T09:02:00Z'), timeZone: 'UTC' })
    expect(queue.due.map((card) => card.itemId)).toEqual(['c1'])
    expect(queue.due[0]?.state).toBe('LEARNING')
    expect(queue.fresh).toEqual([{ courseSlug: 'docker', itemId: 'c2' }])
  })

  it('filters by module and says when the next card is due', () => {
    const events = [
      event('card.rated', 'c1', { rating: 'got-it' }, '2026-03-01T09:00:00Z'),
      event('review.graded', 'c1', { rating: 4 }, '2026-03-01T09:11:00Z'),
      event('interview.rated', 'q1', { rating: 'missed', via: 'rehearsal' }, '2026-03-02T09:00:00Z', 'compose-intro'),
    ]
    const queue = buildLocalQueue({
      deck,
      progress: progress(events, []),
      now: new Date('2026-03-02T09:01:00Z'),
      timeZone: 'UTC',
      filter: { courseSlug: 'docker', moduleSlug: 'basics' },
    })
    expect(queue.due).toEqual([])
    expect(Date.parse(queue.nextDueAt!)).toBeGreaterThan(Date.parse('2026-03-03T00:00:00Z'))
  })

  it('stops introducing new cards once the daily limit is reached', () => {
    const events = [event('review.graded', 'c1', { rating: 3 }, '2026-03-02T09:00:00Z')]
    const queue = buildLocalQueue({
      deck,
      progress: progress(events, ['docker/intro']),
      settings: { desiredRetention: 0.9, newCardsPerDay: 1, saved: true },
      now: new Date('2026-03-02T09:30:00Z'),
      timeZone: 'UTC',
    })
    expect(queue.newToday).toBe(1)
    expect(queue.fresh).toEqual([])
  })

  it('counts reviews per day and true retention from the same replay', () => {
    const events = [
      event('review.graded', 'c1', { rating: 3 }, '2026-03-01T09:00:00Z'),
      event('review.graded', 'c1', { rating: 3 }, '2026-03-01T09:10:00Z'),
      event('review.graded', 'c1', { rating: 1 }, '2026-03-02T10:00:00Z'),
    ]
    const stats = buildLocalStats({ progress: progress(events, []), desiredRetention: 0.9, now: new Date('2026-03-02T12:00:00Z'), timeZone: 'UTC' })
    expect(stats.reviewsPerDay.at(-1)).toEqual({ day: '2026-03-02', again: 1, hard: 0, good: 0, easy: 0 })
    expect(stats.reviewsPerDay.at(-2)).toEqual({ day: '2026-03-01', again: 0, hard: 0, good: 2, easy: 0 })
    expect(stats.retention).toEqual({ reviewed: 1, recalled: 0 })
    expect(stats.cards).toEqual({ learning: 0, review: 0, relearning: 1 })
    expect(stats.forecast[0]).toEqual({ day: '2026-03-02', due: 1 })
  })
})
