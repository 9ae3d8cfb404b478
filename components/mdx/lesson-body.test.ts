import path from 'node:path'
import { createElement } from 'react'
import { prerender } from 'react-dom/static'
import { beforeAll, describe, expect, it } from 'vitest'
import { LessonProgressProvider } from '@/components/progress/lesson-progress'
import { compileContent } from '@/lib/content/build'
import type { CompiledLesson } from '@/lib/content/types'
import { LessonBody } from './lesson-body'

const rootDir = path.resolve(import.meta.dirname, '../..')
let lessons: CompiledLesson[]

beforeAll(async () => {
  ;({ lessons } = await compileContent({ contentDir: path.join(rootDir, 'content'), rootDir }))
}, 60_000)

/**
 * As the lesson page is prerendered: interactive pieces need to know which lesson
 * their progress belongs to, and the lazily loaded widgets (components/drills/islands.tsx)
 * are waited for, as `next build` does, so their full HTML is in the page.
 */
async function render(lesson: CompiledLesson | undefined): Promise<string> {
  const { prelude } = await prerender(
    createElement(LessonProgressProvider, {
      courseSlug: 'docker-fundamentals',
      lessonSlug: lesson?.slug ?? '',
      children: createElement(LessonBody, { code: lesson?.code ?? '' }),
    }),
  )
  // Hydratable HTML separates adjacent text with empty comments; the text is what is asserted here.
  return (await new Response(prelude).text()).replaceAll('<!-- -->', '')
}

describe('LessonBody with the shipped lessons', () => {
  // Renders the whole course: seconds on a busy machine.
  it('renders every lesson inside a reading-width prose column', async () => {
    expect(lessons.length).toBeGreaterThan(0)
    for (const lesson of lessons) {
      const html = await render(lesson)
      expect(html).toMatch(/^<div class="prose [^"]*max-w-\[70ch\][^"]*dark:prose-invert/)
      expect(html).toContain('<h2')
    }
  }, 60_000)

  it('gives each callout a visible label that is also its accessible name', async () => {
    const html = await render(lessons.find((lesson) => lesson.slug === 'images-and-containers'))
    const asides = [...html.matchAll(/<aside aria-labelledby="([^"]+)"[^>]*>(.*?)<\/aside>/gs)]
    expect(asides.length).toBeGreaterThan(0)
    for (const [, labelId, inner] of asides) {
      expect(inner).toContain(`id="${labelId}"`)
    }
    expect(html).toContain('Theory principle')
    expect(html).toContain('In production')
  })

  it('renders flow diagrams as a captioned ordered list with arrows hidden from assistive technology', async () => {
    const html = await render(lessons.find((lesson) => lesson.slug === 'images-and-containers'))
    const figure = /<figure class="not-prose[^"]*">(.*?)<\/figure>/s.exec(html)?.[1] ?? ''
    expect(figure).toContain('<figcaption')
    expect(figure).toContain('From Dockerfile to removed container')
    expect(figure).toMatch(/<ol role="list"/)
    const steps = figure.match(/<li/g)?.length ?? 0
    expect(steps).toBeGreaterThanOrEqual(2)
    // One arrow between each pair of steps, each hidden.
    expect(figure.match(/<span aria-hidden="true"/g)).toHaveLength(steps - 1)
  })

  it('renders a checklist as a titled list of unticked steps, keeping commands as code', async () => {
    const html = await render(lessons.find((lesson) => lesson.slug === 'images-and-containers'))
    const section = /<section aria-labelledby="[^"]+" data-item-id="image-lifecycle-walkthrough"[^>]*>(.*?)<\/section>/s.exec(html)?.[1] ?? ''
    expect(section).toContain('Walk a container through its lifecycle')
    const steps = section.match(/<li[ >]/g)?.length ?? 0
    expect(steps).toBeGreaterThan(3)
    // Each step is a real checkbox with its own label; the static HTML shows none ticked yet.
    expect(section.match(/<input [^>]*type="checkbox"/g)).toHaveLength(steps)
    expect(section).not.toMatch(/<input [^>]*checked/)
    expect(section).toContain(`0 of ${steps} done`)
    expect(section).toContain('<code')
  })
})
