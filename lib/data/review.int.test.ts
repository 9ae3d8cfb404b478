import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ContentManifest, ItemEntry } from '@/lib/content/types'
import { buildCourse } from '@/tests/setup/fixtures'
import { useTestDatabase, type TestDatabase } from '@/tests/setup/test-db'
import { syncCatalogue } from './catalogue'
import { ProgressInputError, recordProgressEvents, type ProgressEventInput } from './progress-write'
import { countDueCards, getReviewStats, refreshAllReviewCards, saveReviewSettings } from './review'
import { getDueQueue } from './review-queue'

let db: TestDatabase
let userId: string

const BULK_CARDS = 2500

/** The fixture course with an interview question, plus a course of BULK_CARDS flip cards in two modules. */
function manifest(): ContentManifest {
  const docker = buildCourse()
  docker.modules[1]!.lessons[0]!.items.push({
    id: 'compose-interview',
    kind: 'interview',
    position: 1,
    label: 'Why not run everything in one container?',
    contentHash: 'hash-compose-interview',
  })
  const card = (n: number, position: number): ItemEntry => ({
    id: `bulk-card-${n}`,
    kind: 'flip-card',
    position,
    label: `Card ${n}`,
    contentHash: `hash-${n}`,
  })
  const half = BULK_CARDS / 2
  const bulkLesson = (slug: string, moduleSlug: string, position: number, from: number) => ({
    slug,
    courseSlug: 'bulk',
    moduleSlug,
    title: slug,
    summary: slug,
    minutes: 5,
    objectives: [],
    position,
    items: Array.from({ length: half }, (_, index) => card(from + index, index)),
    contentHash: `hash-${slug}`,
  })
  return {
    version: 1,
    courses: [
      docker,
      {
        slug: 'bulk',
        title: 'Bulk',
        summary: 'Many cards',
        contentHash: 'hash-bulk',
        modules: [
          { slug: 'first', title: 'First', lessons: [bulkLesson('first-lesson', 'first', 0, 0)] },
          { slug: 'second', title: 'Second', lessons: [bulkLesson('second-lesson', 'second', 1, half)] },
        ],
      },
    ],
  }
}

beforeAll(async () => {
  db = await useTestDatabase()
  await syncCatalogue(manifest())
})
afterAll(() => db.drop())

beforeEach(async () => {
  await db.pool.query('TRUNCATE progress_events, item_states, lesson_progress, review_cards, review_logs, review_settings, users CASCADE')
  userId = (await db.prisma().user.create({ data: { email: 'ada@example.com' } })).id
})

const t0 = Date.parse('2026-03-02T09:00:00Z')
const at = (minutes: number) => new Date(t0 + minutes * 60_000)
const DAY_MINUTES = 1440

function event(overrides: Partial<ProgressEventInput> & Pick<ProgressEventInput, 'type'>): ProgressEventInput {
  return {
    clientEventId: randomUUID(),
    courseSlug: 'docker',
    lessonSlug: 'why-containers',
    itemId: 'why-card-1',
    payload: {},
    occurredAt: at(0).toISOString(),
    ...overrides,
  }
}

const rated = (rating: 'got-it' | 'again', minute: number, itemId = 'why-card-1', lessonSlug = 'why-containers') =>
  event({ type: 'card.rated', itemId, lessonSlug, payload: { rating, correct: rating === 'got-it', completed: true }, occurredAt: at(minute).toISOString() })
const graded = (rating: number, minute: number, itemId = 'why-card-1') =>
  event({ type: 'review.graded', itemId, payload: { rating }, occurredAt: at(minute).toISOString() })

async function cardRow(itemId = 'docker/why-card-1') {
  const { rows } = await db.pool.query<{ state: string; reps: number; lapses: number; due: Date; last_review: Date }>(
    'SELECT state, reps, lapses, due, last_review FROM review_cards WHERE user_id = $1 AND item_id = $2',
    [userId, itemId],
  )
  return rows[0]
}

async function logRows() {
  const { rows } = await db.pool.query<{ rating: number; source: string; state_before: string; state_after: string }>(
    'SELECT rating, source, state_before, state_after FROM review_logs WHERE user_id = $1 ORDER BY reviewed_at',
    [userId],
  )
  return rows
}

