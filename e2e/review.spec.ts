import type { Page } from '@playwright/test'
import { expect, expectAccessible, test } from './fixtures'

const password = 'a steady tide at noon'
const setupLesson = '/courses/docker-fundamentals/the-setup-problem'
const venvLesson = '/courses/docker-fundamentals/beyond-virtual-environments'

function uniqueEmail(who: string) {
  return `${who}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`
}

async function rateCard(page: Page, deckName: string, position: number, total: number, rating: 'Got it' | 'Again') {
  const card = page.getByRole('region', { name: deckName }).getByRole('listitem', { name: `Card ${position} of ${total}` })
  await card.getByRole('button', { name: 'Show answer' }).click()
  await card.getByRole('button', { name: rating }).click()
  await expect(card.getByRole('button', { name: rating })).toHaveAttribute('aria-pressed', 'true')
}

async function cardsInDeck(page: Page, deckName: string) {
  return page.getByRole('region', { name: deckName }).getByRole('listitem').count()
}

/** Review settings: only the cards already met, no new ones today. */
async function noNewCards(page: Page) {
  await page.getByText('Review settings').click()
  await page.getByLabel('New cards per day').fill('0')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible()
}

test.describe('spaced-repetition review', () => {
  test('cards flipped in two lessons are due in review, reviewed by keyboard alone, and have the same schedule in another browser after signing in', async ({
    page,
    browser,
  }) => {
    // A whole story across pages and two browsers, on a shared 2-core machine.
    test.setTimeout(120_000)
    const setupDeck = 'Test yourself: the setup problem'
    const venvDeck = 'Test yourself: beyond virtual environments'
    await page.goto(setupLesson)
    const setupTotal = await cardsInDeck(page, setupDeck)
    await rateCard(page, setupDeck, 1, setupTotal, 'Got it')
    await rateCard(page, setupDeck, 2, setupTotal, 'Again')
    await page.goto(venvLesson)
    await rateCard(page, venvDeck, 1, await cardsInDeck(page, venvDeck), 'Got it')

    await page.goto('/review')
    await expect(page.getByTestId('review-source')).toHaveText('Kept in this browser until you sign in')
    await noNewCards(page)
    const card = page.getByTestId('review-card')
    await expect(page.getByTestId('review-remaining')).toHaveText('3 to go')
    await expectAccessible(page)

    // From here on, the keyboard alone. The card missed in the lesson comes first (due in a minute).
    await page.getByRole('heading', { level: 1, name: 'Review' }).click()
    const firstCard = 'setup-card-four-sources'
    await expect(card).toHaveAttribute('data-item-id', firstCard)
    await page.keyboard.press('Space')
    await expect(page.getByTestId('review-back')).toBeVisible()
    const intervals = await page.getByTestId('grade-interval').allTextContents()
    expect(intervals).toHaveLength(4)
    // After a lapse in the lesson: Again in a minute, Good in ten, Easy in days.
    expect(intervals[0]).toBe('1 min')
    expect(intervals[2]).toBe('10 min')
    expect(intervals[3]).toMatch(/days?$/)
    await expectAccessible(page)

    await page.keyboard.press('1')
    await expect(page.getByTestId('review-announcement')).toHaveText(/^Again\. Next due today at/)
    // U takes the grade back: the same card, answer showing.
    await page.keyboard.press('u')
    await expect(page.getByTestId('review-announcement')).toHaveText('Last grade undone.')
    await expect(card).toHaveAttribute('data-item-id', firstCard)
    await expect(page.getByTestId('review-back')).toBeVisible()

    await page.keyboard.press('3')
    // Good on a missed card is another learning step, so it comes back in this session after the others.
    await expect(page.getByTestId('review-remaining')).toHaveText('3 to go · 1 reviewed')
    for (let graded = 2; graded <= 4; graded++) {
      await page.keyboard.press('Space')
      await expect(page.getByTestId('review-back')).toBeVisible()
      const good = page.getByTestId('grade-good').getByTestId('grade-interval')
      // These cards have finished their learning steps: Good schedules them days ahead.
      await expect(good).toHaveText(/days?$/)
      await page.keyboard.press('3')
    }

    const summary = page.getByTestId('review-summary')
    await expect(summary).toBeVisible()
    await expect(summary).toContainText('4 reviews of 3 cards: 0 Again, 0 Hard, 4 Good, 0 Easy.')
    const dues = await summary.getByTestId('summary-due').allTextContents()
    expect(dues).toHaveLength(3)
    for (const due of dues) expect(due).not.toMatch(/^today/)
    await expectAccessible(page)

    await page.goto('/review')
    await expect(page.getByTestId('review-empty')).toBeVisible()
    const nextDue = await page.getByTestId('next-due').textContent()
    expect(nextDue).toBe(`The next card is due ${dues[0]}.`)
    await expectAccessible(page)

    // Signing up uploads this browser's grades; the account replays them into the same schedule.
    const email = uniqueEmail('reviewer')
    await page.goto('/sign-up')
    await page.getByLabel('Email address').fill(email)
    await page.getByLabel('Password', { exact: true }).fill(password)
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect(page.getByRole('banner').getByTestId('account-menu-email')).toHaveText(email)
    await page.goto('/review')
    await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'saved')
    await expect(page.getByTestId('review-source')).toHaveText("Your account's schedule")
    await expect(page.getByTestId('next-due')).toHaveText(nextDue!)

    const elsewhere = await browser.newContext()
    const other = await elsewhere.newPage()
    await other.goto('/sign-in')
    await other.getByLabel('Email address').fill(email)
    await other.getByLabel('Password', { exact: true }).fill(password)
    await other.getByRole('button', { name: 'Sign in' }).click()
    await expect(other.getByRole('banner').getByTestId('account-menu-email')).toHaveText(email)
    await other.goto('/review')
    await expect(other.getByTestId('review-source')).toHaveText("Your account's schedule")
    await noNewCards(other)
    await expect(other.getByTestId('next-due')).toHaveText(nextDue!)

    await other.goto('/review/stats')
    await expect(other.getByTestId('stats-source')).toHaveText('From your account')
    await expect(other.getByTestId('cards-scheduled')).toHaveText('3')
    await other.getByText('Show the figures').first().click()
    // Three grades in the lessons and four on the review page, all today.
    await expect(other.getByTestId('reviews-table').locator('tbody tr')).toHaveCount(1)
    await expect(other.getByTestId('reviews-table').locator('tbody tr td').last()).toHaveText('7')
    await expectAccessible(other)
    await elsewhere.close()
  })

  test('an empty review says how cards join it, and the statistics page works without an account', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.goto('/review')
    await expect(page.getByTestId('review-empty')).toContainText('Cards join your review when you flip them')
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Statistics' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Review statistics' })).toBeVisible()
    await expect(page.getByTestId('stats-source')).toHaveText('From this browser; sign in to keep them in your account')
    await expect(page.getByTestId('true-retention')).toHaveText('—')
    await expectAccessible(page)
  })

  test('the review API refuses visitors and bad input with a message', async ({ request }) => {
    const anonymous = await request.get('/api/review/queue')
    expect(anonymous.status()).toBe(401)
    expect((await anonymous.json()).message).toMatch(/Sign in/)
    const badZone = await request.get('/api/review/queue?tz=Mars/Olympus')
    expect(badZone.status()).toBe(400)
    expect((await badZone.json()).message).toMatch(/IANA time zone/)
    const unknownCourse = await request.get('/api/review/queue?course=no-such-course')
    expect(unknownCourse.status()).toBe(404)
    const settings = await request.put('/api/review/settings', { data: { desiredRetention: 0.9, newCardsPerDay: 5 } })
    expect(settings.status()).toBe(403)
  })
})
