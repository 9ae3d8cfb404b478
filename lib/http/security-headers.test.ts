import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import nextConfig, { API_PATHS } from '@/next.config.mjs'
import { buildContentSecurityPolicy, HSTS_VALUE, inlineScriptHashes, isHttpsRequest, prerenderedPageHashes, sha256Source } from './security-headers'

function directive(policy: string, name: string): string[] {
  const found = policy.split('; ').find((part) => part.startsWith(`${name} `))
  return found ? found.split(' ').slice(1) : []
}

describe('the Content-Security-Policy', () => {
  it('gives the JSON API, which skips the proxy, a policy that loads nothing, and over HTTPS the same HSTS as pages', async () => {
    const rules = (await nextConfig.headers!()).filter((rule) => rule.source === API_PATHS)
    const plain = rules.find((rule) => !rule.has)?.headers.find((header) => header.key === 'Content-Security-Policy')?.value ?? ''
    expect(directive(plain, 'default-src')).toEqual(["'none'"])
    expect(directive(plain, 'frame-ancestors')).toEqual(["'none'"])
    const secure = rules.find((rule) => rule.has)
    expect(secure?.headers).toContainEqual({ key: 'Strict-Transport-Security', value: HSTS_VALUE })
    const forwarded = new RegExp(`^${secure?.has?.[0]?.value ?? ''}$`)
    for (const header of ['https', 'HTTPS', 'https, http']) {
      expect(forwarded.test(header), header).toBe(isHttpsRequest(new URL('http://drydock.test/'), new Headers({ 'x-forwarded-proto': header })))
    }
    expect(forwarded.test('http')).toBe(false)
  })

  it('never allows inline script wholesale or eval in production', () => {
    for (const policy of [buildContentSecurityPolicy({ nonce: 'abc' }), buildContentSecurityPolicy({ scriptHashes: ["'sha256-x'"] })]) {
      expect(directive(policy, 'script-src')).not.toContain("'unsafe-inline'")
      expect(directive(policy, 'script-src')).not.toContain("'unsafe-eval'")
      expect(directive(policy, 'frame-ancestors')).toEqual(["'none'"])
      expect(directive(policy, 'object-src')).toEqual(["'none'"])
      expect(directive(policy, 'base-uri')).toEqual(["'self'"])
    }
  })

  it('carries the nonce of a dynamic page, or the hashes of a prerendered one', () => {
    expect(directive(buildContentSecurityPolicy({ nonce: 'n0nce' }), 'script-src')).toContain("'nonce-n0nce'")
    const hashed = directive(buildContentSecurityPolicy({ scriptHashes: ["'sha256-abc='"] }), 'script-src')
    expect(hashed).toContain("'sha256-abc='")
    expect(hashed.some((source) => source.startsWith("'nonce-"))).toBe(false)
  })

  it('upgrades insecure requests only over HTTPS, and allows eval only in development', () => {
    expect(buildContentSecurityPolicy({ https: true })).toContain('upgrade-insecure-requests')
    expect(buildContentSecurityPolicy({})).not.toContain('upgrade-insecure-requests')
    expect(directive(buildContentSecurityPolicy({ development: true }), 'script-src')).toContain("'unsafe-eval'")
  })

  it('lets forms lead only here, and to the OAuth providers that are switched on', () => {
    expect(directive(buildContentSecurityPolicy({}), 'form-action')).toEqual(["'self'"])
    expect(directive(buildContentSecurityPolicy({ formActions: ['https://github.com'] }), 'form-action')).toEqual([
      "'self'",
      'https://github.com',
    ])
  })
})

describe('inlineScriptHashes', () => {
  it('hashes each inline script exactly as written and skips external ones', () => {
    const html = '<head><script src="/_next/a.js" async=""></script><script>self.__next_f.push([0])</script></head><script id="x">a</script><script>a</script>'
    expect(inlineScriptHashes(html)).toEqual([sha256Source('self.__next_f.push([0])'), sha256Source('a')])
    // The value browsers compare: base64 SHA-256 of the UTF-8 text.
    expect(sha256Source('alert(1)')).toBe("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='")
  })
})

describe('prerenderedPageHashes', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'drydock-csp-'))
  writeFileSync(path.join(dir, 'index.html'), '<script>home()</script>')
  writeFileSync(path.join(dir, 'lesson.html'), '<script>lesson()</script>')

  it('finds the prerendered HTML for a path, and nothing for other paths', () => {
    expect(prerenderedPageHashes('/', dir)).toEqual([sha256Source('home()')])
    expect(prerenderedPageHashes('/lesson', dir)).toEqual([sha256Source('lesson()')])
    expect(prerenderedPageHashes('/sign-in', dir)).toBeNull()
  })

  it('never reads outside the prerendered pages', () => {
    for (const hostile of ['/../index', '/%2e%2e/etc/passwd', '/lesson.html', '//lesson', '/lesson/', '/a b']) {
      expect(prerenderedPageHashes(hostile, dir)).toBeNull()
    }
  })
})

describe('isHttpsRequest', () => {
  it('trusts the URL scheme and the first X-Forwarded-Proto', () => {
    expect(isHttpsRequest(new URL('https://a.example/'), new Headers())).toBe(true)
    expect(isHttpsRequest(new URL('http://a.example/'), new Headers({ 'x-forwarded-proto': 'https, http' }))).toBe(true)
    expect(isHttpsRequest(new URL('http://a.example/'), new Headers({ 'x-forwarded-proto': 'http' }))).toBe(false)
    expect(isHttpsRequest(new URL('http://a.example/'), new Headers())).toBe(false)
  })
})
