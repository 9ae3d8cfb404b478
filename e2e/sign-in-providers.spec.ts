import type { APIRequestContext } from '@playwright/test'
import { E2E_AUTH_URL, E2E_OAUTH } from '../playwright.config'
import { expect, expectAccessible, test } from './fixtures'
import { signInLinkFrom, waitForMail } from './mail-sink'

/**
 * Sign-in without a password: an emailed link read from a local SMTP server,
 * and GitHub and Google up to the point where the browser would leave for
 * them (these machines have no network). The server runs with SMTP_URL and
 * made-up OAuth clients (playwright.config.ts).
 */

const lesson = '/courses/lesson-tour/every-component'
const origin = new URL(E2E_AUTH_URL).origin

// The address in AUTH_URL, which sign-in links and Auth.js's redirects use.
test.use({ baseURL: origin })

function uniqueEmail(who: string) {
  return `${who}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`
}

async function savedChecklist(request: APIRequestContext) {
  const response = await request.get('/api/progress?course=lesson-tour')
  if (response.status() !== 200) return undefined
  const body = (await response.json()) as { items: { itemId: string; last: Record<string, unknown> }[] }
  return body.items.find((item) => item.itemId === 'tour-checklist-first-image')?.last['checklist.ticked']
}

test.describe('a sign-in link by email', () => {
  test('signs a new visitor in, keeps what they did before, and shows the session on the account page', async ({
    page,
  }) => {
    test.setTimeout(90_000)
    const email = uniqueEmail('link')
    const header = page.getByRole('banner')

    await page.goto(lesson)
    await page.getByRole('checkbox', { name: /Write a Dockerfile with two lines/ }).check()
    await expect(page.getByTestId('sync-status').first()).toHaveText(/Saved in this browser/)

    await page.goto(`/sign-in?next=${encodeURIComponent(lesson)}`)
    await page.getByRole('link', { name: 'Email me a sign-in link' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Email me a sign-in link' })).toBeVisible()
    await expectAccessible(page)

    await page.getByLabel('Email address').fill('not-an-email')
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click()
    await expect(page.getByRole('main').getByRole('alert')).toBeFocused()
    await expect(page.getByRole('main').getByRole('alert')).toContainText('Enter an email address like name@example.com')

    await page.getByLabel('Email address').fill(email.toUpperCase())
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible()
    await expectAccessible(page)

    const received = await waitForMail(email)
    expect(received.raw).toMatch(/Subject: Sign in to Drydock/)
    const link = signInLinkFrom(received)
    expect(new URL(link).origin).toBe(new URL(page.url()).origin)

    // The page load that follows the link is what notices the new session.
    await page.goto(link)
    await expect(page).toHaveURL(new RegExp(`${lesson}$`))
    await expect(header.getByTestId('account-menu-email')).toHaveText(email)
    await expect.poll(() => savedChecklist(page.request)).toMatchObject({ ticked: [0] })

    const cookie = (await page.context().cookies()).find((c) => c.name === 'drydock_session')
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/)

    await page.goto('/account')
    await expect(page.getByTestId('account-email')).toHaveText(email)
    await expect(page.getByTestId('account-session')).toHaveCount(1)
    await expect(page.getByTestId('account-session')).toContainText('This browser')

    // A link works once.
    const again = await page.context().browser()!.newContext()
    const other = await again.newPage()
    await other.goto(link)
    await expect(other.getByRole('heading', { level: 1, name: 'Could not sign you in' })).toBeVisible()
    await expect(other.getByRole('main').getByRole('alert')).toContainText('expired or has already been used')
    await expectAccessible(other)
    await again.close()

    await page.getByRole('button', { name: 'Sign out everywhere' }).click()
    await expect(page).toHaveURL(/\/sign-in\?ended=everywhere$/)
    await page.goto('/account')
    await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount$/)
  })

  test('a second link signs the same account in again, in place of the session the browser had', async ({ page }) => {
    test.setTimeout(60_000)
    const email = uniqueEmail('again')
    for (let round = 0; round < 2; round++) {
      await page.goto('/sign-in/email')
      await page.getByLabel('Email address').fill(email)
      await page.getByRole('button', { name: 'Email me a sign-in link' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible()
      await page.goto(signInLinkFrom(await waitForMail(email)))
      await expect(page.getByRole('banner').getByTestId('account-menu-email')).toHaveText(email)
    }
    await page.goto('/account')
    await expect(page.getByTestId('account-session')).toHaveCount(1)
  })
})

test.describe('GitHub and Google', () => {
  for (const [name, host, clientId] of [
    ['GitHub', 'github.com', E2E_OAUTH.AUTH_GITHUB_ID],
    ['Google', 'accounts.google.com', E2E_OAUTH.AUTH_GOOGLE_ID],
  ] as const) {
    test(`"Continue with ${name}" sends the browser to ${name} with our client id, a state and PKCE`, async ({
      page,
    }) => {
      let authorize: URL | undefined
      await page.route(`https://${host}/**`, async (route) => {
        authorize = new URL(route.request().url())
        await route.fulfill({ status: 200, contentType: 'text/html', body: `<title>${name}</title><h1>${name}</h1>` })
      })

      await page.goto('/sign-up')
      await expect(page.getByRole('button', { name: `Continue with ${name}` })).toBeVisible()
      await page.goto('/sign-in?next=%2Faccount')
      await expectAccessible(page)
      await page.getByRole('button', { name: `Continue with ${name}` }).focus()
      await page.keyboard.press('Enter')
      await expect.poll(() => authorize?.host).toBe(host)

      const params = authorize!.searchParams
      expect(params.get('client_id')).toBe(clientId)
      expect(params.get('response_type')).toBe('code')
      expect(params.get('redirect_uri')).toBe(`${origin}/api/auth/callback/${name.toLowerCase()}`)
      expect(params.get('code_challenge_method')).toBe('S256')
      expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(params.get('scope')).toContain('email')
      const cookies = (await page.context().cookies()).map((c) => c.name)
      expect(cookies).toContain('authjs.pkce.code_verifier')
    })
  }

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false })

    test('"Continue with GitHub" is a plain form that still leads to GitHub', async ({ page }) => {
      let authorize: URL | undefined
      await page.route('https://github.com/**', async (route) => {
        authorize = new URL(route.request().url())
        await route.fulfill({ status: 200, contentType: 'text/html', body: '<title>GitHub</title>' })
      })
      await page.goto('/sign-in')
      await page.getByRole('button', { name: 'Continue with GitHub' }).click()
      await expect.poll(() => authorize?.searchParams.get('client_id')).toBe(E2E_OAUTH.AUTH_GITHUB_ID)
    })
  })

  test("a direct POST to Auth.js needs this site's Origin and Auth.js's CSRF token", async ({ request }) => {
    const post = (form: Record<string, string>, from = origin) =>
      request.post('/api/auth/signin/github', { form, headers: { Origin: from }, maxRedirects: 0 })

    const foreign = await post({ callbackUrl: '/' }, 'https://evil.example')
    expect(foreign.status()).toBe(403)
    const tokenless = await post({ callbackUrl: '/' })
    expect(tokenless.status()).toBe(403)
    expect((await tokenless.json()).message).toMatch(/CSRF token/)
    // A token that does not match the cookie is Auth.js's to refuse.
    const forged = await post({ callbackUrl: '/', csrfToken: 'f'.repeat(64) })
    expect(forged.headers().location).toMatch(/\/sign-in\?error=MissingCSRF/)

    const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string }
    const signedIn = await post({ callbackUrl: '/', csrfToken })
    expect(signedIn.status()).toBe(302)
    expect(new URL(signedIn.headers().location!).host).toBe('github.com')
  })

  test('a failed callback comes back to a Drydock page that says what to do', async ({ page }) => {
    await page.goto('/api/auth/callback/github?code=made-up&state=made-up')
    await expect(page).toHaveURL(/\/sign-in\/problem\?error=/)
    await expect(page.getByRole('heading', { level: 1, name: 'Could not sign you in' })).toBeVisible()
    await expect(page.getByRole('main').getByRole('alert')).toBeVisible()
    await expectAccessible(page)
  })
})

test('our own sign-out routes still answer beside the Auth.js catch-all', async ({ request }) => {
  const signOut = await request.post('/api/auth/sign-out', { headers: { Origin: origin } })
  expect(signOut.status()).toBe(204)
  const everywhere = await request.post('/api/auth/sign-out-everywhere', { headers: { Origin: origin } })
  expect(await everywhere.json()).toEqual({ ended: 0 })
  const csrf = await request.get('/api/auth/csrf')
  expect((await csrf.json()).csrfToken).toMatch(/^[0-9a-f]{64}$/)
})
