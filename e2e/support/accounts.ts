import type { Browser, Page } from '@playwright/test'
import { E2E_ADMIN_EMAIL } from '../../playwright.config'
import { expect } from '../fixtures'

export const E2E_PASSWORD = 'harbour lights at dusk'

export function uniqueEmail(who: string): string {
  return `${who}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`
}

/** Signs up on /sign-up in `page` and waits until the header shows the account. */
export async function signUp(page: Page, email: string, name?: string): Promise<void> {
  await page.goto('/sign-up')
  if (name !== undefined) await page.getByLabel('Your name').fill(name)
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(E2E_PASSWORD)
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByRole('banner').getByTestId('account-menu-email')).toHaveText(email)
}

/** A page signed in as the administrator, who is signed up by whichever test needs them first. */
export async function adminPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  const signedIn = page.getByRole('banner').getByTestId('account-menu-email')
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.goto('/sign-in')
    await page.getByLabel('Email address').fill(E2E_ADMIN_EMAIL)
    await page.getByLabel('Password', { exact: true }).fill(E2E_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(signedIn.or(page.getByRole('alert', { name: /not right/ }))).toBeVisible()
    if (await signedIn.isVisible()) return page
    await page.goto('/sign-up')
    await page.getByLabel('Email address').fill(E2E_ADMIN_EMAIL)
    await page.getByLabel('Password', { exact: true }).fill(E2E_PASSWORD)
    await page.getByRole('button', { name: 'Create account' }).click()
    // Another test may have signed the administrator up at the same moment: then sign in again.
    await expect(signedIn.or(page.getByRole('alert'))).toBeVisible()
    if (await signedIn.isVisible()) return page
  }
  throw new Error('could not sign in as the administrator')
}
