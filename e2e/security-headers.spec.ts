import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { APIResponse } from '@playwright/test'
import { E2E_ADMIN_EMAIL } from '../playwright.config'
import { expect, test } from './fixtures'
import { adminPage } from './support/accounts'

/**
 * Every page, API route and asset carries the security headers, and in a real
 * browser no page of Drydock's own trips its Content-Security-Policy while a
 * script injected into the page is refused.
 */

const staticLessons = ['/courses/docker-fundamentals/the-setup-problem', '/courses/lesson-tour/every-component']
const staticPages = ['/', '/courses/docker-fundamentals', ...staticLessons]
const dynamicPages = ['/sign-in', '/sign-in/email', '/sign-in/check-email', '/sign-in/problem?error=Verification', '/sign-up', '/account', '/dashboard', '/admin', '/teach', '/teach/cohorts/demo-cohort', '/join/ABCD2345']

function scriptSources(response: APIResponse): string[] {
  const policy = response.headers()['content-security-policy'] ?? ''
  const scriptSrc = policy.split('; ').find((part) => part.startsWith('script-src ')) ?? ''
  return scriptSrc.split(' ').slice(1)
}

function expectCommonHeaders(response: APIResponse, what: string) {
  const headers = response.headers()
  expect(headers['x-content-type-options'], what).toBe('nosniff')
  expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin')
  expect(headers['x-frame-options'], what).toBe('DENY')
  // Plain HTTP here: HSTS only when the request came over HTTPS.
  expect(headers['strict-transport-security'], what).toBeUndefined()
}

function expectPolicy(response: APIResponse, what: string) {
  const policy = response.headers()['content-security-policy']
  expect(policy, `${what} has a Content-Security-Policy`).toBeTruthy()
  expect(policy).toContain("frame-ancestors 'none'")
  expect(policy).toContain("object-src 'none'")
  expect(policy).toContain("base-uri 'self'")
  const sources = scriptSources(response)
  expect(sources, what).toContain("'self'")
  expect(sources, what).not.toContain("'unsafe-inline'")
  expect(sources, what).not.toContain("'unsafe-eval'")
}

test.describe('security headers', () => {
  test('every page, API route, download and asset carries them', async ({ browser }) => {
    test.setTimeout(120_000)
    const admin = await adminPage(browser)
    await admin.goto('/teach/cohorts/demo-cohort')
    const studentPage = await admin.locator('a[href*="/students/"]').first().getAttribute('href')
    expect(studentPage).toBeTruthy()
    const request = admin.request

    for (const path of [...staticPages, ...dynamicPages, studentPage!, '/no-such-page']) {
      const response = await request.get(path, { maxRedirects: 0 })
      expect(response.status(), path).toBeLessThan(500)
      expectCommonHeaders(response, path)
      expectPolicy(response, path)
    }

    const api: [string, () => Promise<APIResponse>][] = [
      ['/api/health', () => request.get('/api/health')],
      ['/api/ready', () => request.get('/api/ready')],
      ['/api/session', () => request.get('/api/session')],
      ['GET /api/progress', () => request.get('/api/progress?course=lesson-tour')],
      ['POST /api/progress', () => request.post('/api/progress', { data: { events: 'no' } })],
      ['GET /api/review/queue', () => request.get('/api/review/queue?tz=UTC')],
      ['/api/account/export', () => request.get('/api/account/export')],
      ['POST /api/auth/sign-out (foreign origin)', () => request.post('/api/auth/sign-out', { headers: { origin: 'https://evil.example' } })],
      ['POST /api/auth/sign-out-everywhere (foreign origin)', () => request.post('/api/auth/sign-out-everywhere', { headers: { origin: 'https://evil.example' } })],
      ['GET /api/auth/csrf', () => request.get('/api/auth/csrf')],
      ['POST /api/auth/signin/github (no CSRF token)', () => request.post('/api/auth/signin/github', { form: {}, maxRedirects: 0 })],
      ['heatmap.csv', () => request.get('/teach/cohorts/demo-cohort/heatmap.csv')],
      ['items.csv', () => request.get('/teach/cohorts/demo-cohort/items.csv')],
    ]
    for (const [what, send] of api) {
      const response = await send()
      expect(response.status(), what).toBeLessThan(500)
      expectCommonHeaders(response, what)
      expectPolicy(response, what)
    }

    // Build assets carry no policy of their own (they are not documents) but are never sniffed.
    const html = await (await request.get('/')).text()
    const asset = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1]
    expect(asset).toBeTruthy()
    expectCommonHeaders(await request.get(asset!), asset!)
  })

  test('pages rendered per request get a fresh nonce; lesson pages stay prerendered and list their inline scripts by hash', async ({ request }) => {
    const first = scriptSources(await request.get('/sign-in')).find((source) => source.startsWith("'nonce-"))
    const second = scriptSources(await request.get('/sign-in')).find((source) => source.startsWith("'nonce-"))
    expect(first).toBeTruthy()
    expect(second).toBeTruthy()
    expect(first).not.toBe(second)

    for (const lesson of staticLessons) {
      const a = await request.get(lesson)
      // Served from the build, not rendered again: the bytes next build wrote.
      const built = readFileSync(path.join('.next', 'server', 'app', `${lesson.slice(1)}.html`), 'utf8')
      expect(await a.text(), lesson).toBe(built)
      const sources = scriptSources(a)
      expect(sources.some((source) => source.startsWith("'nonce-")), lesson).toBe(false)
      expect(sources.filter((source) => source.startsWith("'sha256-")).length, lesson).toBeGreaterThan(1)
    }
  })

  test('HSTS is sent only when the request came over HTTPS', async ({ request }) => {
    for (const path of ['/', '/sign-in', '/api/health', '/api/review/queue', staticLessons[0]!]) {
      const secure = await request.get(path, { headers: { 'x-forwarded-proto': 'https' } })
      expect(secure.headers()['strict-transport-security'], path).toMatch(/max-age=\d{8,}/)
      expect(secure.headers()['content-security-policy'], path).toContain('upgrade-insecure-requests')
      const plain = await request.get(path)
      expect(plain.headers()['strict-transport-security'], path).toBeUndefined()
    }
  })

  test('in a real browser, Drydock\'s own scripts run and an injected inline script does not', async ({ browser }) => {
    test.setTimeout(120_000)
    const admin = await adminPage(browser)
    const violations: string[] = []
    admin.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(`${admin.url()}: ${message.text()}`)
    })

    for (const path of [...staticPages, ...dynamicPages, '/no-such-page']) {
      await admin.goto(path)
      // The header's account menu is filled in by client code after hydration, on static pages too.
      await expect(admin.getByRole('banner').getByTestId('account-menu-email'), path).toHaveText(E2E_ADMIN_EMAIL)
      const ran = await admin.evaluate(async () => {
        const refused = new Promise<boolean>((resolve) => {
          document.addEventListener('securitypolicyviolation', () => resolve(true), { once: true })
          setTimeout(() => resolve(false), 2000)
        })
        const script = document.createElement('script')
        script.textContent = 'window.__drydockInjected = true'
        document.body.append(script)
        const wasRefused = await refused
        return { wasRefused, executed: (window as unknown as { __drydockInjected?: boolean }).__drydockInjected === true }
      })
      expect(ran, path).toEqual({ wasRefused: true, executed: false })
    }
    // Only the injected scripts were refused: one report per page, nothing of Drydock's own.
    expect(violations.length, violations.join('\n')).toBe(staticPages.length + dynamicPages.length + 1)
  })
})
