import { z } from 'zod'
import { prepared, preparedTransaction, type PreparedStatement } from '@/lib/db/pool'
import { REVIEW_EVENT_TYPES, REVIEWABLE_KINDS } from '@/lib/review/scheduler'
import { isStorableJson } from '@/lib/text-input'
import { catalogueId } from './catalogue-id'
import { cardHeadsSql, reviewLockKey, updateReviewCards, type CardHead, type StoredReviewEvent } from './review-cards'

/**
 * Students' progress. The browser sends events (a card flipped, a quiz
 * answered); they are stored once each, however often an upload is retried,
 * and the per-item and per-lesson state pages read is derived as they arrive.
 *
 * Payload conventions the derivation relies on:
 *   payload.correct: boolean  - the event grades an answer (counts as an attempt)
 *   payload.completed: boolean - the event completes its item
 * A `lesson.completed` event completes its lesson.
 *
 * This module is the write: plain prepared statements, no Prisma, so the
 * upload answered in front of Next.js (lib/http/progress-upload.ts) runs it.
 * progress.ts reads. In order: input limits and schemas, the errors a route
 * turns into 400 and 422, the statement that stores a batch and derives state
 * (RECORD_EVENTS), recordProgressEvents, and the catalogue check.
 *
 * Triggers on item_states (migration 20261123052020_lesson_items_done) also
 * count completed exercises on lesson_progress.items_done as this statement
 * completes items.
 */

export const PROGRESS_PAYLOAD_MAX_BYTES = 4096
export const PROGRESS_BATCH_MAX_EVENTS = 200

/** Event types the platform's widgets send; others matching the pattern are accepted too. */
export const PROGRESS_EVENT_TYPES = [
  'lesson.visited',
  'lesson.completed',
  'card.flipped',
  'card.rated',
  'quiz.answered',
  'reorder.checked',
] as const

const encoder = new TextEncoder()

const payloadSchema = z
  .looseObject({
    correct: z.boolean().optional(),
    completed: z.boolean().optional(),
  })
  .refine(
    (payload) => encoder.encode(JSON.stringify(payload)).length <= PROGRESS_PAYLOAD_MAX_BYTES,
    {
      message: `payload must be at most ${PROGRESS_PAYLOAD_MAX_BYTES} bytes of JSON`,
    },
  )
  .refine(isStorableJson, { message: 'payload must not contain NUL or unpaired surrogate characters' })

const slugSchema = z
  .string()
  .min(1)
  .max(200)
  .refine(isStorableJson, { message: 'must not contain NUL or unpaired surrogate characters' })

// A Map, not an object: an event type such as "constructor" must not find Object's own properties.
const reviewPayloadSchemas = new Map<string, z.ZodType>(Object.entries({
  'review.graded': z.looseObject({
    rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
      error: 'rating must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)',
    }),
  }),
  'review.undone': z.looseObject({ undoes: z.uuid({ error: 'undoes must be the clientEventId of the grade to undo' }) }),
}))

export const progressEventSchema = z.object({
  // Lower-cased so a retry that changes only the letter case is still a retry.
  clientEventId: z.uuid().transform((id) => id.toLowerCase()),
  courseSlug: slugSchema,
  lessonSlug: slugSchema,
  /** The item's id as written in the MDX, unique within its course. */
  itemId: slugSchema.nullish().transform((id) => id ?? undefined),
  type: z
    .string()
    .max(64)
    .regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, 'a dotted name such as "quiz.answered"'),
  payload: payloadSchema,
  occurredAt: z.iso.datetime({ offset: true }).transform((iso) => new Date(iso)),
}).superRefine((event, context) => {
  // Review grades drive a schedule, so a malformed one is refused rather than silently ignored.
  const schema = reviewPayloadSchemas.get(event.type)
  if (!schema) return
  if (event.itemId === undefined) context.addIssue({ code: 'custom', path: ['itemId'], message: `a ${event.type} event names its card` })
  const result = schema.safeParse(event.payload)
  if (!result.success) {
    for (const issue of result.error.issues) context.addIssue({ code: 'custom', path: ['payload', ...issue.path], message: issue.message })
  }
})

export const progressEventBatchSchema = z
  .array(progressEventSchema)
  .min(1)
  .max(PROGRESS_BATCH_MAX_EVENTS)

/** An event as the browser sends it. */
export type ProgressEventInput = z.input<typeof progressEventSchema>

export interface RecordProgressResult {
  /** clientEventIds stored by this call. */
  accepted: string[]
  /** clientEventIds that were already stored (a retry) or repeated within the batch. */
  duplicates: string[]
}

