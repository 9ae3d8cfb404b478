/**
 * The synthetic population the benchmark runs against: 1,000 students in five
 * cohorts of one instructor, each somewhere along the whole course, with the
 * events their browsers would have sent (about 300 each) and the item and
 * lesson state derived from them. Written straight into PostgreSQL with
 * multi-row INSERTs (unnest of arrays) and derived with set-based SQL: going
 * through HTTP would take longer than the whole benchmark.
 */
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { createSessionToken, digestSessionToken } from '@/lib/auth/session-token'
import type { ContentManifest, LessonEntry } from '@/lib/content/types'
import { simulatedItemEvents } from '@/lib/data/simulated-answers'
import { mulberry32 } from '@/lib/random'
import { seedPopulationCards } from './review'

export const STUDENTS = 1000
/** Cohort sizes; the first holds everyone, the others are its sections (a student is in two cohorts). */
export const COHORTS = [
  { id: 'bench-cohort-all', name: 'Bench: the whole year', size: 1000 },
  { id: 'bench-cohort-a', name: 'Bench: section A', size: 200 },
  { id: 'bench-cohort-b', name: 'Bench: section B', size: 200 },
  { id: 'bench-cohort-c', name: 'Bench: section C', size: 300 },
  { id: 'bench-cohort-d', name: 'Bench: section D', size: 300 },
] as const
/** Students with a signed-in session, who send progress during the benchmark. */
export const SIGNED_IN_STUDENTS = 200

const DAY_MS = 86_400_000
const INSERT_CHUNK = 20_000

export interface SignedIn {
  userId: string
  /** The session cookie's value. */
  token: string
}

export interface Population {
  instructor: SignedIn
  /** Cards under review, or null when this checkout has no spaced-repetition review yet. */
  reviewCards: number | null
  students: SignedIn[]
  cohorts: { id: string; name: string; size: number }[]
  events: number
  itemStates: number
  lessonProgress: number
  seconds: number
}

interface EventRow {
  userId: string
  clientEventId: string
  courseSlug: string
  lessonSlug: string
  itemId: string | null
  type: string
  payload: string
  occurredAt: string
}

/**
 * One student's history: lessons in order, one a day or so, up to how far they
 * got; the lesson they stopped in is half done. Some stopped a while ago.
 */
function studentEvents(userId: string, lessons: LessonEntry[], random: () => number, now: number): EventRow[] {
  // Skewed towards the start of the course, as real cohorts are: about 40% of it on average.
  const reach = Math.min(1, random() ** 1.4 * 1.02)
  const finished = Math.floor(lessons.length * reach)
  const accuracy = 0.5 + random() * 0.45
  const idleDays = random() < 0.15 ? 8 + Math.floor(random() * 20) : Math.floor(random() * 3)
  const touched = lessons.slice(0, Math.min(lessons.length, finished + 1))
  const start = now - (touched.length * 1.5 + idleDays + 1) * DAY_MS
  const rows: EventRow[] = []
  touched.forEach((lesson, index) => {
    let at = start + index * 1.5 * DAY_MS + random() * 6 * 3_600_000
    const tick = () => new Date((at += 20_000 + random() * 90_000)).toISOString()
    const base = { userId, courseSlug: lesson.courseSlug, lessonSlug: lesson.slug }
    rows.push({ ...base, clientEventId: randomUUID(), itemId: null, type: 'lesson.visited', payload: '{}', occurredAt: tick() })
    const done = index < finished
    const items = done ? lesson.items : lesson.items.slice(0, Math.ceil(lesson.items.length / 2))
    for (const item of items) {
      for (const event of simulatedItemEvents(item, random() < accuracy, random())) {
        rows.push({
          ...base,
          clientEventId: randomUUID(),
          itemId: `${lesson.courseSlug}/${item.id}`,
          type: event.type,
          payload: JSON.stringify(event.payload),
          occurredAt: tick(),
        })
      }
    }
    if (done) {
      rows.push({ ...base, clientEventId: randomUUID(), itemId: null, type: 'lesson.completed', payload: '{}', occurredAt: tick() })
    }
  })
  return rows
}

function signIn(userId: string, authSecret: string): { row: unknown[]; signedIn: SignedIn } {
  const token = createSessionToken()
  return { row: [digestSessionToken(token, authSecret), userId], signedIn: { userId, token } }
}

