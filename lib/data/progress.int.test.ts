import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildManifest } from '@/tests/setup/fixtures'
import { useTestDatabase, type TestDatabase } from '@/tests/setup/test-db'
import { syncCatalogue } from './catalogue'
import { getCourseProgress, getItemSnapshots, getResumeLesson } from './progress'
import { ProgressInputError, recordProgressEvents, UnknownContentError, type ProgressEventInput } from './progress-write'

let db: TestDatabase
let userId: string

beforeAll(async () => {
  db = await useTestDatabase()
  await syncCatalogue(buildManifest())
})
afterAll(() => db.drop())

beforeEach(async () => {
  await db.pool.query('TRUNCATE progress_events, item_states, lesson_progress, users CASCADE')
  const user = await db.prisma().user.create({ data: { email: 'ada@example.com' } })
  userId = user.id
})

const t0 = Date.parse('2026-03-01T10:00:00Z')
const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString()

function event(
  overrides: Partial<ProgressEventInput> & Pick<ProgressEventInput, 'type'>,
): ProgressEventInput {
  return {
    clientEventId: randomUUID(),
    courseSlug: 'docker',
    lessonSlug: 'why-containers',
    payload: {},
    occurredAt: at(0),
    ...overrides,
  }
}

const answer = (correct: boolean, minute: number, extra: Record<string, unknown> = {}) =>
  event({
    type: 'quiz.answered',
    itemId: 'why-quiz-1',
    payload: { correct, ...extra },
    occurredAt: at(minute),
  })

async function quizState() {
  return db.prisma().itemState.findUniqueOrThrow({
    where: { userId_itemId: { userId, itemId: 'docker/why-quiz-1' } },
    select: {
      status: true,
      attempts: true,
      firstTryCorrect: true,
      lastCorrect: true,
      lastPayload: true,
    },
  })
}

async function eventCount(): Promise<number> {
  const { rows } = await db.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM progress_events',
  )
  return rows[0]!.n
}

