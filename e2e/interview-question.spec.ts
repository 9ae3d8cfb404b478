import { expect, expectAccessible, test } from './fixtures'

const lesson = '/courses/lesson-tour/every-component'
const question =
  'What is the difference between a Docker image and a container, and why does it matter in production?'

test.describe('an interview question', () => {
  test('drafts privately, reveals the senior angle, ticks key points and self-rates, all kept after a reload', async ({
    page,
  }) => {
    const sent: string[] = []
    page.on('request', (request) => {
      const body = request.postData()
      if (body) sent.push(body)
    })
    await page.goto(lesson)
    const card = page.getByRole('region', { name: question })
    const draft = card.getByRole('textbox', { name: 'Your answer, before you look' })
    await expect(
      card.getByText('Only you can see this draft; it stays in this browser'),
    ).toBeVisible()
    await draft.fill('An image is the template; a container is a running copy of it.')

    const reveal = card.getByRole('button', { name: 'Reveal the senior angle' })
    await expect(reveal).toHaveAttribute('aria-expanded', 'false')
    await expect(card.getByText('Treat the image as the thing you build once')).toBeHidden()
    await expectAccessible(page)

    await reveal.click()
    const hide = card.getByRole('button', { name: 'Hide the senior angle' })
    await expect(hide).toHaveAttribute('aria-expanded', 'true')
    await expect(card.getByText('Treat the image as the thing you build once')).toBeVisible()

    const points = card.getByRole('group', {
      name: 'Key points: tick the ones your answer covered',
    })
    await expect(points.getByRole('checkbox')).toHaveCount(5)
    await points.getByRole('checkbox', { name: /An image is read-only layers/ }).check()
    await points.getByRole('checkbox', { name: /A container is a process/ }).check()
    await expect(points.getByText('2 of 5 covered')).toBeVisible()

    await card.getByRole('button', { name: 'Partly' }).click()
    await expect(card.getByRole('button', { name: 'Partly' })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
    await expect(card.getByText('Rating saved: Partly.')).toBeVisible()
    await expectAccessible(page)

    await page.reload()
    await expect(draft).toHaveValue(
      'An image is the template; a container is a running copy of it.',
    )
    await expect(card.getByRole('button', { name: 'Hide the senior angle' })).toHaveAttribute(
      'aria-expanded',
      'true',
    )
    await expect(points.getByRole('checkbox', { checked: true })).toHaveCount(2)
    await expect(card.getByRole('button', { name: 'Partly' })).toHaveAttribute(
      'aria-pressed',
      'true',
    )

    const stored = await page.evaluate(() => ({
      draft: localStorage.getItem('drydock:draft:tour-interview-image-vs-container'),
      progress: localStorage.getItem('drydock:progress:v1') ?? '',
    }))
    expect(stored.draft).toBe('An image is the template; a container is a running copy of it.')
    // The draft is private: it is in no saved event and no request.
    expect(stored.progress).not.toContain('running copy')
    expect(sent.join('\n')).not.toContain('running copy')
    const items = JSON.parse(stored.progress).items
    expect(items['lesson-tour/tour-interview-image-vs-container']).toMatchObject({
      completed: true,
      lastCorrect: false,
    })
  })

  test('can be worked through by keyboard alone', async ({ page }) => {
    // In the dark theme, so axe checks the colours of every state there too.
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.goto(lesson)
    const card = page.getByRole('region', { name: question })
    await card.getByRole('textbox', { name: 'Your answer, before you look' }).focus()
    await page.keyboard.type('Images are built once; containers are replaced.')
    await page.keyboard.press('Tab')
    await expect(card.getByRole('button', { name: 'Reveal the senior angle' })).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(card.getByRole('button', { name: 'Hide the senior angle' })).toBeFocused()

    await page.keyboard.press('Tab')
    await expect(card.getByRole('checkbox').first()).toBeFocused()
    await page.keyboard.press('Space')
    await expect(card.getByText('1 of 5 covered')).toBeVisible()
    for (let index = 0; index < 5; index += 1) await page.keyboard.press('Tab')
    await expect(card.getByRole('button', { name: 'Nailed it' })).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(card.getByRole('button', { name: 'Nailed it' })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
    await expect(card.getByText('Rating saved: Nailed it.')).toBeVisible()

    // Hiding the answer again is possible, and the button says so.
    await card.getByRole('button', { name: 'Hide the senior angle' }).focus()
    await page.keyboard.press('Enter')
    await expect(card.getByRole('button', { name: 'Reveal the senior angle' })).toHaveAttribute(
      'aria-expanded',
      'false',
    )
    await expect(card.getByText('Treat the image as the thing you build once')).toBeHidden()
    await expectAccessible(page)
  })
})