/**
 * Seeds the population into an empty, migrated database whose catalogue is
 * already synced from `manifest`. Sessions are stored as the app stores them
 * (a keyed digest of the token), so the returned tokens work as cookies on a
 * server that uses the same AUTH_SECRET.
 */
export async function seedPopulation(
  databaseUrl: string,
  manifest: ContentManifest,
  authSecret: string,
  log: (message: string) => void = () => {},
): Promise<Population> {
  const started = performance.now()
  const phase = (name: string) => log(`  ${name} after ${((performance.now() - started) / 1000).toFixed(1)} s`)
  const course = manifest.courses.find((candidate) => candidate.slug === 'docker-fundamentals') ?? manifest.courses[0]
  if (!course) throw new Error('The manifest has no course to seed progress for')
  const lessons = course.modules.flatMap((module) => module.lessons).sort((a, b) => a.position - b.position)
  const random = mulberry32(8)
  const now = Date.now()
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    // A bulk load of rows made from the catalogue itself: foreign-key checks,
    // row by row, would triple its time for nothing (superuser only, this session only).
    await client.query("SET session_replication_role = 'replica'")
    const instructorId = 'bench-instructor'
    const studentIds = Array.from({ length: STUDENTS }, (_, i) => `bench-student-${String(i + 1).padStart(4, '0')}`)
    await client.query(
      `INSERT INTO users (id, name, email, role, created_at, updated_at)
       SELECT id, name, email, role::user_role, now(), now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(id, name, email, role)`,
      [
        [instructorId, ...studentIds],
        ['Bench Instructor', ...studentIds.map((_, i) => `Student ${i + 1}`)],
        ['instructor@bench.example', ...studentIds.map((_, i) => `student${i + 1}@bench.example`)],
        ['INSTRUCTOR', ...studentIds.map(() => 'STUDENT')],
      ],
    )

    await client.query(
      `INSERT INTO cohorts (id, name, course_slug, instructor_id, join_code, created_at, updated_at)
       SELECT id, name, $3, $4, NULL, now(), now() FROM unnest($1::text[], $2::text[]) AS c(id, name)`,
      [COHORTS.map((c) => c.id), COHORTS.map((c) => c.name), course.slug, instructorId],
    )
    const members: [string, string][] = []
    let offset = 0
    for (const cohort of COHORTS) {
      if (cohort.size === STUDENTS) {
        studentIds.forEach((id) => members.push([cohort.id, id]))
      } else {
        studentIds.slice(offset, offset + cohort.size).forEach((id) => members.push([cohort.id, id]))
        offset += cohort.size
      }
    }
    await client.query(
      `INSERT INTO cohort_members (cohort_id, user_id, joined_at)
       SELECT cohort_id, user_id, now() - interval '60 days' FROM unnest($1::text[], $2::text[]) AS m(cohort_id, user_id)`,
      [members.map((m) => m[0]), members.map((m) => m[1])],
    )

    // Secondary indexes are built once after the load rather than row by row
    // during it, from their own definitions, so they come back exactly as the
    // migrations made them. The unique index stays: it is part of what is tested.
    const { rows: secondary } = await client.query<{ name: string; definition: string }>(
      `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
       WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [['progress_events', 'item_states', 'lesson_progress']],
    )
    for (const index of secondary) await client.query(`DROP INDEX ${client.escapeIdentifier(index.name)}`)

    let events = 0
    let pending: EventRow[] = []
    const flush = async () => {
      if (pending.length === 0) return
      const rows = pending
      pending = []
      await client.query(
        `INSERT INTO progress_events (user_id, client_event_id, course_slug, lesson_slug, item_id, type, payload, occurred_at, received_at)
         SELECT user_id, client_event_id, course_slug, lesson_slug, item_id, type, payload::jsonb, occurred_at, occurred_at
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])
           AS e(user_id, client_event_id, course_slug, lesson_slug, item_id, type, payload, occurred_at)`,
        [
          rows.map((r) => r.userId),
          rows.map((r) => r.clientEventId),
          rows.map((r) => r.courseSlug),
          rows.map((r) => r.lessonSlug),
          rows.map((r) => r.itemId),
          rows.map((r) => r.type),
          rows.map((r) => r.payload),
          rows.map((r) => r.occurredAt),
        ],
      )
      events += rows.length
    }
    for (const userId of studentIds) {
      pending.push(...studentEvents(userId, lessons, random, now))
      if (pending.length >= INSERT_CHUNK) await flush()
    }
    await flush()
    phase(`${events.toLocaleString('en-US')} events inserted`)

    // The same derivation recordProgressEvents does per batch, done once over everything.
    const itemStates = await client.query(`
      INSERT INTO item_states (user_id, item_id, status, attempts, first_try_correct, last_correct, last_payload,
                               first_answered_at, last_answered_at, last_event_at, updated_at)
      SELECT user_id, item_id,
        (CASE WHEN bool_or(payload -> 'completed' = 'true'::jsonb) THEN 'COMPLETED' ELSE 'STARTED' END)::item_status,
        count(*) FILTER (WHERE graded)::int,
        (array_agg((payload ->> 'correct')::boolean ORDER BY occurred_at, id) FILTER (WHERE graded))[1],
        (array_agg((payload ->> 'correct')::boolean ORDER BY occurred_at DESC, id DESC) FILTER (WHERE graded))[1],
        (array_agg(payload ORDER BY occurred_at DESC, id DESC))[1],
        min(occurred_at) FILTER (WHERE graded), max(occurred_at) FILTER (WHERE graded), max(occurred_at), now()
      FROM (SELECT *, jsonb_typeof(payload -> 'correct') = 'boolean' AS graded FROM progress_events WHERE item_id IS NOT NULL) e
      GROUP BY user_id, item_id`)
    phase('item states derived')
    await client.query(`
      INSERT INTO wrong_answers (user_id, item_id, answer_key, answer, count)
      SELECT user_id, item_id, md5(answer)::uuid, answer, count(*)::int
      FROM (
        SELECT user_id, item_id, coalesce(payload -> 'selected', payload -> 'order', payload -> 'sequence', 'null'::jsonb)::text AS answer
        FROM progress_events
        WHERE item_id IS NOT NULL AND type IN ('quiz.answered', 'reorder.checked', 'command.checked')
          AND payload -> 'correct' = 'false'::jsonb
      ) wrong
      GROUP BY user_id, item_id, answer`)
    // Exercises done as the triggers on item_states count them, which do not fire while loading as a replica.
    const lessonProgress = await client.query(`
      INSERT INTO lesson_progress (user_id, lesson_id, first_visited_at, last_visited_at, completed_at, items_done)
      SELECT visits.user_id, visits.lesson_id, visits.first_at, visits.last_at, visits.completed_at, coalesce(done.n, 0)
      FROM (
        SELECT user_id, course_slug || '/' || lesson_slug AS lesson_id, min(occurred_at) AS first_at, max(occurred_at) AS last_at,
          min(occurred_at) FILTER (WHERE type = 'lesson.completed') AS completed_at
        FROM progress_events GROUP BY user_id, course_slug, lesson_slug
      ) visits
      LEFT JOIN (
        SELECT s.user_id, i.lesson_id, count(*)::int AS n
        FROM item_states s JOIN items i ON i.id = s.item_id
        WHERE s.status = 'COMPLETED'
        GROUP BY s.user_id, i.lesson_id
      ) done ON done.user_id = visits.user_id AND done.lesson_id = visits.lesson_id`)

    const sessions = [instructorId, ...studentIds.slice(0, SIGNED_IN_STUDENTS)].map((id) => signIn(id, authSecret))
    await client.query(
      `INSERT INTO sessions (session_token, user_id, expires, created_at, updated_at)
       SELECT token, user_id, now() + interval '30 days', now(), now() FROM unnest($1::text[], $2::text[]) AS s(token, user_id)`,
      [sessions.map((s) => s.row[0]), sessions.map((s) => s.row[1])],
    )
    for (const index of secondary) await client.query(index.definition)
    phase(`${secondary.length} indexes rebuilt`)
    const reviewCards = await seedPopulationCards(client)
    await client.query("SET session_replication_role = 'origin'")
    phase('lesson progress derived, sessions stored')
    await client.query('VACUUM ANALYZE')
    phase('vacuumed and analysed')

    const [instructor, ...students] = sessions.map((s) => s.signedIn)
    return {
      instructor: instructor as SignedIn,
      reviewCards,
      students,
      cohorts: COHORTS.map(({ id, name, size }) => ({ id, name, size })),
      events,
      itemStates: itemStates.rowCount ?? 0,
      lessonProgress: lessonProgress.rowCount ?? 0,
      seconds: (performance.now() - started) / 1000,
    }
  } finally {
    await client.end()
  }
}
