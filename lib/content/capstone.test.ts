import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Nodes, Root } from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkMdx from 'remark-mdx'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import { evaluateLiteralProps } from './literal-props'

/**
 * The capstone lesson quotes the real Dockerfile, docker-compose.yml and
 * .dockerignore. When one of those files changes, every line the lesson
 * quotes must still exist there, in the same order, or this test fails and
 * the lesson gets updated with the file.
 */

const rootDir = path.resolve(import.meta.dirname, '../..')
const lessonPath = 'content/docker-fundamentals/capstone-drydock-image.mdx'

const read = (file: string) => readFileSync(path.join(rootDir, file), 'utf8')

/** Fenced languages and the file a block in that language quotes. */
const QUOTED_BY_LANGUAGE: Record<string, string> = {
  dockerfile: 'Dockerfile',
  docker: 'Dockerfile',
  yaml: 'docker-compose.yml',
  yml: 'docker-compose.yml',
}
/** Blocks in other languages that quote a file name it in their title, e.g. ```text title=".dockerignore". */
const QUOTED_BY_TITLE: Record<string, string> = { '.dockerignore': '.dockerignore' }

interface Quote {
  file: string
  /** Where the quotation starts in the lesson, for the test name. */
  line: number
  what: string
  text: string
}

function quotedLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
}

/** Lines of the quotation that the file does not contain, compared trimmed. */
function missingLines(quote: string, source: string): string[] {
  const lines = new Set(source.split(/\r?\n/).map((line) => line.trim()))
  return quotedLines(quote).filter((line) => !lines.has(line))
}

/** The first quoted line that is in the file, but not after the line quoted before it. */
function firstOutOfOrder(quote: string, source: string): string | undefined {
  const lines = source.split(/\r?\n/).map((line) => line.trim())
  let from = 0
  for (const line of quotedLines(quote)) {
    const at = lines.indexOf(line, from)
    if (at === -1) return line
    from = at + 1
  }
  return undefined
}

function findQuotes(mdx: string): Quote[] {
  const tree = unified().use(remarkParse).use(remarkFrontmatter).use(remarkMdx).parse(mdx) as Root
  const quotes: Quote[] = []
  const visit = (node: Nodes) => {
    const line = node.position?.start.line ?? 0
    if (node.type === 'code') {
      const title = /title="([^"]*)"/.exec(node.meta ?? '')?.[1]
      const file =
        QUOTED_BY_LANGUAGE[node.lang ?? ''] ?? (title ? QUOTED_BY_TITLE[title] : undefined)
      if (file) quotes.push({ file, line, what: `${node.lang} block`, text: node.value })
    }
    if (node.type === 'mdxJsxFlowElement' && node.name === 'LayerCacheSimulator') {
      const result = evaluateLiteralProps(node)
      if (!result.ok)
        throw new Error(`line ${line}: the LayerCacheSimulator's props are not literal`)
      const props = result.props as { dockerfile?: string; dockerignore?: string[] }
      if (props.dockerfile) {
        quotes.push({
          file: 'Dockerfile',
          line,
          what: 'LayerCacheSimulator dockerfile',
          text: props.dockerfile,
        })
      }
      if (props.dockerignore) {
        quotes.push({
          file: '.dockerignore',
          line,
          what: 'LayerCacheSimulator dockerignore',
          text: props.dockerignore.join('\n'),
        })
      }
    }
    if ('children' in node) for (const child of node.children) visit(child)
  }
  visit(tree)
  return quotes
}

const quotes = findQuotes(read(lessonPath))

describe(`the files quoted in ${lessonPath}`, () => {
  it('quotes the Dockerfile and the compose file', () => {
    const files = new Set(quotes.map((quote) => quote.file))
    expect(files).toContain('Dockerfile')
    expect(files).toContain('docker-compose.yml')
  })

  it.each(
    quotes.map((quote) => [`${quote.what} at line ${quote.line} (${quote.file})`, quote] as const),
  )('%s quotes only lines the file still has, in its order', (_name, quote) => {
    const source = read(quote.file)
    expect(
      missingLines(quote.text, source),
      `lines quoted from ${quote.file} that it no longer contains`,
    ).toEqual([])
    expect(
      firstOutOfOrder(quote.text, source),
      `the first line quoted out of ${quote.file}'s order`,
    ).toBeUndefined()
  })
})

describe('the quotation check', () => {
  const dockerfile = read('Dockerfile')
  const firstQuote = quotes.find((quote) => quote.file === 'Dockerfile')

  it('reports a quoted line that was changed', () => {
    expect(firstQuote).toBeDefined()
    const lines = firstQuote!.text.split('\n')
    const index = lines.findIndex((line) => line.trim() !== '')
    const changed = `${lines[index]!.trim()} # edited`
    lines[index] = changed
    expect(missingLines(lines.join('\n'), dockerfile)).toEqual([changed])
  })

  it('ignores indentation and blank lines but not order', () => {
    expect(missingLines('\n    WORKDIR /app\n\nUSER node  \n', dockerfile)).toEqual([])
    expect(firstOutOfOrder('USER node\nEXPOSE 3000', dockerfile)).toBeUndefined()
    expect(firstOutOfOrder('EXPOSE 3000\nUSER node', dockerfile)).toBe('USER node')
  })
})
