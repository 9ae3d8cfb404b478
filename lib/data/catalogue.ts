import type { ContentManifest } from '@/lib/content/types'
import { getDb } from '@/lib/db'
import { catalogueId } from './catalogue-id'

/**
 * Mirrors the compiled content manifest into the catalogue tables, so progress
 * rows can point at real lessons and items and instructors' reports can join
 * on them. Content is the source of truth; this only follows it.
 */

export interface SyncCounts {
  created: number
  updated: number
  retired: number
}

export interface CatalogueSyncResult {
  courses: SyncCounts
  modules: SyncCounts
  lessons: SyncCounts
  items: SyncCounts
}

/** The manifest cannot be mirrored as it stands (the content check should have caught it). */
export class CatalogueError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CatalogueError'
  }
}

/**
 * Upserts every course, module, lesson and item in the manifest and retires
 * (never deletes) those that are no longer in it, in one transaction of a few
 * set-based statements. Rows whose content did not change are left untouched,
 * so a second run reports zero changes. A retired row that reappears is revived.
 */
export async function syncCatalogue(manifest: ContentManifest): Promise<CatalogueSyncResult> {
  const rows = flattenManifest(manifest)
  const json = {
    courses: JSON.stringify(rows.courses),
    modules: JSON.stringify(rows.modules),
    lessons: JSON.stringify(rows.lessons),
    items: JSON.stringify(rows.items),
  }

  return getDb().$transaction(
    async (tx) => {
      // Replicas starting together would otherwise upsert the same rows in
      // interleaved order and could deadlock; one sync at a time is plenty.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('drydock.sync-catalogue'))`

      // In each upsert, WHERE ... IS DISTINCT FROM skips rows whose content is
      // unchanged, which keeps updated_at meaningful and the sync idempotent;
      // xmax = 0 marks a row this statement inserted rather than updated.
      const [courses] = await tx.$queryRaw<Changed[]>`
        WITH input AS (
          SELECT * FROM jsonb_to_recordset(${json.courses}::jsonb)
            AS x(slug text, title text, summary text, position int, content_hash text)
        ), changed AS (
          INSERT INTO courses AS c (slug, title, summary, position, content_hash, updated_at)
          SELECT slug, title, summary, position, content_hash, now() FROM input ORDER BY slug
          ON CONFLICT (slug) DO UPDATE SET
            title = excluded.title, summary = excluded.summary, position = excluded.position,
            content_hash = excluded.content_hash, retired_at = NULL, updated_at = now()
          WHERE c.retired_at IS NOT NULL
             OR (c.title, c.summary, c.position, c.content_hash)
                IS DISTINCT FROM (excluded.title, excluded.summary, excluded.position, excluded.content_hash)
          RETURNING (xmax = 0) AS created
        )
        SELECT count(*) FILTER (WHERE created)::int AS created, count(*) FILTER (WHERE NOT created)::int AS updated
        FROM changed`

      const [modules] = await tx.$queryRaw<Changed[]>`
        WITH input AS (
          SELECT * FROM jsonb_to_recordset(${json.modules}::jsonb)
            AS x(id text, course_slug text, slug text, title text, position int)
        ), changed AS (
          INSERT INTO course_modules AS m (id, course_slug, slug, title, position, updated_at)
          SELECT id, course_slug, slug, title, position, now() FROM input ORDER BY id
          ON CONFLICT (id) DO UPDATE SET
            title = excluded.title, position = excluded.position, retired_at = NULL, updated_at = now()
          WHERE m.retired_at IS NOT NULL
             OR (m.title, m.position) IS DISTINCT FROM (excluded.title, excluded.position)
          RETURNING (xmax = 0) AS created
        )
        SELECT count(*) FILTER (WHERE created)::int AS created, count(*) FILTER (WHERE NOT created)::int AS updated
        FROM changed`

      const [lessons] = await tx.$queryRaw<Changed[]>`
        WITH input AS (
          SELECT * FROM jsonb_to_recordset(${json.lessons}::jsonb)
            AS x(id text, course_slug text, module_id text, slug text, title text, summary text,
                 minutes int, position int, content_hash text)
        ), changed AS (
          INSERT INTO lessons AS l (id, course_slug, module_id, slug, title, summary, minutes, position, content_hash, updated_at)
          SELECT id, course_slug, module_id, slug, title, summary, minutes, position, content_hash, now()
          FROM input ORDER BY id
          ON CONFLICT (id) DO UPDATE SET
            module_id = excluded.module_id, title = excluded.title, summary = excluded.summary,
            minutes = excluded.minutes, position = excluded.position, content_hash = excluded.content_hash,
            retired_at = NULL, updated_at = now()
          WHERE l.retired_at IS NOT NULL
             OR (l.module_id, l.title, l.summary, l.minutes, l.position, l.content_hash)
                IS DISTINCT FROM (excluded.module_id, excluded.title, excluded.summary, excluded.minutes,
                                  excluded.position, excluded.content_hash)
          RETURNING (xmax = 0) AS created
        )
        SELECT count(*) FILTER (WHERE created)::int AS created, count(*) FILTER (WHERE NOT created)::int AS updated
        FROM changed`

      const [items] = await tx.$queryRaw<Changed[]>`
        WITH input AS (
          SELECT * FROM jsonb_to_recordset(${json.items}::jsonb)
            AS x(id text, lesson_id text, kind text, label text, position int, content_hash text)
        ), changed AS (
          INSERT INTO items AS i (id, lesson_id, kind, label, position, content_hash, updated_at)
          SELECT id, lesson_id, kind, label, position, content_hash, now() FROM input ORDER BY id
          ON CONFLICT (id) DO UPDATE SET
            lesson_id = excluded.lesson_id, kind = excluded.kind, label = excluded.label,
            position = excluded.position, content_hash = excluded.content_hash, retired_at = NULL, updated_at = now()
          WHERE i.retired_at IS NOT NULL
             OR (i.lesson_id, i.kind, i.label, i.position, i.content_hash)
                IS DISTINCT FROM (excluded.lesson_id, excluded.kind, excluded.label, excluded.position, excluded.content_hash)
          RETURNING (xmax = 0) AS created
        )
        SELECT count(*) FILTER (WHERE created)::int AS created, count(*) FILTER (WHERE NOT created)::int AS updated
        FROM changed`

      // Retiring keeps the rows: events, item states and lesson progress
      // point at them, and a student's history should not vanish with an edit.
      const retiredItems = await tx.$executeRaw`
        UPDATE items SET retired_at = now(), updated_at = now()
        WHERE retired_at IS NULL
          AND id NOT IN (SELECT jsonb_array_elements(${json.items}::jsonb) ->> 'id')`
      const retiredLessons = await tx.$executeRaw`
        UPDATE lessons SET retired_at = now(), updated_at = now()
        WHERE retired_at IS NULL
          AND id NOT IN (SELECT jsonb_array_elements(${json.lessons}::jsonb) ->> 'id')`
      const retiredModules = await tx.$executeRaw`
        UPDATE course_modules SET retired_at = now(), updated_at = now()
        WHERE retired_at IS NULL
          AND id NOT IN (SELECT jsonb_array_elements(${json.modules}::jsonb) ->> 'id')`
      const retiredCourses = await tx.$executeRaw`
        UPDATE courses SET retired_at = now(), updated_at = now()
        WHERE retired_at IS NULL
          AND slug NOT IN (SELECT jsonb_array_elements(${json.courses}::jsonb) ->> 'slug')`

      return {
        courses: counts(courses, retiredCourses),
        modules: counts(modules, retiredModules),
        lessons: counts(lessons, retiredLessons),
        items: counts(items, retiredItems),
      }
    },
    { timeout: 60_000 },
  )
}