/** The batch is malformed; nothing was stored. A route answers 400 with `issues`. */
export class ProgressInputError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid progress events: ${issues.join('; ')}`)
    this.name = 'ProgressInputError'
  }
}

/**
 * Some events name a course, lesson or item the catalogue does not have;
 * nothing was stored. A route answers 422 with `unknown`.
 */
export class UnknownContentError extends Error {
  constructor(readonly unknown: { clientEventId: string; reason: string }[]) {
    super(
      `Progress events refer to unknown content: ${unknown.map((u) => `${u.clientEventId} (${u.reason})`).join('; ')}`,
    )
    this.name = 'UnknownContentError'
  }
}

interface InsertedRow {
  client_event_id: string
  /** The stored row's id (bigint as text). */
  id: string
}

/**
 * One statement: the insert and its derivations commit together or not at
 * all (a batch with grades runs it in the transaction that also updates the
 * cards' schedules). The derivations read only the rows this
 * insert returned, so a concurrent copy of the batch (which waits on the
 * unique index, then inserts nothing) derives nothing. Inputs are sorted by
 * key so concurrent batches lock rows in the same order and cannot deadlock.
 * Order within the batch is the students' clock (occurred_at), then the
 * order sent; timestamps kept on each state let a late offline upload fill
 * in history without overwriting newer answers.
 * Prepared (lib/db/pool.ts): planning it afresh took 2 to 5 ms a batch.
 * $1 the events as jsonb, $2 the user.
 */
const RECORD_EVENTS = `
    WITH input AS (
      SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
        ord int, client_event_id text, course_slug text, lesson_slug text, lesson_id text,
        item_id text, type text, payload jsonb, occurred_at timestamptz)
    ), inserted AS (
      INSERT INTO progress_events (user_id, client_event_id, course_slug, lesson_slug, item_id, type, payload, occurred_at)
      SELECT $2::text, client_event_id, course_slug, lesson_slug, item_id, type, payload, occurred_at
      FROM input ORDER BY client_event_id
      ON CONFLICT (user_id, client_event_id) DO NOTHING
      RETURNING client_event_id, id
    ), fresh AS (
      SELECT input.*, jsonb_typeof(input.payload -> 'correct') = 'boolean' AS graded
      FROM inserted JOIN input USING (client_event_id)
    ), item_changes AS (
      SELECT
        item_id,
        count(*) FILTER (WHERE graded)::int AS attempts,
        (array_agg((payload ->> 'correct')::boolean ORDER BY occurred_at, ord) FILTER (WHERE graded))[1] AS first_correct,
        min(occurred_at) FILTER (WHERE graded) AS first_answered_at,
        (array_agg((payload ->> 'correct')::boolean ORDER BY occurred_at DESC, ord DESC) FILTER (WHERE graded))[1] AS last_correct,
        max(occurred_at) FILTER (WHERE graded) AS last_answered_at,
        (array_agg(payload ORDER BY occurred_at DESC, ord DESC))[1] AS last_payload,
        max(occurred_at) AS last_event_at,
        bool_or(payload -> 'completed' = 'true'::jsonb) AS completed
      FROM fresh
      WHERE item_id IS NOT NULL
      GROUP BY item_id
    ), item_upsert AS (
      INSERT INTO item_states AS s (
        user_id, item_id, status, attempts, first_try_correct, last_correct, last_payload,
        first_answered_at, last_answered_at, last_event_at, updated_at)
      SELECT $2::text, item_id, (CASE WHEN completed THEN 'COMPLETED' ELSE 'STARTED' END)::item_status,
        attempts, first_correct, last_correct, last_payload, first_answered_at, last_answered_at, last_event_at, now()
      FROM item_changes ORDER BY item_id
      ON CONFLICT (user_id, item_id) DO UPDATE SET
        status = (CASE WHEN s.status = 'COMPLETED' OR excluded.status = 'COMPLETED' THEN 'COMPLETED' ELSE 'STARTED' END)::item_status,
        attempts = s.attempts + excluded.attempts,
        first_try_correct = CASE
          WHEN excluded.first_answered_at IS NOT NULL
           AND (s.first_answered_at IS NULL OR excluded.first_answered_at < s.first_answered_at)
          THEN excluded.first_try_correct ELSE s.first_try_correct END,
        first_answered_at = LEAST(s.first_answered_at, excluded.first_answered_at),
        last_correct = CASE
          WHEN excluded.last_answered_at IS NOT NULL
           AND (s.last_answered_at IS NULL OR excluded.last_answered_at >= s.last_answered_at)
          THEN excluded.last_correct ELSE s.last_correct END,
        last_answered_at = GREATEST(s.last_answered_at, excluded.last_answered_at),
        last_payload = CASE WHEN excluded.last_event_at >= s.last_event_at THEN excluded.last_payload ELSE s.last_payload END,
        last_event_at = GREATEST(s.last_event_at, excluded.last_event_at),
        updated_at = now()
    ), wrong_changes AS (
      -- Wrong answers by answer, as jsonb writes them, for the dashboard's "most common mistake".
      SELECT item_id, coalesce(payload -> 'selected', payload -> 'order', payload -> 'sequence', 'null'::jsonb)::text AS answer,
        count(*)::int AS n
      FROM fresh
      WHERE item_id IS NOT NULL
        AND type IN ('quiz.answered', 'reorder.checked', 'command.checked')
        AND payload -> 'correct' = 'false'::jsonb
      GROUP BY 1, 2
    ), wrong_upsert AS (
      INSERT INTO wrong_answers AS w (user_id, item_id, answer_key, answer, count)
      SELECT $2::text, item_id, md5(answer)::uuid, answer, n
      FROM wrong_changes ORDER BY item_id, md5(answer)::uuid
      ON CONFLICT (user_id, item_id, answer_key) DO UPDATE SET count = w.count + excluded.count
    ), lesson_changes AS (
      SELECT
        lesson_id,
        min(occurred_at) AS first_visited_at,
        max(occurred_at) AS last_visited_at,
        min(occurred_at) FILTER (WHERE type = 'lesson.completed') AS completed_at
      FROM fresh
      GROUP BY lesson_id
    ), lesson_upsert AS (
      INSERT INTO lesson_progress AS p (user_id, lesson_id, first_visited_at, last_visited_at, completed_at)
      SELECT $2::text, lesson_id, first_visited_at, last_visited_at, completed_at
      FROM lesson_changes ORDER BY lesson_id
      ON CONFLICT (user_id, lesson_id) DO UPDATE SET
        first_visited_at = LEAST(p.first_visited_at, excluded.first_visited_at),
        last_visited_at = GREATEST(p.last_visited_at, excluded.last_visited_at),
        completed_at = LEAST(p.completed_at, excluded.completed_at)
    )`

const recordEventsStatement: PreparedStatement = {
  name: 'progress.record-events.3',
  text: `${RECORD_EVENTS}
    SELECT client_event_id, id::text AS id FROM inserted`,
}

/**
 * The same for a batch with grades, which also reads the cards its new grades
 * touch (cardHeadsSql), so their schedules can be brought up to date without
 * another round trip. Rows of either kind: an event stored (`head` null) or a
 * card's head. $3 the review event types, $4 the reviewable kinds.
 */
const recordGradedStatement: PreparedStatement = {
  name: 'progress.record-graded.1',
  text: `${RECORD_EVENTS}, heads AS (${cardHeadsSql({
    user: '$2::text',
    items: `(SELECT array_agg(DISTINCT f.item_id) FROM fresh f WHERE f.item_id IS NOT NULL AND f.type = ANY ($3::text[]))::text[]`,
    kinds: '$4::text[]',
    undoneInBatch: `SELECT 1 FROM fresh f WHERE f.item_id = i.id AND f.type = 'review.undone'`,
  })}
    )
    SELECT client_event_id, id::text AS id, NULL::json AS head FROM inserted
    UNION ALL
    SELECT NULL, NULL, row_to_json(h) FROM heads h`,
}

interface GradedRow {
  client_event_id: string | null
  id: string | null
  /** cardHeadsSql's row as JSON: its timestamps are strings. */
  head: (Omit<CardHead, 'due' | 'last_review' | 'last_reviewed_at'> & { due: string | null; last_review: string | null; last_reviewed_at: string | null }) | null
}

function cardHead(json: NonNullable<GradedRow['head']>): CardHead {
  const date = (value: string | null) => (value === null ? null : new Date(value))
  return { ...json, due: date(json.due), last_review: date(json.last_review), last_reviewed_at: date(json.last_reviewed_at) }
}

/**
 * Stores a batch of one student's events and updates their item and lesson
 * state from the events that are new. Safe to retry: an event already stored
 * is reported as a duplicate and changes nothing, even when two copies of a
 * batch arrive at the same moment.
 */
export async function recordProgressEvents(
  userId: string,
  events: readonly ProgressEventInput[],
): Promise<RecordProgressResult> {
  const parsed = progressEventBatchSchema.safeParse(events)
  if (!parsed.success) {
    throw new ProgressInputError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'events'}: ${issue.message}`),
    )
  }

  const seen = new Set<string>()
  const repeated: string[] = []
  const batch = parsed.data.filter((event) => {
    if (seen.has(event.clientEventId)) {
      repeated.push(event.clientEventId)
      return false
    }
    seen.add(event.clientEventId)
    return true
  })

  await assertContentExists(batch)

  const rows = batch.map((event, ord) => ({
    ord,
    client_event_id: event.clientEventId,
    course_slug: event.courseSlug,
    lesson_slug: event.lessonSlug,
    lesson_id: catalogueId(event.courseSlug, event.lessonSlug),
    item_id: event.itemId === undefined ? null : catalogueId(event.courseSlug, event.itemId),
    type: event.type,
    payload: event.payload,
    occurred_at: event.occurredAt.toISOString(),
  }))

  const values = [JSON.stringify(rows), userId]
  const reviewEvents = batch.filter(
    (event) => event.itemId !== undefined && (REVIEW_EVENT_TYPES as readonly string[]).includes(event.type),
  )
  // Grades change cards' schedules: those batches store their events and the schedules they make
  // in one transaction, under the learner's replay lock, so no event is ever stored unscheduled.
  const inserted =
    reviewEvents.length === 0
      ? await prepared<InsertedRow>(recordEventsStatement, values)
      : await preparedTransaction(async (run) => {
          const answer = await run<GradedRow>(recordGradedStatement, [...values, REVIEW_EVENT_TYPES, REVIEWABLE_KINDS])
          const insertedRows: InsertedRow[] = []
          const heads: CardHead[] = []
          for (const row of answer) {
            if (row.head) heads.push(cardHead(row.head))
            else insertedRows.push({ client_event_id: row.client_event_id as string, id: row.id as string })
          }
          const rowIds = new Map(insertedRows.map((row) => [row.client_event_id, row.id]))
          const fresh: StoredReviewEvent[] = []
          const retried: string[] = []
          for (const event of reviewEvents) {
            const itemId = catalogueId(event.courseSlug, event.itemId as string)
            const id = rowIds.get(event.clientEventId)
            // Stored before (a retried upload): its card is replayed whole, as every graded upload once was.
            if (id === undefined) retried.push(itemId)
            else fresh.push({ id, clientEventId: event.clientEventId, itemId, type: event.type, payload: event.payload, occurredAt: event.occurredAt })
          }
          await updateReviewCards(run, userId, fresh, retried, heads)
          return insertedRows
        }, { advisoryLock: reviewLockKey(userId) })

  const stored = new Set(inserted.map((row) => row.client_event_id))
  return {
    accepted: batch
      .filter((event) => stored.has(event.clientEventId))
      .map((event) => event.clientEventId),
    duplicates: [
      ...batch
        .filter((event) => !stored.has(event.clientEventId))
        .map((event) => event.clientEventId),
      ...repeated,
    ],
  }
}

