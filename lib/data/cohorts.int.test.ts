import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildCourse, buildManifest } from '@/tests/setup/fixtures'
import { useTestDatabase, type TestDatabase } from '@/tests/setup/test-db'
import { syncCatalogue } from './catalogue'
import {
  CohortInputError,
  CohortNotFoundError,
  createCohort,
  disableJoinCode,
  formatJoinCode,
  getManagedCohort,
  joinCohort,
  listManagedCohorts,
  listMemberships,
  removeStudent,
  renewJoinCode,
  type Viewer,
} from './cohorts'
import { getCohortDashboard, getStudentTimeline } from './dashboard'
import { recordProgressEvents, type ProgressEventInput } from './progress-write'

let db: TestDatabase
const course = buildCourse()

beforeAll(async () => {
  db = await useTestDatabase()
  await syncCatalogue(buildManifest())
})
afterAll(() => db.drop())

let ines: Viewer
let other: Viewer
let admin: Viewer
let ada: Viewer
let brook: Viewer

async function user(email: string, role: Viewer['role'], name?: string): Promise<Viewer> {
  const row = await db.prisma().user.create({ data: { email, role, name } })
  return { id: row.id, role }
}

beforeEach(async () => {
  await db.pool.query('TRUNCATE progress_events, item_states, lesson_progress, cohorts, cohort_members, users CASCADE')
  ines = await user('ines@example.com', 'INSTRUCTOR', 'Ines')
  other = await user('otto@example.com', 'INSTRUCTOR', 'Otto')
  admin = await user('root@example.com', 'ADMIN')
  ada = await user('ada@example.com', 'STUDENT', 'Ada')
  brook = await user('brook@example.com', 'STUDENT', 'Brook')
})

const day = (n: number, minutes = 0) => new Date(Date.parse('2026-03-01T10:00:00Z') + n * 86_400_000 + minutes * 60_000)

function event(type: string, lessonSlug: string, at: Date, extra: Partial<ProgressEventInput> = {}): ProgressEventInput {
  return { clientEventId: randomUUID(), courseSlug: 'docker', lessonSlug, type, payload: {}, occurredAt: at.toISOString(), ...extra }
}

describe('cohorts', () => {
  it('lets an instructor create a cohort with a code a student can join, in any case and with or without the dash', async () => {
    const cohort = await createCohort(ines, { name: '  Spring intake ', courseSlug: 'docker' })
    expect(cohort.name).toBe('Spring intake')
    expect(cohort.joinCode).toMatch(/^[A-Z2-9]{8}$/)

    const typed = formatJoinCode(cohort.joinCode ?? '').toLowerCase()
    await joinCohort(ada.id, ` ${typed} `)
    await joinCohort(ada.id, cohort.joinCode ?? '') // twice is fine
    expect((await listMemberships(ada.id)).map((m) => m.name)).toEqual(['Spring intake'])
    expect((await getManagedCohort(ines, cohort.id))?.students).toBe(1)
  })

  it('refuses students, unknown courses and blank names', async () => {
    await expect(createCohort(ada, { name: 'Mine', courseSlug: 'docker' })).rejects.toThrow(CohortInputError)
    await expect(createCohort(ines, { name: 'X', courseSlug: 'no-such-course' })).rejects.toThrow('Choose one of the courses')
    await expect(createCohort(ines, { name: '   ', courseSlug: 'docker' })).rejects.toThrow('Give the cohort a name')
  })

  it('shows a cohort only to its instructor and admins', async () => {
    const cohort = await createCohort(ines, { name: 'A', courseSlug: 'docker' })
    expect(await getManagedCohort(ines, cohort.id)).not.toBeNull()
    expect(await getManagedCohort(admin, cohort.id)).not.toBeNull()
    expect(await getManagedCohort(other, cohort.id)).toBeNull()
    expect(await getManagedCohort(ada, cohort.id)).toBeNull()
    expect((await listManagedCohorts(other)).map((c) => c.id)).toEqual([])
    expect((await listManagedCohorts(admin)).map((c) => c.id)).toEqual([cohort.id])
    await expect(removeStudent(other, cohort.id, ada.id)).rejects.toThrow(CohortNotFoundError)
    await expect(disableJoinCode(ada, cohort.id)).rejects.toThrow(CohortNotFoundError)
    expect(await getCohortDashboard(other, cohort.id, { course })).toBeNull()
    expect(await getCohortDashboard(ada, cohort.id, { course })).toBeNull()
  })

  it('stops an old code working once renewed or switched off, and an expired one', async () => {
    const cohort = await createCohort(ines, { name: 'A', courseSlug: 'docker' })
    const old = cohort.joinCode ?? ''
    const renewed = await renewJoinCode(ines, cohort.id, null)
    expect(renewed).not.toBe(old)
    await expect(joinCohort(ada.id, old)).rejects.toThrow('does not open a cohort')
    await joinCohort(ada.id, renewed)

    await disableJoinCode(ines, cohort.id)
    await expect(joinCohort(brook.id, renewed)).rejects.toThrow('does not open a cohort')

    const expiring = await renewJoinCode(ines, cohort.id, new Date(Date.now() + 60_000))
    await expect(joinCohort(brook.id, expiring, new Date(Date.now() + 120_000))).rejects.toThrow('does not open a cohort')
    await joinCohort(brook.id, expiring)
  })

  it('lets a student be in several cohorts and an instructor remove one', async () => {
    const a = await createCohort(ines, { name: 'A', courseSlug: 'docker' })
    const b = await createCohort(other, { name: 'B', courseSlug: 'docker' })
    await joinCohort(ada.id, a.joinCode ?? '')
    await joinCohort(ada.id, b.joinCode ?? '')
    expect((await listMemberships(ada.id)).map((m) => m.name).sort()).toEqual(['A', 'B'])
    expect(await removeStudent(ines, a.id, ada.id)).toBe(true)
    expect((await listMemberships(ada.id)).map((m) => m.name)).toEqual(['B'])
  })
})

