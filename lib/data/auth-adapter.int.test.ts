import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { useTestDatabase, type TestDatabase } from '@/tests/setup/test-db'
import { digestSessionToken } from '@/lib/auth/session-token'
import { createAuthAdapter, findSignInCandidate } from './auth-adapter'
import { createSession, deleteUserSessions, findSessionUser, listSessions, SESSION_MAX_AGE_MS } from './sessions'
import { createUserWithPassword, type AccountUser } from './users'
import { createSessionToken } from '@/lib/auth/session-token'

process.env.AUTH_SECRET ??= 'integration-tests-only-secret-0123456789'

let db: TestDatabase
let ada: AccountUser
const adapter = () => createAuthAdapter()
const inAMonth = () => new Date(Date.now() + SESSION_MAX_AGE_MS)

beforeAll(async () => {
  db = await useTestDatabase()
})
afterAll(() => db.drop())

beforeEach(async () => {
  await db.pool.query('TRUNCATE users CASCADE')
  const created = await createUserWithPassword(
    { email: 'ada@example.com', password: 'correct horse battery' },
    { adminEmail: undefined },
  )
  if (!created.ok) throw new Error('could not create ada')
  ada = created.user
})

describe("Auth.js's sessions are Drydock's sessions", () => {
  it('a session Auth.js starts is found by the password sign-in lookup, and listed on the account page', async () => {
    const token = createSessionToken()
    await adapter().createSession!({ sessionToken: token, userId: ada.id, expires: inAMonth() })

    expect((await findSessionUser(token))?.user).toEqual(ada)
    const { rows } = await db.pool.query<{ session_token: string }>('SELECT session_token FROM sessions')
    expect(rows).toEqual([{ session_token: digestSessionToken(token) }])
    expect(await listSessions(ada.id, token)).toMatchObject([{ current: true }])
  })

  it('a password session is found by Auth.js, with the token it was asked about', async () => {
    const { token, expires } = await createSession(ada.id)
    const found = await adapter().getSessionAndUser!(token)
    expect(found?.session).toEqual({ sessionToken: token, userId: ada.id, expires })
    expect(found?.user).toMatchObject({ id: ada.id, email: 'ada@example.com' })
    expect(found?.user).not.toHaveProperty('passwordHash')
  })

  it('signing out through either ends the session for both', async () => {
    const viaAuthjs = createSessionToken()
    await adapter().createSession!({ sessionToken: viaAuthjs, userId: ada.id, expires: inAMonth() })
    const { token: viaPassword } = await createSession(ada.id)

    await adapter().deleteSession!(viaPassword)
    expect(await findSessionUser(viaPassword)).toBeNull()
    expect(await deleteUserSessions(ada.id)).toBe(1)
    expect(await adapter().getSessionAndUser!(viaAuthjs)).toBeNull()
  })

  it('a disabled account has no session in either, and an expired session is gone', async () => {
    const token = createSessionToken()
    await adapter().createSession!({ sessionToken: token, userId: ada.id, expires: inAMonth() })
    await db.pool.query('UPDATE users SET disabled_at = now()')
    expect(await adapter().getSessionAndUser!(token)).toBeNull()
    expect(await findSessionUser(token)).toBeNull()
    expect(await findSignInCandidate('ADA@example.com')).toMatchObject({ account: { id: ada.id, disabled: true } })

    await db.pool.query('UPDATE users SET disabled_at = NULL')
    const stale = createSessionToken()
    await adapter().createSession!({ sessionToken: stale, userId: ada.id, expires: new Date(Date.now() - 1000) })
    expect(await adapter().getSessionAndUser!(stale)).toBeNull()
  })

  it('renews through updateSession and refuses a token it did not make', async () => {
    const token = createSessionToken()
    await adapter().createSession!({ sessionToken: token, userId: ada.id, expires: inAMonth() })
    const later = new Date(Date.now() + SESSION_MAX_AGE_MS + 60_000)
    expect(await adapter().updateSession!({ sessionToken: token, expires: later })).toEqual({
      sessionToken: token,
      userId: ada.id,
      expires: later,
    })
    expect(await adapter().getSessionAndUser!('a-uuid-auth-js-would-make-by-default')).toBeNull()
    await expect(
      adapter().createSession!({ sessionToken: crypto.randomUUID(), userId: ada.id, expires: inAMonth() }),
    ).rejects.toThrow(/createSessionToken/)
  })
})

describe('accounts made by a sign-in link or a provider', () => {
  it('follow the sign-up rules: the first account while there is no admin becomes admin', async () => {
    await db.pool.query('TRUNCATE users CASCADE')
    const first = await adapter().createUser!({ id: 'ignored', email: 'First@Example.com', emailVerified: new Date() })
    const second = await adapter().createUser!({ id: 'ignored', email: 'second@example.com', emailVerified: null })
    const { rows } = await db.pool.query<{ email: string; role: string; password_hash: string | null }>(
      'SELECT email, role, password_hash FROM users ORDER BY created_at',
    )
    expect(rows).toEqual([
      { email: 'first@example.com', role: 'ADMIN', password_hash: null },
      { email: 'second@example.com', role: 'STUDENT', password_hash: null },
    ])
    expect(first.email).toBe('first@example.com')
    expect(await adapter().getUserByEmail!('  SECOND@example.com ')).toMatchObject({ id: second.id })
  })

  it('keep who the provider login is, never its tokens', async () => {
    await adapter().linkAccount!({
      userId: ada.id,
      type: 'oauth',
      provider: 'github',
      providerAccountId: '583231',
      access_token: 'gho_secret',
      refresh_token: 'ghr_secret',
      token_type: 'bearer',
    })
    expect(await adapter().getUserByAccount!({ provider: 'github', providerAccountId: '583231' })).toMatchObject({
      id: ada.id,
    })
    const { rows } = await db.pool.query('SELECT access_token, refresh_token FROM accounts')
    expect(rows).toEqual([{ access_token: null, refresh_token: null }])
    expect(await findSignInCandidate('ada@example.com', { provider: 'github', providerAccountId: '583231' })).toEqual({
      account: { id: ada.id, disabled: false, unverifiedWithPassword: true },
      linkedUserId: ada.id,
    })
  })
})

describe('sign-in link tokens', () => {
  it('work once', async () => {
    const expires = new Date(Date.now() + 3_600_000)
    await adapter().createVerificationToken!({ identifier: 'ada@example.com', token: 'hashed-token', expires })
    const uses = await Promise.all([
      adapter().useVerificationToken!({ identifier: 'ada@example.com', token: 'hashed-token' }),
      adapter().useVerificationToken!({ identifier: 'ada@example.com', token: 'hashed-token' }),
    ])
    expect(uses.filter(Boolean)).toEqual([{ identifier: 'ada@example.com', token: 'hashed-token', expires }])
    expect(await adapter().useVerificationToken!({ identifier: 'ada@example.com', token: 'hashed-token' })).toBeNull()
  })
})
