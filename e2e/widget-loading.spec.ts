// The plain runner, not ./fixtures: those scroll to every widget after each navigation, which is what this checks.
import { expect, test, type Page } from '@playwright/test'

const LESSON = '/courses/docker-fundamentals/capstone-drydock-image'

function island(page: Page, name: string) {
  return page.locator(`[data-island="${name}"]`).first()
}

test.describe('widgets on a long lesson', () => {
  test.use({ viewport: { width: 390, height: 844 } })

  test('load as the reader reaches them, by scrolling or by keyboard, and work once there', async ({ page }) => {
    const widgetChunks: string[] = []
    page.on('request', (request) => {
      if (/\/_next\/static\/chunks\/.+\.js$/.test(request.url())) widgetChunks.push(request.url())
    })
    await page.goto(LESSON)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    // The page has settled: loaded, its own scripts running (the theme toggle answers), and a moment for anything eager.
    await page.waitForLoadState('load')
    await expect(page.getByRole('button', { name: /theme/i })).toBeEnabled()
    await page.waitForTimeout(1_500)
    const chunksAtRest = widgetChunks.length

    // Several screens down, the simulator is still the server's HTML: shown, readable, not yet loaded.
    const simulator = island(page, 'LayerCacheSimulator')
    await expect(simulator).not.toHaveAttribute('data-hydrated')
    await expect(simulator.getByText("Drydock's Dockerfile: predict, then build")).toHaveCount(1)

    // Scrolling towards it loads it, and it responds.
    await simulator.locator('> :not(template)').first().scrollIntoViewIfNeeded()
    await expect(simulator).toHaveAttribute('data-hydrated', '')
    expect(widgetChunks.length).toBeGreaterThan(chunksAtRest)

    // A keyboard user tabbing into a widget that has not loaded yet gets a live widget too.
    await page.evaluate(() => window.scrollTo(0, 0))
    const checklist = island(page, 'Checklist')
    await expect(checklist).not.toHaveAttribute('data-hydrated')
    await checklist.getByRole('checkbox').first().focus()
    await expect(checklist).toHaveAttribute('data-hydrated', '')
    await page.keyboard.press('Space')
    await expect(checklist.getByRole('checkbox').first()).toBeChecked()
    await expect(checklist.getByText(/^1 of \d+ done/)).toBeVisible()
  })

  test('come up at once on a lesson opened by a link within the site', async ({ page }) => {
    await page.goto('/courses/docker-fundamentals/the-setup-problem')
    await expect(page.getByRole('button', { name: /theme/i })).toBeEnabled()
    await page.locator('a[rel="next"]').click()
    await expect(page).toHaveURL(/beyond-virtual-environments$/)
    // No server HTML here to keep on screen: each widget renders in the browser, so each must appear and respond.
    const islands = page.locator('[data-island]')
    expect(await islands.count()).toBeGreaterThan(0)
    for (const widget of await islands.all()) await expect(widget).toHaveAttribute('data-hydrated', '')
    const checklist = island(page, 'Checklist')
    await checklist.getByRole('checkbox').first().check()
    await expect(checklist.getByText(/^1 of \d+ done/)).toBeVisible()
  })
})