describe('schedules derived from progress events', () => {
  it('makes a lesson "Got it" the first review, due again in ten minutes', async () => {
    await recordProgressEvents(userId, [rated('got-it', 0)])
    const card = await cardRow()
    expect(card).toMatchObject({ state: 'LEARNING', reps: 1, lapses: 0 })
    expect(card!.due.getTime() - at(0).getTime()).toBe(10 * 60_000)
    expect(await logRows()).toEqual([{ rating: 3, source: 'lesson', state_before: 'NEW', state_after: 'LEARNING' }])
  })

  it('reviews move the due date as FSRS says, and a miss brings the card back the same day', async () => {
    await recordProgressEvents(userId, [rated('got-it', 0)])
    await recordProgressEvents(userId, [graded(3, 15)])
    const graduated = await cardRow()
    expect(graduated?.state).toBe('REVIEW')
    const reviewDay = (graduated!.due.getTime() - t0) / 60_000 + 5
    await recordProgressEvents(userId, [graded(1, reviewDay)])
    const lapsed = await cardRow()
    expect(lapsed).toMatchObject({ state: 'RELEARNING', lapses: 1, reps: 3 })
    expect(lapsed!.due.getTime() - at(reviewDay).getTime()).toBeLessThanOrEqual(10 * 60_000)
  })

  it('ends in the same schedule whatever order the uploads arrive in, and when retried', async () => {
    const events = [rated('got-it', 0), graded(3, 15), graded(2, 4 * DAY_MINUTES)]
    await recordProgressEvents(userId, [events[2]!])
    await recordProgressEvents(userId, [events[0]!, events[1]!])
    await recordProgressEvents(userId, events)
    const outOfOrder = await cardRow()

    await db.pool.query('TRUNCATE progress_events, review_cards, review_logs')
    await recordProgressEvents(userId, events)
    expect(await cardRow()).toEqual(outOfOrder)
    expect((await logRows()).map((log) => log.rating)).toEqual([3, 3, 2])
  })

  it('undoes a grade, so the card is as it was before it', async () => {
    const grade = graded(1, 15)
    await recordProgressEvents(userId, [rated('got-it', 0)])
    const before = await cardRow()
    await recordProgressEvents(userId, [grade])
    expect((await cardRow())?.lapses).toBe(0)
    expect((await cardRow())?.due).not.toEqual(before?.due)
    await recordProgressEvents(userId, [event({ type: 'review.undone', payload: { undoes: grade.clientEventId }, occurredAt: at(16).toISOString() })])
    expect(await cardRow()).toEqual(before)
    expect(await logRows()).toHaveLength(1)
  })

  it('maps an interview self-rating from a mock interview to a grade', async () => {
    await recordProgressEvents(userId, [
      event({
        type: 'interview.rated',
        lessonSlug: 'compose-intro',
        itemId: 'compose-interview',
        payload: { rating: 'missed', correct: false, completed: true, via: 'rehearsal' },
      }),
    ])
    expect(await cardRow('docker/compose-interview')).toMatchObject({ state: 'LEARNING', lapses: 0 })
    expect(await logRows()).toEqual([{ rating: 1, source: 'rehearsal', state_before: 'NEW', state_after: 'LEARNING' }])
  })

  it('refuses a grade out of range with a message, storing nothing', async () => {
    await expect(recordProgressEvents(userId, [graded(7, 0)])).rejects.toThrow(ProgressInputError)
    await expect(recordProgressEvents(userId, [graded(7, 0)])).rejects.toThrow(/rating must be 1 \(Again\)/)
    expect(await cardRow()).toBeUndefined()
  })

  it('ignores grades on items that are not cards', async () => {
    await recordProgressEvents(userId, [graded(3, 0, 'why-quiz-1')])
    expect(await cardRow('docker/why-quiz-1')).toBeUndefined()
  })

  it('reschedules every card when the desired retention changes', async () => {
    await recordProgressEvents(userId, [rated('got-it', 0), graded(3, 15)])
    const at90 = await cardRow()
    await saveReviewSettings(userId, { desiredRetention: 0.8, newCardsPerDay: 20 })
    const at80 = await cardRow()
    expect(at80!.due.getTime()).toBeGreaterThan(at90!.due.getTime())
  })
})