describe('recordProgressEvents', () => {
  it('stores a retried event once and counts its attempt once', async () => {
    const wrong = answer(false, 1)
    expect(await recordProgressEvents(userId, [wrong])).toEqual({
      accepted: [wrong.clientEventId],
      duplicates: [],
    })
    expect(await recordProgressEvents(userId, [wrong])).toEqual({
      accepted: [],
      duplicates: [wrong.clientEventId],
    })

    expect(await eventCount()).toBe(1)
    expect(await quizState()).toMatchObject({
      attempts: 1,
      firstTryCorrect: false,
      lastCorrect: false,
      status: 'STARTED',
    })
  })

  it('treats an id repeated inside one batch, in any letter case, as one event', async () => {
    const first = answer(true, 1)
    const again = { ...first, clientEventId: first.clientEventId.toUpperCase() }
    expect(await recordProgressEvents(userId, [first, again])).toEqual({
      accepted: [first.clientEventId],
      duplicates: [first.clientEventId],
    })
    expect(await eventCount()).toBe(1)
  })

  it('stores concurrent copies of a batch once', async () => {
    const batch = [
      answer(false, 1),
      answer(true, 2, { completed: true }),
      event({ type: 'lesson.visited' }),
    ]
    const results = await Promise.all(
      Array.from({ length: 6 }, () => recordProgressEvents(userId, batch)),
    )

    const accepted = results.flatMap((r) => r.accepted)
    expect(accepted.sort()).toEqual(batch.map((e) => e.clientEventId).sort())
    expect(await eventCount()).toBe(3)
    expect(await quizState()).toMatchObject({
      attempts: 2,
      firstTryCorrect: false,
      lastCorrect: true,
      status: 'COMPLETED',
    })
  })

  it('derives item state from answers: first try, latest answer, completion that sticks', async () => {
    await recordProgressEvents(userId, [answer(false, 1, { choice: 'b' })])
    await recordProgressEvents(userId, [answer(true, 2, { choice: 'a', completed: true })])
    await recordProgressEvents(userId, [answer(false, 3, { choice: 'c' })])

    expect(await quizState()).toEqual({
      status: 'COMPLETED',
      attempts: 3,
      firstTryCorrect: false,
      lastCorrect: false,
      lastPayload: { correct: false, choice: 'c' },
    })
  })

  it('lets a late offline upload fill in history without overwriting newer answers', async () => {
    await recordProgressEvents(userId, [answer(false, 10, { choice: 'b' })])
    // Answered earlier on a phone that was offline, uploaded now.
    await recordProgressEvents(userId, [answer(true, 5, { choice: 'a' })])

    expect(await quizState()).toMatchObject({
      attempts: 2,
      firstTryCorrect: true,
      lastCorrect: false,
      lastPayload: { correct: false, choice: 'b' },
    })
  })

  it('does not count ungraded events as attempts', async () => {
    await recordProgressEvents(userId, [
      event({ type: 'card.flipped', itemId: 'why-card-1', occurredAt: at(1) }),
      event({
        type: 'card.rated',
        itemId: 'why-card-1',
        payload: { rating: 'good', completed: true },
        occurredAt: at(2),
      }),
    ])
    const card = await db.prisma().itemState.findUniqueOrThrow({
      where: { userId_itemId: { userId, itemId: 'docker/why-card-1' } },
    })
    expect(card).toMatchObject({
      attempts: 0,
      firstTryCorrect: null,
      lastCorrect: null,
      status: 'COMPLETED',
    })
  })

  it('refuses events for content the catalogue does not have, storing none of the batch', async () => {
    const good = answer(true, 1)
    const noLesson = event({ type: 'lesson.visited', lessonSlug: 'kubernetes' })
    const noItem = event({ type: 'quiz.answered', itemId: 'nope', payload: { correct: true } })
    const attempt = recordProgressEvents(userId, [good, noLesson, noItem])

    await expect(attempt).rejects.toBeInstanceOf(UnknownContentError)
    await expect(attempt).rejects.toMatchObject({
      unknown: [
        {
          clientEventId: noLesson.clientEventId,
          reason: 'no lesson "kubernetes" in course "docker"',
        },
        { clientEventId: noItem.clientEventId, reason: 'no item "nope" in course "docker"' },
      ],
    })
    expect(await eventCount()).toBe(0)
  })

  it('refuses malformed events with messages naming the field', async () => {
    const attempt = recordProgressEvents(userId, [
      event({ type: 'quiz.answered', clientEventId: 'not-a-uuid' }),
      event({ type: 'Quiz Answered' }),
      event({ type: 'card.rated', payload: { notes: 'x'.repeat(5000) } }),
      // What a careless client might send; the type system would stop a caller in this codebase.
      event({
        type: 'quiz.answered',
        payload: { correct: 'yes' } as unknown as ProgressEventInput['payload'],
      }),
      event({ type: 'lesson.visited', occurredAt: 'yesterday' }),
    ])
    await expect(attempt).rejects.toBeInstanceOf(ProgressInputError)
    const error = (await attempt.catch((e: unknown) => e)) as ProgressInputError
    expect(error.issues.map((issue) => issue.split(':')[0])).toEqual([
      '0.clientEventId',
      '1.type',
      '2.payload',
      '3.payload.correct',
      '4.occurredAt',
    ])
    await expect(recordProgressEvents(userId, [])).rejects.toBeInstanceOf(ProgressInputError)
    expect(await eventCount()).toBe(0)
  })
})

