import { expect, expectAccessible, test } from './fixtures'

const lesson = '/courses/lesson-tour/every-component'

test.describe('a checklist in a lesson', () => {
  test('ticks steps off by mouse, counts them, and keeps them after a reload', async ({ page }) => {
    await page.goto(lesson)
    const checklist = page.getByRole('region', { name: 'Build and run your first image' })
    const steps = checklist.getByRole('checkbox')
    await expect(steps).toHaveCount(5)
    await expect(checklist.getByText('0 of 5 done')).toBeVisible()
    // Commands inside a step are shown as code.
    await expect(
      checklist.locator('code', { hasText: 'docker build -t hello-web .' }),
    ).toBeVisible()

    await checklist.getByText('Build an image from it with').click()
    await checklist.getByRole('checkbox', { name: /Start a container/ }).check()
    await expect(steps.nth(1)).toBeChecked()
    await expect(steps.nth(2)).toBeChecked()
    await expect(checklist.getByText('2 of 5 done')).toBeVisible()
    await expectAccessible(page)

    await checklist.getByRole('checkbox', { name: /Build an image/ }).uncheck()
    await expect(checklist.getByText('1 of 5 done')).toBeVisible()

    await page.reload()
    await expect(checklist.getByText('1 of 5 done')).toBeVisible()
    await expect(steps.nth(1)).not.toBeChecked()
    await expect(steps.nth(2)).toBeChecked()
  })

  test('can be worked through by keyboard alone, to the end', async ({ page }) => {
    // In the dark theme, so axe checks the colours of every state there too.
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.goto(lesson)
    const checklist = page.getByRole('region', { name: 'Build and run your first image' })
    const steps = checklist.getByRole('checkbox')
    await expect(checklist.getByText('0 of 5 done')).toBeVisible()

    await steps.first().focus()
    for (let index = 0; index < 5; index += 1) {
      await page.keyboard.press('Space')
      if (index < 4) await page.keyboard.press('Tab')
    }
    for (let index = 0; index < 5; index += 1) await expect(steps.nth(index)).toBeChecked()
    await expect(checklist.getByText('5 of 5 done')).toBeVisible()
    await expectAccessible(page)

    await page.reload()
    await expect(checklist.getByText('5 of 5 done')).toBeVisible()
    const saved = await page.evaluate(() =>
      JSON.parse(localStorage.getItem('drydock:progress:v1') ?? '{}'),
    )
    expect(saved.items['lesson-tour/tour-checklist-first-image']).toMatchObject({
      completed: true,
    })
  })
})
