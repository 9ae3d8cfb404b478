import type { Page } from '@playwright/test'
import { expect, expectAccessible, test } from './fixtures'

const password = 'a calm harbour at dawn'

function uniqueEmail(who: string) {
  return `${who}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`
}

async function signUp(page: Page, email: string) {
  await page.goto('/sign-up')
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByRole('banner').getByTestId('account-menu-email')).toHaveText(email)
  // The header knows the account before the form has sent the reader on to the courses; a menu opened in
  // between is closed by that navigation.
  await expect(page.getByRole('heading', { level: 1, name: 'Courses' })).toBeVisible()
}

async function signIn(page: Page, email: string, withPassword = password) {
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(withPassword)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

test.describe('accounts', () => {
  test('a visitor signs up, signs out, and signs back in', async ({ page, context }) => {
    const email = uniqueEmail('learner')
    const header = page.getByRole('banner')

    await page.goto('/')
    await header.getByRole('link', { name: 'Sign in' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
    await expectAccessible(page)

    await page.getByRole('link', { name: 'Create an account' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Create an account' })).toBeVisible()
    await expectAccessible(page)

    // Mistakes are listed at the top, which takes focus, and explained beside each field.
    await page.getByLabel('Email address').fill('not-an-email')
    await page.getByLabel('Password', { exact: true }).fill('short')
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect(page.getByRole('main').getByRole('alert')).toBeFocused()
    await expect(page.getByRole('main').getByRole('alert')).toContainText(
      'Enter an email address like name@example.com',
    )
    await expect(page.getByLabel('Password', { exact: true })).toHaveAccessibleDescription(
      /At least 10 characters.*Use at least 10 characters/,
    )
    await expect(page.getByLabel('Email address')).toHaveValue('not-an-email')
    await expectAccessible(page)

    await page.getByLabel('Your name').fill('Dana Learner')
    await page.getByLabel('Email address').fill(`  ${email.toUpperCase()} `)
    await page.getByLabel('Password', { exact: true }).fill(password)
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect(page).toHaveURL(/\/$/)
    await expect(header.getByTestId('account-menu-email')).toHaveText(email)

    const cookie = (await context.cookies()).find((c) => c.name === 'drydock_session')
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })

    await header.getByRole('button', { name: `Signed in as ${email}` }).click()
    await header.getByRole('link', { name: 'Account' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible()
    await expect(page.getByTestId('account-email')).toHaveText(email)
    await expect(page.getByTestId('account-session')).toHaveCount(1)
    await expect(page.getByTestId('account-session')).toContainText('This browser')
    await expectAccessible(page)

    await header.getByRole('button', { name: `Signed in as ${email}` }).click()
    await header.getByRole('button', { name: 'Sign out' }).click()
    await expect(page).toHaveURL(/\/$/)
    await expect(header.getByRole('link', { name: 'Sign in' })).toBeVisible()

    // The account page sends a signed-out visitor to sign in, and back afterwards.
    await page.goto('/account')
    await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount$/)
    await signIn(page, email, 'not the right password')
    await expect(page.getByRole('main').getByRole('alert')).toHaveText(
      'Email or password is not right',
    )
    await expect(page.getByRole('main').getByRole('alert')).toBeFocused()
    await expectAccessible(page)

    await signIn(page, email)
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible()
    await expect(header.getByTestId('account-menu-email')).toHaveText(email)
    // The session ended by signing out is gone; only this one is listed.
    await expect(page.getByTestId('account-session')).toHaveCount(1)
  })

  test('an unknown email gets the same answer as a wrong password', async ({ page }) => {
    await page.goto('/sign-in')
    await signIn(page, uniqueEmail('nobody'))
    await expect(page.getByRole('main').getByRole('alert')).toHaveText(
      'Email or password is not right',
    )
  })

  test('signing out everywhere ends the sessions in other browsers', async ({ page, browser }) => {
    const email = uniqueEmail('two-browsers')
    await signUp(page, email)

    const other = await browser.newContext()
    const otherPage = await other.newPage()
    await otherPage.goto('/sign-in?next=/account')
    await signIn(otherPage, email)
    await expect(otherPage.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible()

    await page.goto('/account')
    await expect(page.getByTestId('account-session')).toHaveCount(2)
    await page.getByRole('button', { name: /Sign out everywhere/ }).click()
    await expect(page).toHaveURL(/\/sign-in\?ended=everywhere$/)
    await expect(page.getByText('You are signed out on every device.')).toBeVisible()
    await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible()

    await otherPage.reload()
    await expect(otherPage).toHaveURL(/\/sign-in\?next=%2Faccount$/)
    await other.close()
  })

  test('changing the password needs the current one and signs out other browsers', async ({
    page,
    browser,
  }) => {
    const email = uniqueEmail('changer')
    await signUp(page, email)
    const other = await browser.newContext()
    const otherPage = await other.newPage()
    await otherPage.goto('/sign-in?next=/account')
    await signIn(otherPage, email)
    await expect(otherPage.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible()

    await page.goto('/account')
    await page.getByLabel('Current password').fill('a wrong guess at it')
    await page.getByLabel('New password').fill('a brand new passphrase')
    await page.getByRole('button', { name: 'Change password' }).click()
    await expect(page.getByRole('main').getByRole('alert')).toBeFocused()
    await expect(page.getByLabel('Current password')).toHaveAccessibleDescription(
      /Your current password is not right/,
    )

    await page.getByLabel('Current password').fill(password)
    await page.getByLabel('New password').fill('a brand new passphrase')
    await page.getByRole('button', { name: 'Change password' }).click()
    await expect(page.getByRole('main').getByRole('status')).toHaveText(
      /Your password is changed\. One other session was signed out\./,
    )
    await expect(page.getByTestId('account-session')).toHaveCount(1)
    await expectAccessible(page)

    await otherPage.reload()
    await expect(otherPage).toHaveURL(/\/sign-in/)
    await signIn(otherPage, email)
    await expect(otherPage.getByRole('main').getByRole('alert')).toHaveText(
      'Email or password is not right',
    )
    await signIn(otherPage, email, 'a brand new passphrase')
    await expect(otherPage.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible()
    await other.close()
  })

  test('a sign-in link cannot send people to another site', async ({ page }) => {
    const email = uniqueEmail('redirect')
    await signUp(page, email)
    await page
      .getByRole('banner')
      .getByRole('button', { name: `Signed in as ${email}` })
      .click()
    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click()
    await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible()

    await page.goto('/sign-in?next=//evil.example/steal')
    await signIn(page, email)
    await expect(page.getByRole('banner').getByTestId('account-menu-email')).toHaveText(email)
    await expect(page).toHaveURL(/^http:\/\/[^/]+\/$/)
  })

  test('course pages stay static and shared, and the session is asked for separately', async ({
    request,
  }) => {
    const response = await request.get('/courses/docker-fundamentals')
    expect(response.status()).toBe(200)
    expect(response.headers()['cache-control'] ?? '').not.toContain('private')
    const session = await request.get('/api/session')
    expect(session.headers()['cache-control']).toContain('no-store')
    expect(await session.json()).toEqual({ user: null })
  })
})

test.describe('on a phone @phone', () => {
  test('the header fits a long email and its menu works by touch', async ({ page }) => {
    const email = uniqueEmail('a-rather-long-name-for-a-phone-header')
    await signUp(page, email)
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)
    await page
      .getByRole('banner')
      .getByRole('button', { name: `Signed in as ${email}` })
      .click()
    await expect(page.getByRole('banner').getByRole('link', { name: 'Account' })).toBeVisible()
    // The header shows an initial; the open menu names the account.
    await expect(page.getByRole('banner').getByRole('listitem').filter({ hasText: email })).toBeVisible()
    await expectAccessible(page)
  })
})
