import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { useTestDatabase, type TestDatabase } from '@/tests/setup/test-db'
import {
  createSession,
  deleteOtherSessions,
  deleteSession,
  deleteUserSessions,
  findSessionUser,
  listSessions,
  SESSION_MAX_AGE_MS,
} from './sessions'
import { createUserWithPassword, type AccountUser } from './users'

process.env.AUTH_SECRET ??= 'integration-tests-only-secret-0123456789'

let db: TestDatabase
let ada: AccountUser
let brook: AccountUser

beforeAll(async () => {
  db = await useTestDatabase()
})
afterAll(() => db.drop())

beforeEach(async () => {
  await db.pool.query('TRUNCATE users CASCADE')
  ada = await signUp('ada@example.com')
  brook = await signUp('brook@example.com')
})

async function signUp(email: string): Promise<AccountUser> {
  const result = await createUserWithPassword(
    { email, password: 'correct horse battery' },
    { adminEmail: undefined },
  )
  if (!result.ok) throw new Error(`could not create ${email}`)
  return result.user
}

const DAY = 86_400_000
const t0 = new Date('2026-03-01T10:00:00Z')
const later = (ms: number) => new Date(t0.getTime() + ms)

describe('a session', () => {
  it('is created for 30 days and finds its user', async () => {
    const { token, expires } = await createSession(ada.id, t0)

    expect(expires).toEqual(later(SESSION_MAX_AGE_MS))
    expect(await findSessionUser(token, later(1000))).toEqual({
      user: ada,
      expires,
      renewed: false,
    })
  })

  it('is stored under a digest, never the token itself', async () => {
    const { token } = await createSession(ada.id, t0)
    const { rows } = await db.pool.query<{ session_token: string }>(
      'SELECT session_token FROM sessions',
    )
    expect(rows).toHaveLength(1)
    expect(rows[0]?.session_token).not.toBe(token)
    expect(rows[0]?.session_token).toMatch(/^[0-9a-f]{64}$/)
  })

  it('finds nobody for an unknown or malformed token', async () => {
    await createSession(ada.id, t0)
    expect(await findSessionUser('A'.repeat(43), t0)).toBeNull()
    expect(await findSessionUser("' OR 1=1 --", t0)).toBeNull()
  })

  it('stops working when it expires, and the expired row is removed', async () => {
    const { token } = await createSession(ada.id, t0)
    expect(await findSessionUser(token, later(SESSION_MAX_AGE_MS))).toBeNull()
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM sessions')
    expect(rows[0].n).toBe(0)
  })

  it('is pushed back at most once a day while it is being used', async () => {
    const { token } = await createSession(ada.id, t0)
    expect((await findSessionUser(token, later(DAY / 2)))?.renewed).toBe(false)

    const renewed = await findSessionUser(token, later(DAY + 1000))
    expect(renewed?.renewed).toBe(true)
    expect(renewed?.expires).toEqual(later(DAY + 1000 + SESSION_MAX_AGE_MS))

    // Past the original expiry, still alive because it was used.
    expect(await findSessionUser(token, later(SESSION_MAX_AGE_MS + DAY / 2))).not.toBeNull()
  })

  it('finds nobody once the user is disabled', async () => {
    const { token } = await createSession(ada.id, t0)
    await db.pool.query('UPDATE users SET disabled_at = now() WHERE id = $1', [ada.id])
    expect(await findSessionUser(token, later(1000))).toBeNull()
  })
})

describe('listing sessions', () => {
  it("shows the user's live sessions, newest first, and marks the one asking", async () => {
    const phone = await createSession(ada.id, t0)
    const laptop = await createSession(ada.id, later(60_000))
    await createSession(brook.id, later(120_000))

    const sessions = await listSessions(ada.id, phone.token, later(DAY))
    expect(sessions.map((session) => session.current)).toEqual([false, true])
    expect(sessions[0]?.createdAt.getTime()).toBeGreaterThanOrEqual(
      sessions[1]?.createdAt.getTime() ?? 0,
    )
    expect(JSON.stringify(sessions)).not.toContain(phone.token)
    expect(JSON.stringify(sessions)).not.toContain(laptop.token)
    expect(new Set(sessions.map((session) => session.id)).size).toBe(2)
  })

  it('leaves out expired sessions, and tidies them when the user signs in again', async () => {
    await createSession(ada.id, t0)
    const now = later(SESSION_MAX_AGE_MS + DAY)
    expect(await listSessions(ada.id, null, now)).toEqual([])

    await createSession(ada.id, now)
    const { rows } = await db.pool.query(
      'SELECT count(*)::int AS n FROM sessions WHERE user_id = $1',
      [ada.id],
    )
    expect(rows[0].n).toBe(1)
  })
})

describe('ending sessions', () => {
  it('signs out one browser and leaves the others', async () => {
    const phone = await createSession(ada.id, t0)
    const laptop = await createSession(ada.id, t0)

    await deleteSession(phone.token)

    expect(await findSessionUser(phone.token, later(1000))).toBeNull()
    expect(await findSessionUser(laptop.token, later(1000))).not.toBeNull()
  })

  it("signs out everywhere without touching anyone else's sessions", async () => {
    const phone = await createSession(ada.id, t0)
    const laptop = await createSession(ada.id, t0)
    const brooks = await createSession(brook.id, t0)

    expect(await deleteUserSessions(ada.id)).toBe(2)

    expect(await findSessionUser(phone.token, later(1000))).toBeNull()
    expect(await findSessionUser(laptop.token, later(1000))).toBeNull()
    expect(await findSessionUser(brooks.token, later(1000))).not.toBeNull()
  })

  it('can keep the current session while ending the rest, as after a password change', async () => {
    const phone = await createSession(ada.id, t0)
    const laptop = await createSession(ada.id, t0)

    expect(await deleteOtherSessions(ada.id, laptop.token)).toBe(1)

    expect(await findSessionUser(phone.token, later(1000))).toBeNull()
    expect(await findSessionUser(laptop.token, later(1000))).not.toBeNull()
  })
})
