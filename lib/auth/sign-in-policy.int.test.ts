import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { useTestDatabase, type TestDatabase } from '@/tests/setup/test-db'
import { createAuthAdapter } from '@/lib/data/auth-adapter'
import { createUserFromSignIn, createUserWithPassword } from '@/lib/data/users'
import { decideSignIn } from './sign-in-policy'

process.env.AUTH_SECRET ??= 'integration-tests-only-secret-0123456789'

let db: TestDatabase
const nobodySignedIn = async () => null

beforeAll(async () => {
  db = await useTestDatabase()
})
afterAll(() => db.drop())
beforeEach(async () => {
  await db.pool.query('TRUNCATE users CASCADE')
})

const emailLink = (email: string, verificationRequest: boolean) => ({
  user: { email },
  account: { type: 'email', provider: 'nodemailer', providerAccountId: email },
  email: verificationRequest ? { verificationRequest } : undefined,
})
const github = (email: string, verified: boolean, id = '583231') => ({
  user: { email },
  account: { type: 'oauth', provider: 'github', providerAccountId: id },
  profile: { email, email_verified: verified },
})

async function withPassword(email: string) {
  const created = await createUserWithPassword({ email, password: 'correct horse battery' }, { adminEmail: undefined })
  if (!created.ok) throw new Error('not created')
  return created.user
}

describe('who may sign in by email link', () => {
  it('anyone with the address, new or not', async () => {
    await withPassword('ada@example.com')
    expect(await decideSignIn(emailLink('ada@example.com', true), nobodySignedIn)).toBe(true)
    expect(await decideSignIn(emailLink('new@example.com', false), nobodySignedIn)).toBe(true)
  })

  it('not a disabled account: asking looks the same but sends nothing, and its link is refused', async () => {
    await withPassword('ada@example.com')
    await db.pool.query('UPDATE users SET disabled_at = now()')
    expect(await decideSignIn(emailLink('ada@example.com', true), nobodySignedIn)).toBe('/sign-in/check-email')
    expect(await decideSignIn(emailLink('Ada@Example.com', false), nobodySignedIn)).toBe(false)
  })
})

describe('who may sign in with GitHub or Google', () => {
  it('nobody whose address the provider has not verified', async () => {
    expect(await decideSignIn(github('ada@example.com', false), nobodySignedIn)).toBe(
      '/sign-in/problem?error=EmailNotVerified',
    )
  })

  it('a newcomer, and the owner of an account without a password or with a verified address', async () => {
    expect(await decideSignIn(github('new@example.com', true), nobodySignedIn)).toBe(true)
    await createUserFromSignIn({ email: 'link@example.com', emailVerified: new Date() }, { adminEmail: undefined })
    expect(await decideSignIn(github('link@example.com', true), nobodySignedIn)).toBe(true)
    await withPassword('proved@example.com')
    await db.pool.query("UPDATE users SET email_verified = now() WHERE email = 'proved@example.com'")
    expect(await decideSignIn(github('proved@example.com', true), nobodySignedIn)).toBe(true)
  })

  it('not into an account whose password someone set without proving the address, unless signed in to it', async () => {
    const ada = await withPassword('ada@example.com')
    expect(await decideSignIn(github('ada@example.com', true), nobodySignedIn)).toBe(
      '/sign-in?error=OAuthAccountNotLinked',
    )
    expect(await decideSignIn(github('ada@example.com', true), async () => ada.id)).toBe(true)
  })

  it('not into a disabled account, by its address or by a login already linked to it', async () => {
    const ada = await withPassword('ada@example.com')
    await createAuthAdapter().linkAccount!({ userId: ada.id, type: 'oauth', provider: 'github', providerAccountId: '1' })
    await db.pool.query('UPDATE users SET disabled_at = now()')
    expect(await decideSignIn(github('other@example.com', true, '1'), nobodySignedIn)).toBe(false)
    await createUserFromSignIn({ email: 'off@example.com' }, { adminEmail: undefined })
    await db.pool.query("UPDATE users SET disabled_at = now() WHERE email = 'off@example.com'")
    expect(await decideSignIn(github('off@example.com', true), nobodySignedIn)).toBe(false)
  })
})
