import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { ContentManifest } from '@/lib/content/types'
import { expect, expectAccessible, test } from './fixtures'

/**
 * A student opens every lesson of every course: each renders its title and body,
 * hydrates without errors, and passes axe. New lessons are covered without
 * touching this file.
 */
const manifest = JSON.parse(readFileSync(path.join(process.cwd(), '.content', 'manifest.json'), 'utf8')) as ContentManifest

for (const course of manifest.courses) {
  for (const courseModule of course.modules) {
    for (const lesson of courseModule.lessons) {
      test(`${course.title} › ${lesson.title} opens cleanly`, async ({ page }) => {
        // A full lesson holds a dozen widgets; axe on all of it takes a while on a busy machine.
        test.setTimeout(120_000)
        const problems: string[] = []
        page.on('pageerror', (error) => problems.push(error.message))
        page.on('console', (message) => {
          // A visitor's progress request answers 401 by design; the browser logs that as a failed load.
          if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
            problems.push(message.text())
          }
        })
        const response = await page.goto(`/courses/${course.slug}/${lesson.slug}`)
        expect(response?.status()).toBe(200)
        await expect(page.getByRole('heading', { level: 1, name: lesson.title })).toBeVisible()
        await expect(page.getByText(`${lesson.minutes} min`, { exact: true })).toBeVisible()
        await expect(page.getByTestId('sync-status')).toHaveText(/Saved/)
        // Every exercise the lesson declares is on the page: quiz questions inside their quiz,
        // flip cards inside a deck, everything else under its own id.
        const widgets = new Set(
          lesson.items.filter((item) => item.kind !== 'flip-card').map((item) => (item.kind === 'quiz-question' ? item.id.split('.')[0] : item.id)),
        )
        for (const id of widgets) await expect(page.locator(`[data-item-id="${id}"]`), `exercise ${id}`).toHaveCount(1)
        const decks = lesson.items.some((item) => item.kind === 'flip-card') ? 1 : 0
        expect(await page.locator('[data-item-id]').count()).toBeGreaterThanOrEqual(widgets.size + decks)
        await expectAccessible(page)
        expect(problems).toEqual([])
      })
    }
  }
}