describe('the cohort dashboard', () => {
  async function setUp() {
    const cohort = await createCohort(ines, { name: 'A', courseSlug: 'docker' })
    await joinCohort(ada.id, cohort.joinCode ?? '')
    await joinCohort(brook.id, cohort.joinCode ?? '')
    // Ada: finishes the first lesson on day 1, answers the quiz wrong then right, orders the drill wrong once.
    await recordProgressEvents(ada.id, [
      event('lesson.visited', 'why-containers', day(0)),
      event('quiz.answered', 'why-containers', day(0, 1), { itemId: 'why-quiz-1', payload: { selected: ['vm'], correct: false } }),
      event('quiz.answered', 'why-containers', day(0, 2), { itemId: 'why-quiz-1', payload: { selected: ['process'], correct: true, completed: true } }),
      event('lesson.completed', 'why-containers', day(1)),
      event('reorder.checked', 'images', day(2), { itemId: 'images-order', payload: { order: ['create', 'pull', 'start'], correct: false } }),
    ])
    // Brook: the same wrong quiz answer, then nothing.
    await recordProgressEvents(brook.id, [
      event('quiz.answered', 'why-containers', day(0), { itemId: 'why-quiz-1', payload: { selected: ['vm'], correct: false } }),
    ])
    return cohort
  }

  it('shows who is where, lesson by lesson', async () => {
    const cohort = await setUp()
    const dashboard = await getCohortDashboard(ines, cohort.id, { course, now: day(3) })
    expect(dashboard?.lessons.map((l) => l.slug)).toEqual(['why-containers', 'images', 'compose-intro'])
    const [adaRow, brookRow] = dashboard?.students ?? []
    expect(adaRow?.name).toBe('Ada')
    expect(adaRow?.cells.map((c) => c.status)).toEqual(['completed', 'in-progress', 'not-started'])
    expect(adaRow?.cells[0]?.itemsDone).toBe(1)
    expect(adaRow?.completedLessons).toBe(1)
    expect(brookRow?.cells.map((c) => c.status)).toEqual(['in-progress', 'not-started', 'not-started'])
    expect(dashboard?.medianCompleted).toBe(0.5)
    expect(dashboard?.completionOverTime).toEqual([{ day: '2026-03-02', share: 1 / 6 }])
  })

  it('counts exercises done as items complete: once each, whatever is retried, repeated or uploaded at once', async () => {
    const cohort = await createCohort(ines, { name: 'A', courseSlug: 'docker' })
    await joinCohort(ada.id, cohort.joinCode ?? '')
    const doneIn = async (slug: string) => {
      const dashboard = await getCohortDashboard(ines, cohort.id, { course, now: day(3) })
      return dashboard?.students[0]?.cells.find((cell) => cell.lessonSlug === slug)?.itemsDone
    }
    const right = (itemId: string, minutes: number) =>
      event('quiz.answered', 'why-containers', day(0, minutes), { itemId, payload: { selected: ['process'], correct: true, completed: true } })
    const flip = (minutes: number) =>
      event('card.rated', 'why-containers', day(0, minutes), { itemId: 'why-card-1', payload: { rating: 'got-it', correct: true, completed: true } })

    // A wrong answer starts the item without completing it.
    await recordProgressEvents(ada.id, [
      event('quiz.answered', 'why-containers', day(0), { itemId: 'why-quiz-1', payload: { selected: ['vm'], correct: false } }),
    ])
    expect(await doneIn('why-containers')).toBe(0)

    // Two devices upload different events completing the same item at the same moment, each twice.
    const phone = [right('why-quiz-1', 1)]
    const laptop = [right('why-quiz-1', 2)]
    await Promise.all([recordProgressEvents(ada.id, phone), recordProgressEvents(ada.id, laptop), recordProgressEvents(ada.id, phone)])
    await recordProgressEvents(ada.id, laptop)
    expect(await doneIn('why-containers')).toBe(1)

    // Answering a completed item again changes nothing; completing the lesson's other item counts it.
    await recordProgressEvents(ada.id, [right('why-quiz-1', 3), flip(4), flip(5)])
    expect(await doneIn('why-containers')).toBe(2)
    expect(await doneIn('images')).toBe(0)
    const { rows } = await db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM item_states WHERE user_id = $1 AND status = 'COMPLETED'`,
      [ada.id],
    )
    expect(rows[0]?.n).toBe(2)
  })

  it('moves exercises done with an item that a content update moves to another lesson', async () => {
    const cohort = await createCohort(ines, { name: 'A', courseSlug: 'docker' })
    await joinCohort(ada.id, cohort.joinCode ?? '')
    await recordProgressEvents(ada.id, [
      event('quiz.answered', 'why-containers', day(0), { itemId: 'why-quiz-1', payload: { selected: ['process'], correct: true, completed: true } }),
    ])
    const moved = buildManifest()
    const lessons = moved.courses[0]?.modules[0]?.lessons ?? []
    const quiz = lessons[0]?.items.pop()
    if (!quiz) throw new Error('the fixture course has no quiz in its first lesson')
    lessons[1]?.items.push({ ...quiz, position: 2 })
    try {
      await syncCatalogue(moved)
      const dashboard = await getCohortDashboard(ines, cohort.id, { course: moved.courses[0], now: day(3) })
      expect(dashboard?.students[0]?.cells.map((cell) => [cell.lessonSlug, cell.status, cell.itemsDone])).toEqual([
        ['why-containers', 'in-progress', 0],
        ['images', 'in-progress', 1],
        ['compose-intro', 'not-started', 0],
      ])
    } finally {
      await syncCatalogue(buildManifest())
    }
    const back = await getCohortDashboard(ines, cohort.id, { course, now: day(3) })
    expect(back?.students[0]?.cells.map((cell) => cell.itemsDone)).toEqual([1, 0, 0])
  })

  it('flags students idle for a week', async () => {
    const cohort = await setUp()
    const dashboard = await getCohortDashboard(ines, cohort.id, { course, now: day(8) })
    const risk = Object.fromEntries((dashboard?.students ?? []).map((s) => [s.name, s.risk]))
    expect(risk.Brook).toEqual(['No activity for 8 days'])
    expect(risk.Ada).toEqual([])
  })

  it('ranks items hardest first and names the most common mistake', async () => {
    const cohort = await setUp()
    const dashboard = await getCohortDashboard(admin, cohort.id, { course, now: day(3) })
    const [first, second] = dashboard?.items ?? []
    expect(first).toMatchObject({
      itemId: 'why-quiz-1',
      learners: 2,
      attempts: 3,
      answered: 2,
      firstTryRight: 0,
      commonMistake: 'A small virtual machine',
      mistakeCount: 2,
    })
    expect(second).toMatchObject({
      itemId: 'images-order',
      attempts: 1,
      firstTryRate: 0,
      commonMistake: expect.stringMatching(/^Most misplaced step: (Pull the image|Create the container)$/),
    })
    // Items nobody answered come last.
    expect(dashboard?.items.at(-1)?.firstTryRate).toBeNull()
  })

  it('counts a wrong answer once however often its upload is retried, and counts each different answer apart', async () => {
    const cohort = await setUp()
    const container = event('quiz.answered', 'why-containers', day(2), { itemId: 'why-quiz-1', payload: { selected: ['container'], correct: false } })
    const noChoice = event('quiz.answered', 'why-containers', day(2, 1), { itemId: 'why-quiz-1', payload: { correct: false } })
    for (let upload = 0; upload < 3; upload++) await recordProgressEvents(brook.id, [container, noChoice])
    await Promise.all([recordProgressEvents(brook.id, [container]), recordProgressEvents(brook.id, [container])])
    const dashboard = await getCohortDashboard(ines, cohort.id, { course, now: day(3) })
    const quiz = dashboard?.items.find((item) => item.itemId === 'why-quiz-1')
    expect(quiz).toMatchObject({ attempts: 5, commonMistake: 'A small virtual machine', mistakeCount: 2 })
  })

  it('stops counting a removed student', async () => {
    const cohort = await setUp()
    await removeStudent(ines, cohort.id, brook.id)
    const dashboard = await getCohortDashboard(ines, cohort.id, { course, now: day(3) })
    expect(dashboard?.students.map((s) => s.name)).toEqual(['Ada'])
    expect(dashboard?.items[0]).toMatchObject({ itemId: 'why-quiz-1', learners: 1 })
  })

  it("shows one student's timeline to the cohort's instructor only", async () => {
    const cohort = await setUp()
    const timeline = await getStudentTimeline(ines, cohort.id, ada.id, { course })
    expect(timeline?.entries.map((e) => e.type)).toEqual([
      'reorder.checked',
      'lesson.completed',
      'quiz.answered',
      'quiz.answered',
      'lesson.visited',
    ])
    expect(timeline?.entries[0]).toMatchObject({ lessonTitle: 'Lesson images', itemLabel: 'Label of images-order', correct: false })
    expect(await getStudentTimeline(other, cohort.id, ada.id, { course })).toBeNull()
    const outsider = await user('zed@example.com', 'STUDENT')
    expect(await getStudentTimeline(ines, cohort.id, outsider.id, { course })).toBeNull()
  })
})
