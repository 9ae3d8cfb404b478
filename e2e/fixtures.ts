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
 * Lesson widgets hydrate after the page's load event, each when its lazily loaded
 * chunk arrives (components/drills/islands.tsx); until then their HTML is inert.
 * Every navigation in a test therefore waits for the widgets on the page, as a
 * person would wait to see them respond.
 */
export async function waitForWidgets(page: Page) {
  await page.waitForFunction(() => document.querySelectorAll('[data-island]:not([data-hydrated])').length === 0, undefined, {
    timeout: 20_000,
  })
}

export const test = base.extend({
  page: async ({ page }, provide) => {
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
    await provide(page)
  },
})

export { expect }