describe('schedules kept as grades arrive', () => {
  const bulk = (n: number, rating: number, minute: number) =>
    event({ type: 'review.graded', courseSlug: 'bulk', lessonSlug: 'first-lesson', itemId: `bulk-card-${n}`, payload: { rating }, occurredAt: at(minute).toISOString() })

  /** Every column of the learner's cards and logs but the time they were written. */
  async function schedules() {
    const cards = await db.pool.query(
      `SELECT item_id, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review
       FROM review_cards WHERE user_id = $1 ORDER BY item_id`,
      [userId],
    )
    const logs = await db.pool.query(
      `SELECT event_id, item_id, rating, source, state_before, state_after, elapsed_days, scheduled_days,
         stability_after, difficulty_after, due_after, reviewed_at
       FROM review_logs WHERE user_id = $1 ORDER BY event_id`,
      [userId],
    )
    return { cards: cards.rows, logs: logs.rows }
  }

  it('after many small uploads, a late one, an undo and a retry, holds what a whole replay of the events makes', async () => {
    const ratings = [3, 3, 1, 3, 4, 2, 3, 1, 3, 3]
    const grades = ratings.flatMap((rating, step) =>
      [0, 1, 2].map((card) => bulk(card, card === 1 ? 4 - (rating % 4) : rating, step * 3 * DAY_MINUTES + card * 7)),
    )
    const late = grades.splice(4, 1)[0]!
    const undone = grades[11]!
    for (let start = 0; start < grades.length; start += 2) {
      const upload = grades.slice(start, start + 2)
      await recordProgressEvents(userId, upload)
      if (start === 12) {
        await recordProgressEvents(userId, [event({ type: 'review.undone', courseSlug: 'bulk', lessonSlug: 'first-lesson', itemId: undone.itemId, payload: { undoes: undone.clientEventId }, occurredAt: at(40 * DAY_MINUTES).toISOString() })])
      }
      if (start === 16) await recordProgressEvents(userId, [late])
      if (start === 20) await recordProgressEvents(userId, upload)
    }
    const kept = await schedules()
    expect(kept.cards).toHaveLength(3)
    expect(kept.logs).toHaveLength(ratings.length * 3 - 1)
    // The undone grade was card 0's fifth.
    expect(kept.cards.map((card) => card.reps)).toEqual([ratings.length - 1, ratings.length, ratings.length])

    await refreshAllReviewCards(userId)
    expect(await schedules()).toEqual(kept)
  })

  it('keeps a grade undone when its undo was stored before it', async () => {
    const first = bulk(5, 3, 0)
    const second = bulk(5, 1, 20)
    await recordProgressEvents(userId, [first])
    await recordProgressEvents(userId, [event({ type: 'review.undone', courseSlug: 'bulk', lessonSlug: 'first-lesson', itemId: 'bulk-card-5', payload: { undoes: second.clientEventId }, occurredAt: at(21).toISOString() })])
    await recordProgressEvents(userId, [second])
    const { cards, logs } = await schedules()
    expect(cards).toMatchObject([{ item_id: 'bulk/bulk-card-5', reps: 1, lapses: 0 }])
    expect(logs).toHaveLength(1)
  })
})

