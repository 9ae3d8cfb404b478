import { expect, expectAccessible, test } from './fixtures'

const lesson = '/courses/lesson-tour/every-component'

test.describe('a deck of flip cards', () => {
  test('turns cards by click, rates them, and counts flipped and known cards across a reload', async ({
    page,
  }) => {
    await page.goto(lesson)
    const deck = page.getByRole('region', { name: 'Test yourself: images and containers' })
    const counter = deck.getByTestId('flip-deck-counter')
    await expect(counter).toHaveText('Start flipping cards to track your progress')
    await expect(counter).toHaveAttribute('aria-live', 'polite')
    await expectAccessible(page)

    const first = deck.getByRole('listitem', { name: 'Card 1 of 4' })
    await expect(first.getByTestId('card-back')).toBeHidden()
    // A click anywhere on the card turns it, not only on the button.
    const front = await first
      .getByText('What is the difference between an image and a container?')
      .boundingBox()
    await page.mouse.click(front!.x + 20, front!.y + front!.height / 2)
    await expect(first.getByTestId('card-back')).toBeVisible()
    await expect(first.getByTestId('card-back')).toContainText('An image is a read-only stack')
    await expect(first.locator('[aria-live="polite"]')).toHaveText(
      /^Answer: An image is a read-only stack/,
    )
    await expect(first.getByRole('button', { name: 'Show question' })).toBeVisible()
    await expect(counter).toHaveText('1 of 4 flipped · 0 known')
    await first.getByRole('button', { name: 'Got it' }).click()
    await expect(first.getByRole('button', { name: 'Got it' })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
    await expect(counter).toHaveText('1 of 4 flipped · 1 known')

    const second = deck.getByRole('listitem', { name: 'Card 2 of 4' })
    await second.getByRole('button', { name: 'Show answer' }).click()
    await second.getByRole('button', { name: 'Again' }).click()
    await expect(counter).toHaveText('2 of 4 flipped · 1 known')
    await expect(deck.getByRole('progressbar', { name: 'Cards flipped' })).toHaveAttribute(
      'aria-valuenow',
      '2',
    )
    await expectAccessible(page)

    await page.reload()
    await expect(counter).toHaveText('2 of 4 flipped · 1 known')
    // A returning learner sees the questions again, with their ratings.
    await expect(first.getByRole('button', { name: 'Show answer' })).toBeVisible()
    await expect(first.getByText('Known')).toBeVisible()
    await expect(second.getByText('To practise again')).toBeVisible()
  })

  test('works by keyboard alone and announces the answer', async ({ page }) => {
    // In the dark theme, so axe checks the colours of every state there too.
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.goto(lesson)
    const deck = page.getByRole('region', { name: 'Test yourself: images and containers' })
    const third = deck.getByRole('listitem', { name: 'Card 3 of 4' })
    const flip = third.getByRole('button', { name: 'Show answer' })
    await flip.focus()
    await page.keyboard.press('Enter')
    await expect(third.getByRole('button', { name: 'Show question' })).toBeFocused()
    await expect(third.locator('[aria-live="polite"]')).toHaveText(/^Answer: Gone\./)

    await page.keyboard.press('Tab')
    await expect(third.getByRole('button', { name: 'Got it' })).toBeFocused()
    await page.keyboard.press('Space')
    await expect(deck.getByTestId('flip-deck-counter')).toHaveText('1 of 4 flipped · 1 known')
    await expectAccessible(page)

    await third.getByRole('button', { name: 'Show question' }).focus()
    await page.keyboard.press('Space')
    await expect(third.getByRole('button', { name: 'Show answer' })).toBeFocused()
    await expect(third.getByTestId('card-back')).toBeHidden()
  })

  test('lays the cards out in one column on a phone @phone', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 })
    await page.goto(lesson)
    const deck = page.getByRole('region', { name: 'Test yourself: images and containers' })
    const cards = deck.getByRole('listitem')
    const first = await cards.nth(0).boundingBox()
    const second = await cards.nth(1).boundingBox()
    expect(second!.y).toBeGreaterThan(first!.y + first!.height - 1)
    expect(first!.x + first!.width).toBeLessThanOrEqual(360)
    await cards.nth(0).getByRole('button', { name: 'Show answer' }).tap()
    await expect(deck.getByTestId('flip-deck-counter')).toHaveText('1 of 4 flipped · 0 known')
    await expectAccessible(page)
  })
})
