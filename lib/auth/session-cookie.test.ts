import { describe, expect, it } from 'vitest'
import {
  isSecureRequest,
  parseCookieHeader,
  pickSessionToken,
  SECURE_SESSION_COOKIE,
  SESSION_COOKIE,
  sessionCookieName,
  sessionCookieOptions,
} from './session-cookie'

const headers = (entries: Record<string, string>) => new Headers(entries)

describe('the session cookie', () => {
  it('is httpOnly, SameSite=Lax, site-wide, and Secure with the __Host- prefix over HTTPS', () => {
    const expires = new Date('2026-04-01T00:00:00Z')
    expect(sessionCookieOptions(true, expires)).toEqual({
      httpOnly: true,
      sameSite: 'lax',
      secure: true,
      path: '/',
      expires,
    })
    expect(sessionCookieName(true)).toBe('__Host-drydock_session')
    expect(sessionCookieName(false)).toBe('drydock_session')
    expect(sessionCookieOptions(false, expires).secure).toBe(false)
  })

  it('is read from a Cookie header, preferring the secure one', () => {
    const parsed = parseCookieHeader(
      `theme=dark; ${SESSION_COOKIE}=plain; ${SECURE_SESSION_COOKIE}=secure`,
    )
    expect(pickSessionToken((name) => parsed.get(name))).toBe('secure')
    expect(pickSessionToken((name) => parseCookieHeader(`${SESSION_COOKIE}=plain`).get(name))).toBe(
      'plain',
    )
    expect(pickSessionToken(() => undefined)).toBeNull()
  })

  it('survives odd Cookie headers', () => {
    expect(parseCookieHeader(null).size).toBe(0)
    const parsed = parseCookieHeader('=nameless; a="quoted"; b=%E0%A4%A; a=second')
    expect(parsed.get('a')).toBe('quoted')
    expect(parsed.get('b')).toBe('%E0%A4%A')
  })
})

describe('isSecureRequest', () => {
  it('believes the proxy about the protocol the browser used', () => {
    expect(isSecureRequest(headers({ 'x-forwarded-proto': 'https' }))).toBe(true)
    expect(
      isSecureRequest(headers({ 'x-forwarded-proto': 'http', origin: 'https://drydock.example' })),
    ).toBe(false)
  })

  it('falls back to the Origin header and the request URL', () => {
    expect(isSecureRequest(headers({ origin: 'https://drydock.example' }))).toBe(true)
    expect(isSecureRequest(headers({}), 'https://drydock.example/api/session')).toBe(true)
    expect(
      isSecureRequest(headers({ origin: 'http://localhost:3000' }), 'http://localhost:3000/'),
    ).toBe(false)
  })
})
