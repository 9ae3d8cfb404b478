import { describe, expect, it } from 'vitest'
import { createSessionToken, digestSessionToken, isWellFormedSessionToken } from './session-token'

describe('session tokens', () => {
  it('are 256 random bits in a cookie-safe alphabet', () => {
    const tokens = new Set(Array.from({ length: 100 }, createSessionToken))
    expect(tokens.size).toBe(100)
    for (const token of tokens) expect(isWellFormedSessionToken(token)).toBe(true)
    expect(isWellFormedSessionToken('abc')).toBe(false)
  })

  it('are stored under a digest that changes with the secret', () => {
    const token = createSessionToken()
    const a = digestSessionToken(token, 'a'.repeat(32))
    expect(a).toMatch(/^[0-9a-f]{64}$/)
    expect(digestSessionToken(token, 'a'.repeat(32))).toBe(a)
    expect(digestSessionToken(token, 'b'.repeat(32))).not.toBe(a)
  })
})
