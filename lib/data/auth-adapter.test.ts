import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createSessionToken, digestSessionToken } from '@/lib/auth/session-token'

/**
 * The adapter must never let a raw token reach the database, whichever of
 * Auth.js's session calls it is. A recording stand-in for the Prisma client (and the prepared statements)
 * shows what each call would send; the integration test runs the same calls
 * against PostgreSQL.
 */

const calls: { model: string; method: string; args: unknown }[] = []
const recorder = (model: string, answers: Record<string, unknown> = {}) =>
  new Proxy(
    {},
    {
      get: (_target, method: string) => async (args: unknown) => {
        calls.push({ model, method, args })
        return answers[method] ?? { count: 1 }
      },
    },
  )

vi.mock('@/lib/db', () => ({
  getDb: () => ({
    session: recorder('session', {
      findUnique: {
        expires: new Date(Date.now() + 29 * 86_400_000 + 3_600_000),
        user: { id: 'u1', email: 'ada@example.com', name: null, role: 'STUDENT', disabledAt: null },
      },
    }),
    user: recorder('user', {
      findUnique: { id: 'u1', email: 'ada@example.com', name: null, image: null, emailVerified: null },
    }),
    account: recorder('account'),
  }),
}))

vi.mock('@/lib/db/pool', () => ({
  // The session lookup is a prepared statement; it is recorded with the values it would send.
  prepared: async (statement: { name: string }, values: unknown[]) => {
    calls.push({ model: 'session', method: statement.name, args: values })
    return [
      {
        expires: new Date(Date.now() + 29 * 86_400_000 + 3_600_000),
        id: 'u1',
        email: 'ada@example.com',
        name: null,
        role: 'STUDENT',
        disabled_at: null,
      },
    ]
  },
}))

process.env.AUTH_SECRET = 'unit-tests-only-secret-0123456789abcdef'
const { createAuthAdapter } = await import('./auth-adapter')

const token = createSessionToken()
const digest = digestSessionToken(token)
const sessionCalls = () => calls.filter((call) => call.model === 'session')

beforeEach(() => {
  calls.length = 0
})

describe('the Auth.js adapter', () => {
  it('stores a new session under the digest and hands Auth.js back the token for the cookie', async () => {
    const expires = new Date('2026-04-01T00:00:00Z')
    const session = await createAuthAdapter().createSession!({ sessionToken: token, userId: 'u1', expires })
    expect(session).toEqual({ sessionToken: token, userId: 'u1', expires })
    expect(sessionCalls()[0]).toMatchObject({
      method: 'create',
      args: { data: { sessionToken: digest, userId: 'u1', expires } },
    })
    expect(JSON.stringify(calls)).not.toContain(token)
  })

  it('looks sessions up, renews and deletes them by the digest only', async () => {
    const adapter = createAuthAdapter()
    const found = await adapter.getSessionAndUser!(token)
    expect(found?.session.sessionToken).toBe(token)
    await adapter.updateSession!({ sessionToken: token, expires: new Date('2026-05-01T00:00:00Z') })
    await adapter.deleteSession!(token)

    expect(sessionCalls().map((call) => call.method)).toEqual(['sessions.user.1', 'sessions.user.1', 'updateMany', 'deleteMany'])
    for (const call of sessionCalls()) {
      if (Array.isArray(call.args)) expect(call.args).toEqual([digest])
      else expect(call.args).toMatchObject({ where: { sessionToken: digest } })
    }
    expect(JSON.stringify(calls)).not.toContain(token)
  })

  it('does not ask the database about a token Drydock could not have made', async () => {
    const adapter = createAuthAdapter()
    expect(await adapter.getSessionAndUser!('not-a-token')).toBeNull()
    await adapter.deleteSession!('not-a-token')
    expect(calls).toEqual([])
  })
})
