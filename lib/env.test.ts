import { describe, expect, it } from 'vitest'
import { EnvError, parseServerEnv } from './env'

describe('parseServerEnv', () => {
  it('fills in defaults for a bare environment', () => {
    const env = parseServerEnv({})
    expect(env.PORT).toBe(3000)
    expect(env.DATABASE_URL).toBeUndefined()
    expect(env.DRYDOCK_SEED_DEMO).toBe(true)
  })

  it('treats an empty value as unset', () => {
    expect(parseServerEnv({ PORT: '', DATABASE_URL: '' }).PORT).toBe(3000)
  })

  it('names every malformed variable and what it expects', () => {
    try {
      parseServerEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://root@db/app', DRYDOCK_SEED_DEMO: 'maybe' })
      expect.unreachable('a malformed environment must be refused')
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError)
      const message = (error as EnvError).message
      expect(message).toMatch(/PORT: expected .*number.*got "eighty"/)
      expect(message).toMatch(/DATABASE_URL: expected a PostgreSQL connection URL/)
      expect(message).toMatch(/DRYDOCK_SEED_DEMO: expected true or false; got "maybe"/)
    }
  })

  it('never echoes a database password', () => {
    try {
      parseServerEnv({ DATABASE_URL: 'mysql://admin:hunter2@db/app' })
      expect.unreachable()
    } catch (error) {
      expect((error as EnvError).message).not.toContain('hunter2')
      expect((error as EnvError).message).toContain('admin:***@')
    }
  })

  describe('accounts', () => {
    const external = 'postgres://drydock:pw@db.internal:5432/drydock'
    const secret = 'x'.repeat(32)

    it('refuses a short AUTH_SECRET without echoing it', () => {
      try {
        parseServerEnv({ AUTH_SECRET: 'too-short-to-be-safe' })
        expect.unreachable('a short secret must be refused')
      } catch (error) {
        const message = (error as EnvError).message
        expect(message).toMatch(/AUTH_SECRET: expected at least 32 characters/)
        expect(message).not.toContain('too-short-to-be-safe')
      }
    })

    it('requires AUTH_SECRET in production with an external database', () => {
      expect(() => parseServerEnv({ NODE_ENV: 'production', DATABASE_URL: external })).toThrow(/AUTH_SECRET: .*missing/)
      expect(parseServerEnv({ NODE_ENV: 'production', DATABASE_URL: external, AUTH_SECRET: secret }).AUTH_SECRET).toBe(
        secret,
      )
    })

    it('lets development and the embedded database run without AUTH_SECRET', () => {
      expect(parseServerEnv({ DATABASE_URL: external }).AUTH_SECRET).toBeUndefined()
      const embedded = 'postgres://postgres:pw@127.0.0.1:54329/drydock'
      expect(parseServerEnv({ NODE_ENV: 'production', DATABASE_URL: embedded }).AUTH_SECRET).toBeUndefined()
      expect(() =>
        parseServerEnv({ NODE_ENV: 'production', DATABASE_URL: embedded, EMBEDDED_PG_PORT: '55000' }),
      ).toThrow(/AUTH_SECRET/)
    })

    it('normalises ADMIN_EMAIL and refuses one that is not an address', () => {
      expect(parseServerEnv({ ADMIN_EMAIL: '  Admin@Example.ORG ' }).ADMIN_EMAIL).toBe('admin@example.org')
      expect(() => parseServerEnv({ ADMIN_EMAIL: 'admin' })).toThrow(/ADMIN_EMAIL: expected an email address/)
    })
  })
})

describe('secrets from files', () => {
  it('reads AUTH_SECRET_FILE and puts DATABASE_PASSWORD_FILE into the database URL', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const path = await import('node:path')
    const dir = mkdtempSync(path.join(tmpdir(), 'drydock-env-'))
    writeFileSync(path.join(dir, 'auth'), `${'k'.repeat(40)}\n`)
    writeFileSync(path.join(dir, 'db'), 'p@ss/word+1\n')
    const env = parseServerEnv({
      AUTH_SECRET_FILE: path.join(dir, 'auth'),
      DATABASE_URL: 'postgres://drydock@db:5432/drydock',
      DATABASE_PASSWORD_FILE: path.join(dir, 'db'),
    })
    expect(env.AUTH_SECRET).toBe('k'.repeat(40))
    expect(env.DATABASE_URL).toBe('postgres://drydock:p%40ss%2Fword%2B1@db:5432/drydock')
  })

  it('names a secret file it cannot read', () => {
    expect(() => parseServerEnv({ AUTH_SECRET_FILE: '/nonexistent/auth' })).toThrow(/AUTH_SECRET_FILE: expected a readable file/)
  })
})