const knownContentStatement: PreparedStatement = {
  name: 'progress.known-content.1',
  text: `
    SELECT id FROM lessons WHERE id = ANY ($1::text[])
    UNION ALL
    SELECT id FROM items WHERE id = ANY ($2::text[])`,
}

/**
 * Lessons and items found in the catalogue. The catalogue never deletes a
 * row (it retires it), so an id found once stays known: only ids not yet seen
 * are looked up. Unknown ids are never kept, so the set is at most the catalogue.
 */
const knownContent = new Set<string>()

/** Checks every lesson and item the batch names, in at most one query. Retired content still counts as known. */
async function assertContentExists(
  batch: z.output<typeof progressEventBatchSchema>,
): Promise<void> {
  const lessonIds = [
    ...new Set(batch.map((event) => catalogueId(event.courseSlug, event.lessonSlug))),
  ]
  const itemIds = [
    ...new Set(
      batch.flatMap((event) =>
        event.itemId === undefined ? [] : [catalogueId(event.courseSlug, event.itemId)],
      ),
    ),
  ]
  const known = knownContent
  const missingLessons = lessonIds.filter((id) => !known.has(id))
  const missingItems = itemIds.filter((id) => !known.has(id))
  if (missingLessons.length > 0 || missingItems.length > 0) {
    const found = await prepared<{ id: string }>(knownContentStatement, [missingLessons, missingItems])
    for (const row of found) known.add(row.id)
  }

  const unknown: { clientEventId: string; reason: string }[] = []
  for (const event of batch) {
    if (!known.has(catalogueId(event.courseSlug, event.lessonSlug))) {
      unknown.push({
        clientEventId: event.clientEventId,
        reason: `no lesson "${event.lessonSlug}" in course "${event.courseSlug}"`,
      })
    } else if (
      event.itemId !== undefined &&
      !known.has(catalogueId(event.courseSlug, event.itemId))
    ) {
      unknown.push({
        clientEventId: event.clientEventId,
        reason: `no item "${event.itemId}" in course "${event.courseSlug}"`,
      })
    }
  }
  if (unknown.length > 0) throw new UnknownContentError(unknown)
}