describe('getCourseProgress and getResumeLesson', () => {
  it('start a new student at the first lesson with nothing done', async () => {
    expect(await getResumeLesson(userId, 'docker')).toBe('why-containers')
    expect(await getCourseProgress(userId, 'docker')).toEqual([
      {
        lessonSlug: 'why-containers',
        visited: false,
        completed: false,
        itemsCompleted: 0,
        itemsTotal: 2,
        lastVisitedAt: null,
      },
      {
        lessonSlug: 'images',
        visited: false,
        completed: false,
        itemsCompleted: 0,
        itemsTotal: 2,
        lastVisitedAt: null,
      },
      {
        lessonSlug: 'compose-intro',
        visited: false,
        completed: false,
        itemsCompleted: 0,
        itemsTotal: 1,
        lastVisitedAt: null,
      },
    ])
  })

  it('report per-lesson progress and resume at the first unfinished lesson', async () => {
    await recordProgressEvents(userId, [
      event({ type: 'lesson.visited', occurredAt: at(0) }),
      answer(true, 1, { completed: true }),
      event({ type: 'lesson.completed', occurredAt: at(2) }),
      event({ type: 'lesson.visited', lessonSlug: 'images', occurredAt: at(3) }),
      event({
        type: 'reorder.checked',
        lessonSlug: 'images',
        itemId: 'images-order',
        payload: { correct: true, completed: true },
        occurredAt: at(4),
      }),
      event({ type: 'lesson.visited', lessonSlug: 'compose-intro', occurredAt: at(5) }),
      event({ type: 'lesson.completed', lessonSlug: 'compose-intro', occurredAt: at(6) }),
    ])

    expect(await getCourseProgress(userId, 'docker')).toEqual([
      {
        lessonSlug: 'why-containers',
        visited: true,
        completed: true,
        itemsCompleted: 1,
        itemsTotal: 2,
        lastVisitedAt: new Date(at(2)),
      },
      {
        lessonSlug: 'images',
        visited: true,
        completed: false,
        itemsCompleted: 1,
        itemsTotal: 2,
        lastVisitedAt: new Date(at(4)),
      },
      {
        lessonSlug: 'compose-intro',
        visited: true,
        completed: true,
        itemsCompleted: 0,
        itemsTotal: 1,
        lastVisitedAt: new Date(at(6)),
      },
    ])
    // The later lesson is done, but the one before it is not: resume there.
    expect(await getResumeLesson(userId, 'docker')).toBe('images')

    await recordProgressEvents(userId, [
      event({ type: 'lesson.completed', lessonSlug: 'images', occurredAt: at(7) }),
    ])
    expect(await getResumeLesson(userId, 'docker')).toBeNull()
  })

  it("keep one student's progress out of another's", async () => {
    const other = await db.prisma().user.create({ data: { email: 'brook@example.com' } })
    await recordProgressEvents(other.id, [
      event({ type: 'lesson.completed' }),
      answer(true, 1, { completed: true }),
    ])

    expect(await getResumeLesson(userId, 'docker')).toBe('why-containers')
    expect((await getCourseProgress(userId, 'docker'))[0]).toMatchObject({
      visited: false,
      itemsCompleted: 0,
    })
    expect(await getResumeLesson(other.id, 'docker')).toBe('images')
  })

  it('know nothing of an unknown course', async () => {
    expect(await getCourseProgress(userId, 'kubernetes')).toEqual([])
    expect(await getResumeLesson(userId, 'kubernetes')).toBeNull()
  })
})

describe('getItemSnapshots', () => {
  it('gives another device what it needs to restore each item: state and the latest payload of each event type', async () => {
    await recordProgressEvents(userId, [
      answer(false, 1, { selected: ['a'] }),
      answer(true, 3, { selected: ['b'], completed: true }),
      event({ type: 'quiz.viewed', itemId: 'why-quiz-1', occurredAt: at(2) }),
    ])
    // Sent late from an offline phone: an older answer must not replace the newer one.
    await recordProgressEvents(userId, [answer(false, 2, { selected: ['c'] })])

    const snapshots = await getItemSnapshots(userId, 'docker')
    expect(snapshots).toHaveLength(1)
    expect(snapshots[0]).toMatchObject({
      itemId: 'why-quiz-1',
      completed: true,
      attempts: 3,
      firstTryCorrect: false,
      lastCorrect: true,
      last: { 'quiz.answered': { selected: ['b'], correct: true, completed: true }, 'quiz.viewed': {} },
    })
  })

  it('returns nothing for another learner or another course', async () => {
    await recordProgressEvents(userId, [answer(true, 1)])
    const other = await db.prisma().user.create({ data: { email: 'brook@example.com' } })
    expect(await getItemSnapshots(other.id, 'docker')).toEqual([])
    expect(await getItemSnapshots(userId, 'kubernetes')).toEqual([])
  })
})
