import { describe, expect, it } from 'vitest'
import { enabledSignInProviders, EnvError, parseServerEnv } from './env'

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

  describe('sign-in providers', () => {
    const smtp = { SMTP_URL: 'smtp://mailer:hunter2@smtp.example.org:587', EMAIL_FROM: 'Drydock <no-reply@example.org>' }
    const github = { AUTH_GITHUB_ID: 'Iv1.abc', AUTH_GITHUB_SECRET: 'shh' }

    it('switches on each provider only when fully configured', () => {
      expect(enabledSignInProviders(parseServerEnv({}))).toEqual({ email: false, github: false, google: false })
      expect(enabledSignInProviders(parseServerEnv({ ...smtp, ...github }))).toEqual({
        email: true,
        github: true,
        google: false,
      })
    })

    it('refuses a client id without its secret, and a mailer without a sender', () => {
      expect(() => parseServerEnv({ AUTH_GOOGLE_ID: 'id.apps.googleusercontent.com' })).toThrow(
        /AUTH_GOOGLE_SECRET: expected the OAuth client secret that goes with AUTH_GOOGLE_ID/,
      )
      expect(() => parseServerEnv({ SMTP_URL: smtp.SMTP_URL })).toThrow(/EMAIL_FROM: expected the sender/)
    })

    it('asks production for AUTH_URL once any provider is on, and never echoes an SMTP password', () => {
      expect(() => parseServerEnv({ NODE_ENV: 'production', ...github })).toThrow(/AUTH_URL: expected the public address/)
      expect(parseServerEnv({ NODE_ENV: 'production', ...github, AUTH_URL: 'https://learn.example.org/' }).AUTH_URL).toBe(
        'https://learn.example.org',
      )
      expect(parseServerEnv({ NODE_ENV: 'production' }).AUTH_URL).toBeUndefined()
      try {
        parseServerEnv({ SMTP_URL: 'smtp://mailer:hunter2@smtp.example.org:587', EMAIL_FROM: 'x', AUTH_URL: 'ftp://x' })
        expect.unreachable('a malformed environment must be refused')
      } catch (error) {
        expect((error as EnvError).message).toMatch(/AUTH_URL: expected an http\(s\) URL/)
        expect((error as EnvError).message).not.toContain('hunter2')
      }
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

  it('reads the SMTP URL and OAuth client secrets from files too', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const path = await import('node:path')
    const dir = mkdtempSync(path.join(tmpdir(), 'drydock-env-'))
    writeFileSync(path.join(dir, 'smtp'), 'smtps://mailer:pw@smtp.example.org\n')
    writeFileSync(path.join(dir, 'github'), 'gh-secret\n')
    const env = parseServerEnv({
      SMTP_URL_FILE: path.join(dir, 'smtp'),
      EMAIL_FROM: 'no-reply@example.org',
      AUTH_GITHUB_ID: 'Iv1.abc',
      AUTH_GITHUB_SECRET_FILE: path.join(dir, 'github'),
    })
    expect(env.SMTP_URL).toBe('smtps://mailer:pw@smtp.example.org')
    expect(env.AUTH_GITHUB_SECRET).toBe('gh-secret')
  })

  it('names a secret file it cannot read', () => {
    expect(() => parseServerEnv({ AUTH_SECRET_FILE: '/nonexistent/auth' })).toThrow(/AUTH_SECRET_FILE: expected a readable file/)
  })
})
