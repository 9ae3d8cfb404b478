import { expect, expectAccessible, test } from './fixtures'

const password = 'a steady tide at noon'

function uniqueEmail(who: string) {
  return `${who}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`
}

test.describe('mock interview', () => {
  test('five questions run start to finish with a timer, and the misses come back first in review', async ({ page }) => {
    // A whole story across pages and two browsers, on a shared 2-core machine.
    test.setTimeout(120_000)
    const email = uniqueEmail('interviewee')
    await page.goto('/sign-up')
    await page.getByLabel('Email address').fill(email)
    await page.getByLabel('Password', { exact: true }).fill(password)
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect(page.getByRole('banner').getByTestId('account-menu-email')).toHaveText(email, { timeout: 15_000 })

    await page.getByRole('banner').getByTestId('account-menu-email').click()
    await page.getByRole('link', { name: 'Mock interview' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Mock interview' })).toBeVisible()
    await page.getByLabel('Course').selectOption('docker-fundamentals')
    await page.getByLabel('From the modules I choose').check()
    await page.getByRole('button', { name: 'Start the interview' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Choose at least one module' })).toBeVisible()
    await page.getByLabel('Why containers').check()
    await page.getByLabel('5 questions').check()
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Start the interview' }).click()

    const missed: string[] = []
    const nailed: string[] = []
    for (let n = 1; n <= 5; n++) {
      const step = page.getByTestId('rehearsal-question')
      await expect(step.getByRole('heading', { name: `Question ${n} of 5` })).toBeFocused()
      const itemId = (await step.getAttribute('data-item-id'))!
      if (n === 1) {
        // The clock runs while the learner answers.
        await expect(step.getByRole('timer')).toHaveText('0:00')
        await expect(step.getByRole('timer')).toHaveText(/^0:0[1-9]$/, { timeout: 5000 })
        await step.getByLabel('Your answer').fill('Pin the interpreter, the libraries and the OS in one image.')
      } else if (n === 2) {
        await step.getByLabel('Aloud').check()
        await expect(step.getByLabel('Your answer')).toHaveCount(0)
      }
      await step.getByRole('button', { name: 'Reveal the senior angle' }).click()
      await expect(step.getByTestId('rehearsal-reveal')).toBeVisible()
      await step.getByTestId('rehearsal-reveal').getByRole('checkbox').first().check()
      if (n === 1) await expectAccessible(page)
      const miss = n === 1 || n === 3
      ;(miss ? missed : nailed).push(itemId)
      await step.getByRole('button', { name: miss ? 'Missed' : 'Nailed it' }).click()
    }

    const results = page.getByTestId('rehearsal-results')
    await expect(results.getByRole('heading', { name: 'Interview over' })).toBeFocused()
    await expect(results.getByTestId('rehearsal-totals')).toContainText('5 questions in')
    await expect(results.getByTestId('rehearsal-totals')).toContainText('3 nailed, 0 partly, 2 missed.')
    await expect(results.getByRole('row')).toHaveCount(6)
    await expectAccessible(page)
    await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'saved')

    // Saved to the account: a miss is an Again grade, due sooner than the questions nailed.
    const saved = await page.request.get('/api/review/cards?course=docker-fundamentals')
    const { cards } = (await saved.json()) as { cards: { itemId: string; due: string; state: string }[] }
    expect(cards.map((card) => card.itemId).sort()).toEqual([...missed, ...nailed].sort())
    const dueOf = (id: string) => Date.parse(cards.find((card) => card.itemId === id)!.due)
    for (const miss of missed) for (const hit of nailed) expect(dueOf(miss)).toBeLessThan(dueOf(hit))

    await results.getByRole('link', { name: 'Go to review' }).click()
    await page.getByText('Review settings').click()
    await page.getByLabel('New cards per day').fill('0')
    await page.getByRole('button', { name: 'Save settings' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible()
    await expect(page.getByTestId('review-remaining')).toHaveText('5 to go')
    const card = page.getByTestId('review-card')
    const order: string[] = []
    await page.getByRole('heading', { level: 1 }).click()
    for (let n = 0; n < 2; n++) {
      order.push((await card.getAttribute('data-item-id'))!)
      await page.keyboard.press('Space')
      await expect(page.getByTestId('review-back')).toContainText('Key points')
      await page.keyboard.press('4')
      await expect(page.getByTestId('review-remaining')).toHaveText(`${4 - n} to go · ${n + 1} reviewed`)
    }
    expect(order.sort()).toEqual([...missed].sort())

    await page.goto('/rehearse')
    await expect(page.getByRole('heading', { name: 'Your recent mock interviews' })).toBeVisible()
    await expect(page.getByText(/Docker Fundamentals, 5 questions — 3 nailed, 0 partly, 2 missed/)).toBeVisible()
  })

  test('"my weakest" asks first what the learner missed, without an account', async ({ page }) => {
    await page.goto('/rehearse')
    await page.getByLabel('Course').selectOption('docker-fundamentals')
    await page.getByLabel('3 questions').check()
    await page.getByRole('button', { name: 'Start the interview' }).click()
    const step = page.getByTestId('rehearsal-question')
    const first = (await step.getAttribute('data-item-id'))!
    await step.getByRole('button', { name: 'Reveal the senior angle' }).click()
    await step.getByRole('button', { name: 'Missed' }).click()
    for (let n = 2; n <= 3; n++) {
      await expect(step.getByRole('heading', { name: `Question ${n} of 3` })).toBeVisible()
      await step.getByRole('button', { name: 'Reveal the senior angle' }).click()
      await step.getByRole('button', { name: 'Nailed it' }).click()
    }
    await page.getByRole('button', { name: 'Another mock interview' }).click()
    await page.getByLabel('My weakest: the ones I am most likely to have forgotten').check()
    await page.getByLabel('3 questions').check()
    await page.getByRole('button', { name: 'Start the interview' }).click()
    await expect(page.getByTestId('rehearsal-question')).toHaveAttribute('data-item-id', first)
  })
})
