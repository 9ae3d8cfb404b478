import { afterEach, describe, expect, it } from 'vitest'
import { resetServerEnv } from '@/lib/env'
import { clientAddress, RATE_LIMITS, resetRateLimits, retryMessage, takeRateLimit, takeRateLimits } from './rate-limit'

afterEach(() => {
  resetRateLimits()
  delete process.env.TRUSTED_PROXY_HOPS
  resetServerEnv()
})

describe('rate limits', () => {
  it('allows the limit within a window, refuses the next with the seconds left, and resets after the window', () => {
    const { limit, windowMs } = RATE_LIMITS.signUpPerIp
    const t0 = 1_000_000
    for (let i = 0; i < limit; i += 1) expect(takeRateLimit('signUpPerIp', '203.0.113.9', t0 + i).ok).toBe(true)
    expect(takeRateLimit('signUpPerIp', '203.0.113.9', t0 + 1000)).toEqual({ ok: false, retryAfterSeconds: windowMs / 1000 - 1 })
    // Another address has its own allowance.
    expect(takeRateLimit('signUpPerIp', '203.0.113.10', t0 + 1000).ok).toBe(true)
    expect(takeRateLimit('signUpPerIp', '203.0.113.9', t0 + windowMs).ok).toBe(true)
  })

  it('limits one account however many addresses guess at it', () => {
    const { limit } = RATE_LIMITS.signInPerAccount
    const t0 = 5_000_000
    for (let i = 0; i < limit; i += 1) {
      expect(takeRateLimits([['signInPerIp', `198.51.100.${i}`], ['signInPerAccount', 'ada@example.com']], t0).ok).toBe(true)
    }
    expect(takeRateLimits([['signInPerIp', '198.51.100.99'], ['signInPerAccount', 'ada@example.com']], t0).ok).toBe(false)
    expect(takeRateLimits([['signInPerIp', '198.51.100.99'], ['signInPerAccount', 'brook@example.com']], t0).ok).toBe(true)
  })

  it('says how long to wait in words', () => {
    expect(retryMessage(42)).toBe('Too many attempts. Try again in 42 seconds.')
    expect(retryMessage(3000)).toBe('Too many attempts. Try again in 50 minutes.')
  })
})

describe('the client address', () => {
  const headers = (xff: string) => new Headers({ 'x-forwarded-for': xff })

  it('is the address the server saw when there is no proxy', () => {
    expect(clientAddress(headers('192.0.2.7'))).toBe('192.0.2.7')
    expect(clientAddress(new Headers())).toBe('unknown')
  })

  it('skips the trusted proxies, so a client cannot choose its own address behind one', () => {
    process.env.TRUSTED_PROXY_HOPS = '1'
    resetServerEnv()
    // The client claims 10.0.0.1; the proxy appended the address it saw.
    expect(clientAddress(headers('10.0.0.1, 192.0.2.7'))).toBe('192.0.2.7')
    process.env.TRUSTED_PROXY_HOPS = '2'
    resetServerEnv()
    // A CDN saw the client, then the load balancer saw the CDN.
    expect(clientAddress(headers('10.0.0.1, 192.0.2.7, 172.18.0.2'))).toBe('192.0.2.7')
  })
})
