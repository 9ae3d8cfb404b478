import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ContentManifest, LessonEntry } from './types'

// server-only throws outside a React Server Components bundle; the store's logic is plain Node.
vi.mock('server-only', () => ({}))
const { getCompiledLesson, getCourse, getLessonContext, getManifest, listLessons } = await import('./store')

let root: string

function lessonEntry(slug: string, moduleSlug: string, position: number): LessonEntry {
  return {
    slug,
    courseSlug: 'demo',
    moduleSlug,
    title: slug,
    summary: '',
    minutes: 5,
    objectives: ['x'],
    position,
    items: [],
    contentHash: '0000000000000000',
  }
}

const manifest: ContentManifest = {
  version: 1,
  courses: [
    {
      slug: 'demo',
      title: 'Demo',
      summary: '',
      contentHash: '0000000000000000',
      modules: [
        { slug: 'one', title: 'One', lessons: [lessonEntry('a', 'one', 0), lessonEntry('b', 'one', 1)] },
        { slug: 'two', title: 'Two', lessons: [lessonEntry('c', 'two', 2)] },
      ],
    },
  ],
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'drydock-store-'))
  vi.spyOn(process, 'cwd').mockReturnValue(root)
})
afterEach(async () => {
  vi.restoreAllMocks()
  await rm(root, { recursive: true, force: true })
})

async function writeContent() {
  await mkdir(path.join(root, '.content', 'demo'), { recursive: true })
  await writeFile(path.join(root, '.content', 'manifest.json'), JSON.stringify(manifest))
  await writeFile(path.join(root, '.content', 'demo', 'b.json'), JSON.stringify({ courseSlug: 'demo', slug: 'b', code: 'return 1' }))
}

describe('content store', () => {
  it('tells the developer to build the content when .content is missing', () => {
    expect(() => getManifest()).toThrow(/npm run content:build/)
  })

  it('finds lessons in course order, with neighbours across module boundaries', async () => {
    await writeContent()
    const course = getCourse('demo')
    expect(course && listLessons(course).map((lesson) => lesson.slug)).toEqual(['a', 'b', 'c'])

    const context = getLessonContext('demo', 'b')
    expect(context?.module.slug).toBe('one')
    expect(context?.prev?.slug).toBe('a')
    expect(context?.next?.slug).toBe('c')
    expect(getLessonContext('demo', 'c')).toMatchObject({ module: { slug: 'two' }, prev: { slug: 'b' }, next: undefined })
    expect(getLessonContext('demo', 'a')?.prev).toBeUndefined()
    expect(getLessonContext('demo', 'nope')).toBeUndefined()
    expect(getCourse('nope')).toBeUndefined()
  })

  it('reads compiled lessons only for slugs the manifest lists', async () => {
    await writeContent()
    await writeFile(path.join(root, '.content', 'secret.json'), JSON.stringify({ code: 'leak' }))

    expect(getCompiledLesson('demo', 'b')?.code).toBe('return 1')
    expect(getCompiledLesson('demo', '../secret')).toBeUndefined()
    expect(getCompiledLesson('..', 'secret')).toBeUndefined()
  })

  it('sees rebuilt content outside production without a restart', async () => {
    await writeContent()
    expect(getCourse('demo')?.title).toBe('Demo')
    await writeFile(path.join(root, '.content', 'manifest.json'), JSON.stringify({ ...manifest, courses: [{ ...manifest.courses[0], title: 'Renamed' }] }))
    expect(getCourse('demo')?.title).toBe('Renamed')
  })
})
