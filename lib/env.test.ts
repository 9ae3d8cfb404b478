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
})
