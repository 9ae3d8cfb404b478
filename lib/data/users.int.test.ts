import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { useTestDatabase, type TestDatabase } from '@/tests/setup/test-db'
import {
  changePassword,
  createUserWithPassword,
  getActiveUserById,
  verifyCredentials,
} from './users'

process.env.AUTH_SECRET ??= 'integration-tests-only-secret-0123456789'

let db: TestDatabase

beforeAll(async () => {
  db = await useTestDatabase()
})
afterAll(() => db.drop())

beforeEach(async () => {
  await db.pool.query('TRUNCATE users CASCADE')
})

const password = 'correct horse battery'
const noAdminEmail = { adminEmail: undefined }

async function storedUser(email: string) {
  const { rows } = await db.pool.query<{
    password_hash: string
    role: string
    disabled_at: Date | null
  }>('SELECT password_hash, role, disabled_at FROM users WHERE email = $1', [email])
  return rows[0]
}

describe('signing up', () => {
  it('stores an argon2id hash and hands back only the public fields', async () => {
    const result = await createUserWithPassword(
      { email: '  Ada@Example.COM ', password, name: ' Ada ' },
      noAdminEmail,
    )

    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(Object.keys(result.user).sort()).toEqual(['email', 'id', 'name', 'role'])
    expect(result.user).toMatchObject({ email: 'ada@example.com', name: 'Ada' })
    expect(JSON.stringify(result)).not.toContain('argon2')
    const row = await storedUser('ada@example.com')
    expect(row?.password_hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/)
    expect(row?.password_hash).not.toContain(password)
  })

  it('refuses an email that already has an account, whatever its case', async () => {
    await createUserWithPassword({ email: 'ada@example.com', password }, noAdminEmail)
    const again = await createUserWithPassword(
      { email: 'ADA@example.com', password: 'another password' },
      noAdminEmail,
    )

    expect(again).toEqual({ ok: false, reason: 'email-taken' })
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM users')
    expect(rows[0].n).toBe(1)
  })

  it('refuses passwords outside 10-200 characters', async () => {
    await expect(
      createUserWithPassword({ email: 'a@example.com', password: 'short' }, noAdminEmail),
    ).rejects.toThrow(/10-200/)
    await expect(
      createUserWithPassword({ email: 'a@example.com', password: 'x'.repeat(201) }, noAdminEmail),
    ).rejects.toThrow(/10-200/)
  })
})

describe('who becomes admin', () => {
  it('makes the first account admin when no ADMIN_EMAIL is set, and nobody after it', async () => {
    const first = await createUserWithPassword(
      { email: 'first@example.com', password },
      noAdminEmail,
    )
    const second = await createUserWithPassword(
      { email: 'second@example.com', password },
      noAdminEmail,
    )

    expect(first.ok && first.user.role).toBe('ADMIN')
    expect(second.ok && second.user.role).toBe('STUDENT')
  })

  it('still finds a first admin on an install that only has the demo accounts', async () => {
    await db
      .prisma()
      .user.create({ data: { email: 'instructor@drydock.example', role: 'INSTRUCTOR' } })
    const owner = await createUserWithPassword(
      { email: 'owner@example.com', password },
      noAdminEmail,
    )
    expect(owner.ok && owner.user.role).toBe('ADMIN')
  })

  it('makes only ADMIN_EMAIL admin when it is set, even if someone signed up first', async () => {
    const options = { adminEmail: 'Boss@Example.com' }
    const early = await createUserWithPassword({ email: 'early@example.com', password }, options)
    const boss = await createUserWithPassword({ email: 'boss@example.com', password }, options)

    expect(early.ok && early.user.role).toBe('STUDENT')
    expect(boss.ok && boss.user.role).toBe('ADMIN')
  })

  it('gives one admin when the first two sign-ups arrive together', async () => {
    const results = await Promise.all(
      ['one', 'two', 'three'].map((name) =>
        createUserWithPassword({ email: `${name}@example.com`, password }, noAdminEmail),
      ),
    )
    const roles = results.map((result) => (result.ok ? result.user.role : 'failed'))
    expect(roles.filter((role) => role === 'ADMIN')).toHaveLength(1)
  })
})

describe('signing in', () => {
  beforeEach(async () => {
    await createUserWithPassword({ email: 'ada@example.com', password }, noAdminEmail)
  })

  it('accepts the right password with the email typed any way', async () => {
    const result = await verifyCredentials(' ADA@example.com', password)
    expect(result.ok && result.user.email).toBe('ada@example.com')
    expect(JSON.stringify(result)).not.toContain('argon2')
  })

  it('answers a wrong password and an unknown email the same way', async () => {
    const wrongPassword = await verifyCredentials('ada@example.com', 'not the password')
    const unknownEmail = await verifyCredentials('nobody@example.com', password)
    expect(wrongPassword).toEqual({ ok: false, reason: 'invalid' })
    expect(unknownEmail).toEqual(wrongPassword)
  })

  it('refuses an account that only signs in through a provider', async () => {
    await db.prisma().user.create({ data: { email: 'oauth@example.com' } })
    expect(await verifyCredentials('oauth@example.com', password)).toEqual({
      ok: false,
      reason: 'invalid',
    })
  })

  it('refuses a disabled account, and says so only to someone with the right password', async () => {
    await db.pool.query("UPDATE users SET disabled_at = now() WHERE email = 'ada@example.com'")
    expect(await verifyCredentials('ada@example.com', password)).toEqual({
      ok: false,
      reason: 'disabled',
    })
    expect(await verifyCredentials('ada@example.com', 'not the password')).toEqual({
      ok: false,
      reason: 'invalid',
    })
  })
})

describe('changing the password', () => {
  it('needs the current password, and then only the new one works', async () => {
    const created = await createUserWithPassword(
      { email: 'ada@example.com', password },
      noAdminEmail,
    )
    if (!created.ok) throw new Error('setup failed')
    const id = created.user.id

    expect(await changePassword(id, 'a wrong guess', 'brand new password')).toBe(false)
    expect((await verifyCredentials('ada@example.com', password)).ok).toBe(true)

    expect(await changePassword(id, password, 'brand new password')).toBe(true)
    expect((await verifyCredentials('ada@example.com', password)).ok).toBe(false)
    expect((await verifyCredentials('ada@example.com', 'brand new password')).ok).toBe(true)
  })
})

describe('looking a user up', () => {
  it('finds active users and hides disabled ones', async () => {
    const created = await createUserWithPassword(
      { email: 'ada@example.com', password },
      noAdminEmail,
    )
    if (!created.ok) throw new Error('setup failed')
    expect(await getActiveUserById(created.user.id)).toEqual(created.user)
    await db.pool.query('UPDATE users SET disabled_at = now()')
    expect(await getActiveUserById(created.user.id)).toBeNull()
  })
})
