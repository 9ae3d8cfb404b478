import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Link, Nodes, Root, Table, TableRow } from 'mdast'
import { toString } from 'mdast-util-to-string'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'

/**
 * content/docker-fundamentals/README.md maps every section of the five source
 * documents the course was written from to the lessons that teach them. These
 * tests keep the map honest as lessons are added, renamed or removed: every
 * link must point at a lesson in course.json, every lesson must be reached by
 * the map, and no row may be left without a lesson.
 */

const rootDir = path.resolve(import.meta.dirname, '../..')
const courseDir = path.join(rootDir, 'content/docker-fundamentals')
const readmePath = path.join(courseDir, 'README.md')

const SOURCES = ['000', '001', '002', '003', '004']
const CORRECTIONS_HEADING = 'Corrected or updated from the sources'

interface Row {
  /** Heading of the section the table is in, e.g. "001: …". */
  section: string
  /** The row's first cell, to name it in failures. */
  label: string
  /** README line of the row. */
  line: number
  /** Slugs of the lessons the row links to. */
  slugs: string[]
  links: Link[]
}

function lessonsInCourse(): string[] {
  const course = JSON.parse(readFileSync(path.join(courseDir, 'course.json'), 'utf8')) as {
    modules: { lessons: string[] }[]
  }
  return course.modules.flatMap((module) => module.lessons)
}

function linksIn(node: Nodes): Link[] {
  if (node.type === 'link') return [node]
  return 'children' in node ? node.children.flatMap((child) => linksIn(child as Nodes)) : []
}

/** The lesson slug a link points at: `./slug.mdx` gives `slug`, anything else undefined. */
function slugOf(link: Link): string | undefined {
  return /^\.\/([a-z0-9-]+)\.mdx$/.exec(link.url)?.[1]
}

/** Every body row of every table, with the level-2 heading it sits under. */
function readRows(): Row[] {
  const tree = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .parse(readFileSync(readmePath, 'utf8')) as Root
  const rows: Row[] = []
  let section = ''
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth === 2) section = toString(node)
    if (node.type !== 'table') continue
    const [, ...body] = (node as Table).children
    for (const row of body as TableRow[]) {
      const links = linksIn(row)
      rows.push({
        section,
        label: toString(row.children[0] ?? row).slice(0, 80),
        line: row.position?.start.line ?? 0,
        links,
        slugs: links.map(slugOf).filter((slug): slug is string => slug !== undefined),
      })
    }
  }
  return rows
}

const rows = readRows()
const lessons = lessonsInCourse()
const isSeedSection = (section: string) =>
  SOURCES.some((source) => section.startsWith(`${source}:`))
const name = (row: Row) => `line ${row.line}: ${row.label}`

describe('the Docker Fundamentals seed map', () => {
  it('has a section with a table for each source document and for the corrections', () => {
    for (const source of SOURCES) {
      expect(
        rows.some((row) => row.section.startsWith(`${source}:`)),
        `no table under a "## ${source}: …" heading`,
      ).toBe(true)
    }
    expect(rows.some((row) => row.section === CORRECTIONS_HEADING)).toBe(true)
  })

  it('links only to lessons listed in course.json, as [slug](./slug.mdx)', () => {
    const bad = rows.flatMap((row) =>
      row.links
        .filter((link) => {
          const slug = slugOf(link)
          return slug === undefined || !lessons.includes(slug) || toString(link) !== slug
        })
        .map((link) => `${name(row)} → [${toString(link)}](${link.url})`),
    )
    expect(bad).toEqual([])
  })

  it('gives every row at least one lesson', () => {
    expect(rows.filter((row) => row.slugs.length === 0).map(name)).toEqual([])
  })

  it('reaches every lesson in course.json from the map of the sources', () => {
    const mapped = new Set(
      rows.filter((row) => isSeedSection(row.section)).flatMap((row) => row.slugs),
    )
    expect(lessons.filter((slug) => !mapped.has(slug))).toEqual([])
  })
})
