import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildManifest } from '@/tests/setup/fixtures'
import { useTestDatabase, type TestDatabase } from '@/tests/setup/test-db'
import type { ContentManifest } from '@/lib/content/types'
import { CatalogueError, syncCatalogue } from './catalogue'

let db: TestDatabase

beforeAll(async () => {
  db = await useTestDatabase()
})
afterAll(() => db.drop())

beforeEach(async () => {
  await db.pool.query(
    'TRUNCATE courses, course_modules, lessons, items, progress_events, item_states, lesson_progress, users CASCADE',
  )
})

const zero = { created: 0, updated: 0, retired: 0 }

async function itemRows() {
  const { rows } = await db.pool.query<{ id: string; lesson_id: string; retired: boolean }>(
    'SELECT id, lesson_id, retired_at IS NOT NULL AS retired FROM items ORDER BY id',
  )
  return rows
}

function edit(change: (manifest: ContentManifest) => void): ContentManifest {
  const manifest = buildManifest()
  change(manifest)
  return manifest
}

describe('syncCatalogue', () => {
  it('creates the catalogue, and a second sync of the same content changes nothing', async () => {
    expect(await syncCatalogue(buildManifest())).toEqual({
      courses: { created: 1, updated: 0, retired: 0 },
      modules: { created: 2, updated: 0, retired: 0 },
      lessons: { created: 3, updated: 0, retired: 0 },
      items: { created: 5, updated: 0, retired: 0 },
    })
    const before = await db.pool.query('SELECT id, updated_at FROM lessons ORDER BY id')

    expect(await syncCatalogue(buildManifest())).toEqual({
      courses: zero,
      modules: zero,
      lessons: zero,
      items: zero,
    })
    const after = await db.pool.query('SELECT id, updated_at FROM lessons ORDER BY id')
    expect(after.rows).toEqual(before.rows)

    const lessons = await db.pool.query(
      'SELECT id, module_id, slug, position FROM lessons ORDER BY position',
    )
    expect(lessons.rows).toEqual([
      {
        id: 'docker/why-containers',
        module_id: 'docker/basics',
        slug: 'why-containers',
        position: 0,
      },
      { id: 'docker/images', module_id: 'docker/basics', slug: 'images', position: 1 },
      {
        id: 'docker/compose-intro',
        module_id: 'docker/compose',
        slug: 'compose-intro',
        position: 2,
      },
    ])
  })

  it('updates only what changed, including an item that moved to another lesson', async () => {
    await syncCatalogue(buildManifest())
    const changed = edit((manifest) => {
      const [basics] = manifest.courses[0]!.modules
      const [first, second] = basics!.lessons
      first!.title = 'Why containers at all'
      // The quiz moves from the first lesson to the second, keeping its id.
      second!.items.push({ ...first!.items.pop()!, position: 2 })
    })

    const result = await syncCatalogue(changed)
    expect(result.lessons).toEqual({ created: 0, updated: 1, retired: 0 })
    expect(result.items).toEqual({ created: 0, updated: 1, retired: 0 })
    expect((await itemRows()).find((i) => i.id === 'docker/why-quiz-1')).toEqual({
      id: 'docker/why-quiz-1',
      lesson_id: 'docker/images',
      retired: false,
    })
  })

  it('retires items and lessons that left the content, keeps their history, and revives them when they return', async () => {
    await syncCatalogue(buildManifest())
    await db.pool.query(
      `INSERT INTO users (id, email, updated_at) VALUES ('u1', 'u1@example.com', now())`,
    )
    await db.pool.query(
      `INSERT INTO progress_events (user_id, client_event_id, course_slug, lesson_slug, item_id, type, payload, occurred_at)
       VALUES ('u1', '6f1d1c1e-0000-4000-8000-000000000001', 'docker', 'compose-intro', 'docker/compose-card', 'card.flipped', '{}', now())`,
    )

    const withoutCompose = edit((manifest) => {
      manifest.courses[0]!.modules.pop()
    })
    const result = await syncCatalogue(withoutCompose)
    expect(result).toEqual({
      courses: zero,
      modules: { created: 0, updated: 0, retired: 1 },
      lessons: { created: 0, updated: 0, retired: 1 },
      items: { created: 0, updated: 0, retired: 1 },
    })
    expect((await itemRows()).filter((i) => i.retired).map((i) => i.id)).toEqual([
      'docker/compose-card',
    ])
    const events = await db.pool.query('SELECT item_id FROM progress_events')
    expect(events.rows).toEqual([{ item_id: 'docker/compose-card' }])

    expect(await syncCatalogue(withoutCompose)).toEqual({
      courses: zero,
      modules: zero,
      lessons: zero,
      items: zero,
    })

    const revived = await syncCatalogue(buildManifest())
    expect(revived.items).toEqual({ created: 0, updated: 1, retired: 0 })
    expect((await itemRows()).every((i) => !i.retired)).toBe(true)
  })

  it('refuses a manifest with two items of the same id in a course', async () => {
    const broken = edit((manifest) => {
      const lessons = manifest.courses[0]!.modules[0]!.lessons
      lessons[1]!.items.push({ ...lessons[0]!.items[0]! })
    })
    await expect(syncCatalogue(broken)).rejects.toBeInstanceOf(CatalogueError)
    expect(await itemRows()).toEqual([])
  })
})
