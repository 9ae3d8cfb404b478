import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Element, Nodes, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import { createElement } from 'react'
import { prerender } from 'react-dom/static'
import { describe, expect, it } from 'vitest'
import { LessonProgressProvider } from '@/components/progress/lesson-progress'
import { compileLessonMdx } from '@/lib/content/compile-lesson'
import { LessonBody } from './lesson-body'

const courseDir = path.resolve(import.meta.dirname, '../../content/docker-fundamentals')

async function render(code: string): Promise<string> {
  const { prelude } = await prerender(
    createElement(LessonProgressProvider, {
      courseSlug: 'docker-fundamentals',
      lessonSlug: 'a-lesson',
      children: createElement(LessonBody, { code }),
    }),
  )
  return new Response(prelude).text()
}

/** A lesson of these Markdown lines, compiled and rendered. */
async function renderMarkdown(lines: string[]): Promise<string> {
  return render(await compileLessonMdx(lines.join('\n')))
}

/** The document a browser builds from the HTML, written out without what differs only in spelling. */
function normalised(html: string): string {
  const tree = fromHtml(html, { fragment: true })
  const tidy = (node: Nodes) => {
    if (!('children' in node)) return
    // Comments (React's text separators) and empty text runs do not reach the reader.
    node.children = node.children.filter((child) => child.type !== 'comment' && !(child.type === 'text' && child.value === ''))
    for (const child of node.children) {
      if (child.type === 'element') tidyStyle(child)
      tidy(child)
    }
  }
  tidy(tree)
  return toHtml(tree)
}

function tidyStyle(element: Element) {
  const style = element.properties.style
  if (typeof style !== 'string') return
  element.properties.style = style
    .split(';')
    .map((rule) => rule.replace(/\s+/g, ''))
    .filter(Boolean)
    .join(';')
}

/** A block's inside as the page sends it, when the block is of this tag and holds this text. */
function blockHtml(html: string, tag: string, text: string): string | undefined {
  const tree: Root = fromHtml(html, { fragment: true })
  let found: string | undefined
  const walk = (node: Nodes) => {
    if (found !== undefined || !('children' in node)) return
    if (node.type === 'element' && node.tagName === tag && toHtml(node.children).includes(text)) {
      found = toHtml(node.children)
      return
    }
    for (const child of node.children) walk(child)
  }
  walk(tree)
  return found
}

describe('lesson prose compiled to HTML', () => {
  it('renders every shipped lesson to the same document as rendering the prose as React elements', async () => {
    const files = (await readdir(courseDir)).filter((file) => file.endsWith('.mdx'))
    expect(files.length).toBeGreaterThan(10)
    for (const file of files) {
      const source = await readFile(path.join(courseDir, file), 'utf8')
      const [asHtml, asElements] = await Promise.all([
        compileLessonMdx(source),
        compileLessonMdx(source, { staticBlocks: false }),
      ])
      // The point of it: far less for the browser to hydrate.
      expect(asHtml.length, file).toBeLessThan(asElements.length)
      expect(normalised(await render(asHtml)), file).toBe(normalised(await render(asElements)))
    }
  }, 120_000)

  it('keeps markup in code as text, and emphasis, links and inline code as elements', async () => {
    const html = await renderMarkdown([
      'Run `docker run --rm <image>` and **never** trust [an \\<em> tag](https://example.com/?a=1&b=2) in text.',
      '',
      '```bash',
      'echo "<script>alert(1)</script>" > /dev/null',
      '```',
    ])
    const paragraph = blockHtml(html, 'p', 'never')
    expect(paragraph).toContain('<code>docker run --rm &#x3C;image></code>')
    expect(paragraph).toContain('<strong>never</strong>')
    expect(paragraph).toMatch(/<a href="https:\/\/example\.com\/\?a=1&#x26;b=2">an &#x3C;em> tag<\/a>/)
    expect(html).not.toContain('<script>alert(1)')
    expect(html).toContain('alert(1)')
  })

  it('leaves components interactive and compiles the prose inside them', async () => {
    const html = await renderMarkdown([
      '<Callout kind="production" title="Pin it">',
      '',
      'Pin the **digest**, not the tag.',
      '',
      '</Callout>',
      '',
      '| Flag | Meaning |',
      '| :--- | ---: |',
      '| `-d` | detached |',
    ])
    // The callout is still the component, labelled as before, with its paragraph inside.
    expect(html).toMatch(/<aside aria-labelledby="[^"]+"[^>]*>.*In production.*Pin it.*<p>Pin the <strong>digest<\/strong>, not the tag\.<\/p>/s)
    // Column alignment reads as it did when the table was React elements.
    expect(blockHtml(html, 'table', 'detached')).toMatch(/<td style="text-align:right">detached<\/td>/)
  })
})
