import { describe, expect, it } from 'vitest'
import { isSameOriginRequest } from './same-origin'

const post = (headers: Record<string, string>) =>
  new Request('http://drydock.example/api/auth/sign-out', { method: 'POST', headers })

describe('isSameOriginRequest', () => {
  it('accepts a request from a page of this site, behind a proxy too', () => {
    expect(
      isSameOriginRequest(post({ origin: 'http://drydock.example', host: 'drydock.example' })),
    ).toBe(true)
    expect(
      isSameOriginRequest(
        post({
          origin: 'https://learn.example.org',
          host: '10.0.0.5:3000',
          'x-forwarded-host': 'learn.example.org',
        }),
      ),
    ).toBe(true)
  })

  it('refuses another site, and a request that does not say where it came from', () => {
    expect(
      isSameOriginRequest(post({ origin: 'https://evil.example', host: 'drydock.example' })),
    ).toBe(false)
    expect(isSameOriginRequest(post({ host: 'drydock.example' }))).toBe(false)
    expect(isSameOriginRequest(post({ origin: 'null', host: 'drydock.example' }))).toBe(false)
  })
})
