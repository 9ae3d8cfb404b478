import { prepared, type PreparedStatement } from '@/lib/db/pool'
import { DEFAULT_REVIEW_SETTINGS, LEARN_AHEAD_MS, REVIEWABLE_KINDS, type CardJson } from '@/lib/review/scheduler'
import { catalogueId } from './catalogue-id'
import type { StoredReviewSettings } from './review-cards'

/**
 * The learner's review queue: due cards with their FSRS state, the new cards
 * today's limit admits, and when the next card comes due. One prepared
 * statement, no Prisma: the production entry answers GET /api/review/queue in
 * front of Next.js (lib/http/api-front.ts, DECISIONS #28).
 */

export interface ReviewFilter {
  courseSlug?: string
  /** Only with courseSlug. */
  moduleSlug?: string
}

export interface QueueCard extends CardJson {
  courseSlug: string
  /** The item id as written in the MDX. */
  itemId: string
}

export interface DueQueue {
  /** Cards due now (and learning steps due within the learn-ahead window), soonest first, at most `limit`. */
  due: QueueCard[]
  /** How many are due in all, beyond `limit`. */
  dueTotal: number
  /** Never-graded cards from lessons the learner has opened, within today's allowance, in course order. */
  fresh: { courseSlug: string; itemId: string }[]
  /** New cards first graded in review today, against the daily limit. */
  newToday: number
  /** When the next card not yet due comes due; null when there is none. */
  nextDueAt: string | null
  settings: StoredReviewSettings
}

export const QUEUE_LIMIT = 200

type QueueRow = {
  settings: { desired_retention: number; new_cards_per_day: number; saved: boolean }
  new_today: number
  due: QueueCard[]
  due_total: number | null
  next_due: Date | null
  fresh: { course_slug: string; item_id: string }[]
}

/**
 * The learner's review queue for a session starting `now`, in one statement
 * (one round trip): settings, today's new-card count, the due cards, the next
 * due date and the new cards today's allowance admits. Planned for each run:
 * learners' card counts differ a hundredfold.
 * $1 user, $2 now, $3 time zone, $4 learn-ahead cutoff, $5 course or null,
 * $6 module id or null, $7 limit, $8 reviewable kinds.
 */
