import { verify } from '@node-rs/argon2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildManifest } from '@/tests/setup/fixtures'
import { useTestDatabase, type TestDatabase } from '@/tests/setup/test-db'
import { buildCourse } from '@/tests/setup/fixtures'
import { DEMO_ACCOUNTS, DEMO_CLASSMATES, DEMO_COHORT_ID, seedDemo } from './demo-seed'
import { getCohortDashboard } from './dashboard'
import { getCourseProgress, getResumeLesson } from './progress'

let db: TestDatabase

beforeAll(async () => {
  db = await useTestDatabase()
})
afterAll(() => db.drop())

describe('seedDemo', () => {
  it('creates the demo accounts once, with passwords told only to the first run', async () => {
    const messages: string[] = []
    const first = await seedDemo(buildManifest(), { log: (m) => messages.push(m) })

    expect(first.created.map((a) => a.email)).toEqual(DEMO_ACCOUNTS.map((a) => a.email))
    for (const account of first.created) {
      expect(messages.some((m) => m.includes(account.email) && m.includes(account.password))).toBe(
        true,
      )
      const user = await db.prisma().user.findUniqueOrThrow({ where: { email: account.email } })
      expect(user.role).toBe(account.role)
      expect(user.passwordHash).toMatch(/^\$argon2id\$/)
      expect(await verify(user.passwordHash!, account.password)).toBe(true)
    }
    expect(first.eventsRecorded).toBeGreaterThan(0)

    const again: string[] = []
    const second = await seedDemo(buildManifest(), { log: (m) => again.push(m) })
    expect(second).toEqual({ created: [], eventsRecorded: 0 })
    for (const account of first.created) expect(again.join('\n')).not.toContain(account.password)
    expect(again).toContain(
      'Demo accounts already exist; their passwords were shown when they were created',
    )
  })

  it('leaves the demo students at different points in the course', async () => {
    const users = await db
      .prisma()
      .user.findMany({ where: { role: 'STUDENT' }, select: { id: true, email: true } })
    const byEmail = new Map(users.map((u) => [u.email, u.id]))

    const ada = await getCourseProgress(byEmail.get('ada@drydock.example')!, 'docker')
    expect(ada.filter((l) => l.completed).length).toBe(2)
    expect(await getResumeLesson(byEmail.get('ada@drydock.example')!, 'docker')).toBe(
      'compose-intro',
    )

    const chen = await getCourseProgress(byEmail.get('chen@drydock.example')!, 'docker')
    expect(chen.map((l) => l.visited)).toEqual([true, false, false])
    expect(chen.some((l) => l.completed)).toBe(false)
  })

  it("gives the demo instructor a cohort whose dashboard has something to say", async () => {
    const instructor = await db.prisma().user.findUniqueOrThrow({ where: { email: 'instructor@drydock.example' } })
    const dashboard = await getCohortDashboard({ id: instructor.id, role: 'INSTRUCTOR' }, DEMO_COHORT_ID, { course: buildCourse() })
    expect(dashboard?.students).toHaveLength(3 + DEMO_CLASSMATES.length)
    expect(dashboard?.students.some((s) => s.risk.some((r) => r.startsWith('No activity')))).toBe(true)
    expect(dashboard?.students.some((s) => s.completedLessons > 0)).toBe(true)
    expect(dashboard?.items.some((item) => item.commonMistake !== null)).toBe(true)
    expect(dashboard?.completionOverTime.length).toBeGreaterThan(0)
  })

  it('creates accounts without progress when no content has been built', async () => {
    await db.pool.query('TRUNCATE users CASCADE')
    const result = await seedDemo(null)
    expect(result.created).toHaveLength(DEMO_ACCOUNTS.length)
    expect(result.eventsRecorded).toBe(0)
  })
})