describe('the due queue', () => {
  it('lists due cards soonest first, new cards from opened lessons within the daily limit, and the next due date', async () => {
    await recordProgressEvents(userId, [
      event({ type: 'lesson.visited', itemId: undefined }),
      event({ type: 'lesson.visited', itemId: undefined, lessonSlug: 'compose-intro' }),
      rated('again', 0),
    ])
    const queue = await getDueQueue(userId, { now: at(2) })
    expect(queue.due.map((card) => card.itemId)).toEqual(['why-card-1'])
    expect(queue.fresh).toEqual([
      { courseSlug: 'docker', itemId: 'compose-card' },
      { courseSlug: 'docker', itemId: 'compose-interview' },
    ])
    expect(queue.nextDueAt).toBeNull()

    await saveReviewSettings(userId, { desiredRetention: 0.9, newCardsPerDay: 1 })
    await recordProgressEvents(userId, [graded(3, 3, 'compose-card')].map((e) => ({ ...e, lessonSlug: 'compose-intro' })))
    const later = await getDueQueue(userId, { now: at(4) })
    expect(later.newToday).toBe(1)
    expect(later.fresh).toEqual([])
    expect(later.due.map((card) => card.itemId)).toEqual(['why-card-1', 'compose-card'])

    await recordProgressEvents(userId, [graded(4, 5)])
    const next = await getDueQueue(userId, { now: at(6), filter: { courseSlug: 'docker', moduleSlug: 'basics' } })
    expect(next.due).toEqual([])
    expect(next.nextDueAt).not.toBeNull()
    expect(Date.parse(next.nextDueAt!)).toBeGreaterThan(at(DAY_MINUTES).getTime())
  })

  it('leaves out cards whose items were retired from the course, due, next or new', async () => {
    await recordProgressEvents(userId, [
      event({ type: 'lesson.visited', itemId: undefined }),
      event({ type: 'lesson.visited', itemId: undefined, lessonSlug: 'compose-intro' }),
      rated('again', 0),
      { ...graded(4, 1, 'compose-card'), lessonSlug: 'compose-intro' },
    ])
    const before = await getDueQueue(userId, { now: at(2) })
    expect(before.due.map((card) => card.itemId)).toEqual(['why-card-1'])
    expect(before.nextDueAt).not.toBeNull()
    expect(before.fresh.map((entry) => entry.itemId)).toEqual(['compose-interview'])

    await db.pool.query(
      `UPDATE items SET retired_at = now() WHERE id IN ('docker/why-card-1', 'docker/compose-card', 'docker/compose-interview')`,
    )
    try {
      const after = await getDueQueue(userId, { now: at(2) })
      expect(after.due).toEqual([])
      expect(after.dueTotal).toBe(0)
      expect(after.nextDueAt).toBeNull()
      expect(after.fresh).toEqual([])
    } finally {
      await db.pool.query('UPDATE items SET retired_at = NULL')
    }
  })

  it(`answers from ${BULK_CARDS} cards quickly, with filters by course and module`, async () => {
    // Half the cards overdue by up to 30 days, half due in the next 60: a learner months into the course.
    await db.pool.query(
      `INSERT INTO review_cards (user_id, item_id, due, stability, difficulty, elapsed_days, scheduled_days,
         learning_steps, reps, lapses, state, last_review)
       SELECT $1, 'bulk/bulk-card-' || n,
              $2::timestamptz + ((n % 90) - 30) * interval '1 day' + n * interval '1 second',
              10, 5, 3, 10, 0, 4, 0, 'REVIEW', $2::timestamptz - interval '10 days'
       FROM generate_series(0, ${BULK_CARDS - 1}) AS n`,
      [userId, at(0)],
    )
    const now = at(0)
    const queue = await getDueQueue(userId, { now })
    const expectedDue = Array.from({ length: BULK_CARDS }, (_, n) => n).filter((n) => n % 90 < 30)
    expect(queue.dueTotal).toBe(expectedDue.length)
    expect(queue.due).toHaveLength(200)
    const dues = queue.due.map((card) => Date.parse(card.due))
    expect(dues).toEqual([...dues].sort((a, b) => a - b))
    expect(dues.every((due) => due <= now.getTime())).toBe(true)

    const second = await getDueQueue(userId, { now, filter: { courseSlug: 'bulk', moduleSlug: 'second' } })
    expect(second.due.every((card) => Number(card.itemId.replace('bulk-card-', '')) >= BULK_CARDS / 2)).toBe(true)
    expect((await getDueQueue(userId, { now, filter: { courseSlug: 'docker' } })).dueTotal).toBe(0)
    expect(await countDueCards(userId, now)).toBe(expectedDue.length)

    const timings: number[] = []
    for (let run = 0; run < 40; run++) {
      const started = performance.now()
      await getDueQueue(userId, { now })
      timings.push(performance.now() - started)
    }
    timings.sort((a, b) => a - b)
    const p95 = timings[Math.floor(timings.length * 0.95)]!
    console.info(`due queue over ${BULK_CARDS} cards: median ${timings[20]!.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`)
    // The statement itself runs in a few milliseconds (EXPLAIN ANALYZE); this bound only catches a plan
    // gone wrong (a scan of every card) on a shared, loaded 2-core machine. The benchmark holds the 20 ms budget.
    expect(p95).toBeLessThan(500)
  })
})

describe('review statistics', () => {
  it('counts reviews per day, true retention over cards in review, and the due forecast', async () => {
    await recordProgressEvents(userId, [rated('got-it', 0), graded(3, 15)])
    const graduated = await cardRow()
    const reviewMinute = (graduated!.due.getTime() - t0) / 60_000
    await recordProgressEvents(userId, [graded(1, reviewMinute), graded(3, reviewMinute + 10)])

    const now = at(reviewMinute + 20)
    const stats = await getReviewStats(userId, { now, timeZone: 'UTC' })
    expect(stats.reviewsPerDay).toHaveLength(30)
    const today = stats.reviewsPerDay.at(-1)!
    expect(today.day).toBe(now.toISOString().slice(0, 10))
    expect(today).toMatchObject({ again: 1, good: 1 })
    expect(stats.retention).toEqual({ reviewed: 1, recalled: 0 })
    expect(stats.forecast.reduce((sum, day) => sum + day.due, 0)).toBe(1)
    expect(stats.cards).toEqual({ learning: 0, review: 1, relearning: 0 })
  })
})