const dueQueueStatement: PreparedStatement = {
  name: 'review.due-queue.2',
  plan: 'per-run',
  text: `
    WITH saved AS (
      SELECT desired_retention, new_cards_per_day FROM review_settings WHERE user_id = $1
    ), settings AS (
      SELECT coalesce((SELECT desired_retention FROM saved), ${Number(DEFAULT_REVIEW_SETTINGS.desiredRetention)}::float8) AS desired_retention,
             coalesce((SELECT new_cards_per_day FROM saved), ${Number(DEFAULT_REVIEW_SETTINGS.newCardsPerDay)}::int) AS new_cards_per_day,
             EXISTS (SELECT 1 FROM saved) AS saved
    ), new_today AS (
      -- Cards first graded on the review page since the start of the learner's day.
      SELECT count(*)::int AS n
      FROM review_logs
      WHERE user_id = $1 AND source = 'review' AND state_before = 'NEW'
        AND reviewed_at >= (date_trunc('day', $2::timestamptz AT TIME ZONE $3::text) AT TIME ZONE $3::text)
    ), shown AS MATERIALIZED (
      -- Items still in the catalogue, within the course or module asked for.
      SELECT i.id
      FROM items i
      JOIN lessons l ON l.id = i.lesson_id
      WHERE i.retired_at IS NULL
        AND ($5::text IS NULL OR l.course_slug = $5::text)
        AND ($6::text IS NULL OR l.module_id = $6::text)
    ), due_cards AS (
      SELECT c.item_id, split_part(c.item_id, '/', 1) AS course_slug, c.due, c.stability, c.difficulty,
             c.elapsed_days AS "elapsedDays", c.scheduled_days AS "scheduledDays", c.learning_steps AS "learningSteps",
             c.reps, c.lapses, c.state, c.last_review AS "lastReview", (count(*) OVER ())::int AS total
      FROM review_cards c
      WHERE c.user_id = $1
        AND c.due <= $4::timestamptz
        AND (c.due <= $2::timestamptz OR c.state IN ('LEARNING', 'RELEARNING'))
        AND c.item_id IN (SELECT id FROM shown)
      ORDER BY c.due, c.item_id
      LIMIT $7::int
    ), next_due AS (
      -- A hashed check of every later card: walking the due index instead is quick when the first card
      -- is shown, but read all 1,300 later cards of the bench learner when a module filter showed none.
      SELECT min(c.due) AS due
      FROM review_cards c
      WHERE c.user_id = $1
        AND c.due > $2::timestamptz
        AND NOT (c.due <= $4::timestamptz AND c.state IN ('LEARNING', 'RELEARNING'))
        AND c.item_id IN (SELECT id FROM shown)
    ), fresh AS (
      SELECT l.course_slug, i.id AS item_id
      FROM items i
      JOIN lessons l ON l.id = i.lesson_id
      JOIN lesson_progress lp ON lp.lesson_id = l.id AND lp.user_id = $1
      WHERE i.kind = ANY ($8::text[])
        AND i.retired_at IS NULL AND l.retired_at IS NULL
        AND ($5::text IS NULL OR l.course_slug = $5::text)
        AND ($6::text IS NULL OR l.module_id = $6::text)
        -- One read of the learner's cards, hashed; probing by item walked every learner's card of it.
        AND i.id NOT IN (SELECT c.item_id FROM review_cards c WHERE c.user_id = $1)
      ORDER BY l.course_slug, l.position, i.position
      LIMIT greatest(0, (SELECT new_cards_per_day FROM settings) - (SELECT n FROM new_today))
    )
    SELECT
      (SELECT row_to_json(s) FROM settings s) AS settings,
      (SELECT n FROM new_today) AS new_today,
      -- In the shape the API sends, times as toISOString writes them: parsing and rewriting them in
      -- Node.js took about 0.7 ms for 200 cards.
      (SELECT coalesce(json_agg(json_build_object(
          'courseSlug', d.course_slug, 'itemId', substr(d.item_id, length(d.course_slug) + 2),
          'due', to_char(d.due AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'stability', d.stability, 'difficulty', d.difficulty, 'elapsedDays', d."elapsedDays",
          'scheduledDays', d."scheduledDays", 'learningSteps', d."learningSteps", 'reps', d.reps, 'lapses', d.lapses,
          'state', d.state, 'lastReview', to_char(d."lastReview" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
        ) ORDER BY d.due, d.item_id), '[]'::json) FROM due_cards d) AS due,
      (SELECT max(total) FROM due_cards) AS due_total,
      (SELECT due FROM next_due) AS next_due,
      (SELECT coalesce(json_agg(f), '[]'::json) FROM fresh f) AS fresh`,
}

export async function getDueQueue(
  userId: string,
  { now = new Date(), timeZone = 'UTC', filter = {}, limit = QUEUE_LIMIT }: { now?: Date; timeZone?: string; filter?: ReviewFilter; limit?: number } = {},
): Promise<DueQueue> {
  const course = filter.courseSlug ?? null
  const moduleId = filter.courseSlug && filter.moduleSlug ? catalogueId(filter.courseSlug, filter.moduleSlug) : null
  const cutoff = new Date(now.getTime() + LEARN_AHEAD_MS)
  const rows = await prepared<QueueRow>(dueQueueStatement, [userId, now, timeZone, cutoff, course, moduleId, limit, REVIEWABLE_KINDS])
  const row = rows[0]!
  const strip = (courseSlug: string, id: string) => id.slice(courseSlug.length + 1)
  return {
    due: row.due,
    dueTotal: row.due_total ?? 0,
    fresh: row.fresh.map((entry) => ({ courseSlug: entry.course_slug, itemId: strip(entry.course_slug, entry.item_id) })),
    newToday: row.new_today,
    nextDueAt: row.next_due ? row.next_due.toISOString() : null,
    settings: {
      desiredRetention: row.settings.desired_retention,
      newCardsPerDay: row.settings.new_cards_per_day,
      saved: row.settings.saved,
    },
  }
}
