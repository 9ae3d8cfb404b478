import AxeBuilder from '@axe-core/playwright'
import { expect, test as base, type Page } from '@playwright/test'

/** Fails the test with a readable list when axe finds any WCAG A/AA problem on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze()
  const summary = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n    ${violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(' '))
        .join('\n    ')}`,
  )
  expect(summary, `axe found problems on ${page.url()}`).toEqual([])
}

/**
 * Lesson widgets hydrate as they come near the viewport, each when its lazily
 * loaded chunk arrives (components/drills/islands.tsx); until then their HTML is
 * inert. Every navigation in a test therefore scrolls to each widget on the page
 * and waits for it to respond, as a person would, then scrolls back.
 */
export async function waitForWidgets(page: Page) {
  const [x, y] = await page.evaluate(() => [window.scrollX, window.scrollY])
  await page.waitForFunction(
    () => {
      const pending = document.querySelector('[data-island]:not([data-hydrated])')
      const widget = [...(pending?.children ?? [])].find((child) => child.tagName !== 'TEMPLATE')
      widget?.scrollIntoView({ block: 'center' })
      return pending === null
    },
    undefined,
    { timeout: 20_000, polling: 100 },
  )
  await page.evaluate(([left, top]) => window.scrollTo(left, top), [x, y] as const)
}

const patched = new WeakSet<Page>()

/** Makes `goto` and `reload` wait for the page's widgets. */
function waitForWidgetsAfterNavigation(page: Page) {
  if (patched.has(page)) return
  patched.add(page)
  const goto = page.goto.bind(page)
  const reload = page.reload.bind(page)
  page.goto = async (...args) => {
    const response = await goto(...args)
    await waitForWidgets(page)
    return response
  }
  page.reload = async (...args) => {
    const response = await reload(...args)
    await waitForWidgets(page)
    return response
  }
}

/**
 * Every page waits for its widgets after navigating: the test's own `page`, and the pages of the extra browsers a
 * story opens with `browser.newContext()` or `browser.newPage()` (a second student, an instructor).
 */
export const test = base.extend<object, { widgetAwareBrowser: void }>({
  widgetAwareBrowser: [
    async ({ browser }, provide) => {
      const newContext = browser.newContext.bind(browser)
      browser.newContext = async (...args) => {
        const context = await newContext(...args)
        context.on('page', waitForWidgetsAfterNavigation)
        return context
      }
      const newPage = browser.newPage.bind(browser)
      browser.newPage = async (...args) => {
        const page = await newPage(...args)
        waitForWidgetsAfterNavigation(page)
        return page
      }
      await provide()
    },
    { scope: 'worker', auto: true },
  ],
  page: async ({ page }, provide) => {
    waitForWidgetsAfterNavigation(page)
    await provide(page)
  },
})

export { expect }