interface Changed {
  created: number
  updated: number
}

function counts(changed: Changed | undefined, retired: number): SyncCounts {
  return { created: changed?.created ?? 0, updated: changed?.updated ?? 0, retired }
}

function flattenManifest(manifest: ContentManifest) {
  const courses = []
  const modules = []
  const lessons = []
  const items = []
  const seen = new Set<string>()
  const once = (kind: string, id: string) => {
    if (seen.has(`${kind}:${id}`))
      throw new CatalogueError(`The content manifest has two ${kind}s with the id "${id}".`)
    seen.add(`${kind}:${id}`)
  }

  for (const [coursePosition, course] of manifest.courses.entries()) {
    once('course', course.slug)
    courses.push({
      slug: course.slug,
      title: course.title,
      summary: course.summary,
      position: coursePosition,
      content_hash: course.contentHash,
    })
    for (const [modulePosition, courseModule] of course.modules.entries()) {
      const moduleId = catalogueId(course.slug, courseModule.slug)
      once('module', moduleId)
      modules.push({
        id: moduleId,
        course_slug: course.slug,
        slug: courseModule.slug,
        title: courseModule.title,
        position: modulePosition,
      })
      for (const lesson of courseModule.lessons) {
        const lessonId = catalogueId(course.slug, lesson.slug)
        once('lesson', lessonId)
        lessons.push({
          id: lessonId,
          course_slug: course.slug,
          module_id: moduleId,
          slug: lesson.slug,
          title: lesson.title,
          summary: lesson.summary,
          minutes: lesson.minutes,
          position: lesson.position,
          content_hash: lesson.contentHash,
        })
        for (const item of lesson.items) {
          const itemId = catalogueId(course.slug, item.id)
          once('item', itemId)
          items.push({
            id: itemId,
            lesson_id: lessonId,
            kind: item.kind,
            label: item.label,
            position: item.position,
            content_hash: item.contentHash,
          })
        }
      }
    }
  }
  return { courses, modules, lessons, items }
}
