import { getDb } from '@/lib/db'
import { prepared, type PreparedStatement } from '@/lib/db/pool'
import {
  DEFAULT_REVIEW_SETTINGS,
  LEARN_AHEAD_MS,
  REVIEW_EVENT_TYPES,
  REVIEWABLE_KINDS,
  type CardJson,
  type ReviewSettings,
  type StateName,
} from '@/lib/review/scheduler'
import { buildReviewStats, dayInZone, STATS_DAYS, type ReviewStats } from '@/lib/review/stats'
import { catalogueId } from './catalogue-id'
import { readSettings, refreshReviewCards, type StoredReviewSettings } from './review-cards'

/**
 * Spaced-repetition review as the learner sees it: the due queue, the cards of
 * a course, statistics and settings. The schedules themselves are written by
 * review-cards.ts, as progress arrives.
 */

export type { StoredReviewSettings } from './review-cards'

export async function getReviewSettings(userId: string): Promise<StoredReviewSettings> {
  return readSettings(prepared, userId)
}

/** Replays every card the learner has graded, after a change of desired retention. */
export async function refreshAllReviewCards(userId: string): Promise<void> {
  const rows = await getDb().$queryRaw<{ item_id: string }[]>`
    SELECT DISTINCT e.item_id
    FROM progress_events e
    WHERE e.user_id = ${userId} AND e.item_id IS NOT NULL AND e.type IN (SELECT jsonb_array_elements_text(${JSON.stringify(REVIEW_EVENT_TYPES)}::jsonb))`
  await refreshReviewCards(
    userId,
    rows.map((row) => row.item_id),
  )
}

/** Saves the settings (validated by the caller); a new desired retention reschedules every card. */
export async function saveReviewSettings(userId: string, settings: ReviewSettings): Promise<StoredReviewSettings> {
  const before = await getReviewSettings(userId)
  await getDb().$executeRaw`
    INSERT INTO review_settings (user_id, desired_retention, new_cards_per_day, updated_at)
    VALUES (${userId}, ${settings.desiredRetention}, ${settings.newCardsPerDay}, now())
    ON CONFLICT (user_id) DO UPDATE SET
      desired_retention = excluded.desired_retention, new_cards_per_day = excluded.new_cards_per_day, updated_at = now()`
  if (before.desiredRetention !== settings.desiredRetention) await refreshAllReviewCards(userId)
  return { ...settings, saved: true }
}

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
  due: (Omit<QueueCard, 'courseSlug' | 'itemId'> & { course_slug: string; item_id: string; total: number })[]
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
  name: 'review.due-queue.1',
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
      (SELECT coalesce(json_agg(d ORDER BY d.due, d.item_id), '[]'::json) FROM due_cards d) AS due,
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
    due: row.due.map(({ course_slug, item_id, total: _total, ...card }) => ({
      ...card,
      courseSlug: course_slug,
      itemId: strip(course_slug, item_id),
      due: new Date(card.due).toISOString(),
      lastReview: new Date(card.lastReview).toISOString(),
    })),
    dueTotal: row.due[0]?.total ?? 0,
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

/** How many cards are due now, for the dashboard. */
export async function countDueCards(userId: string, now = new Date()): Promise<number> {
  const rows = await getDb().$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n
    FROM review_cards c
    JOIN items i ON i.id = c.item_id
    WHERE c.user_id = ${userId} AND c.due <= ${now} AND i.retired_at IS NULL`
  return rows[0]?.n ?? 0
}

/** Every scheduled card of one course, for choosing a mock interview's weakest questions. */
export async function getCourseCards(userId: string, courseSlug: string): Promise<QueueCard[]> {
  const rows = await getDb().$queryRaw<
    {
      item_id: string
      due: Date
      stability: number
      difficulty: number
      elapsed_days: number
      scheduled_days: number
      learning_steps: number
      reps: number
      lapses: number
      state: StateName
      last_review: Date
    }[]
  >`
    SELECT c.item_id, c.due, c.stability, c.difficulty, c.elapsed_days, c.scheduled_days, c.learning_steps,
           c.reps, c.lapses, c.state, c.last_review
    FROM review_cards c
    WHERE c.user_id = ${userId} AND starts_with(c.item_id, ${`${courseSlug}/`})
    ORDER BY c.item_id`
  return rows.map((row) => ({
    courseSlug,
    itemId: row.item_id.slice(courseSlug.length + 1),
    due: row.due.toISOString(),
    stability: row.stability,
    difficulty: row.difficulty,
    elapsedDays: row.elapsed_days,
    scheduledDays: row.scheduled_days,
    learningSteps: row.learning_steps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state,
    lastReview: row.last_review.toISOString(),
  }))
}

/** Reviews per day, true retention and the due forecast, in the learner's time zone. */
export async function getReviewStats(
  userId: string,
  { now = new Date(), timeZone = 'UTC' }: { now?: Date; timeZone?: string } = {},
): Promise<ReviewStats> {
  const today = dayInZone(now, timeZone)
  const since = new Date(Date.parse(`${today}T00:00:00Z`) - (STATS_DAYS + 1) * 86_400_000)
  const until = new Date(now.getTime() + (STATS_DAYS + 1) * 86_400_000)
  const [reviews, retention, forecast, cards] = await Promise.all([
    getDb().$queryRaw<{ day: string; rating: number; count: number }[]>`
      SELECT to_char(reviewed_at AT TIME ZONE ${timeZone}, 'YYYY-MM-DD') AS day, rating::int AS rating, count(*)::int AS count
      FROM review_logs
      WHERE user_id = ${userId} AND reviewed_at >= ${since}
      GROUP BY 1, 2`,
    getDb().$queryRaw<{ reviewed: number; recalled: number }[]>`
      SELECT count(*)::int AS reviewed, count(*) FILTER (WHERE rating > 1)::int AS recalled
      FROM review_logs
      WHERE user_id = ${userId} AND state_before = 'REVIEW'
        AND to_char(reviewed_at AT TIME ZONE ${timeZone}, 'YYYY-MM-DD') > ${dayBefore(today, STATS_DAYS)}
        AND reviewed_at >= ${since}`,
    getDb().$queryRaw<{ day: string; due: number }[]>`
      SELECT to_char(c.due AT TIME ZONE ${timeZone}, 'YYYY-MM-DD') AS day, count(*)::int AS due
      FROM review_cards c
      JOIN items i ON i.id = c.item_id AND i.retired_at IS NULL
      WHERE c.user_id = ${userId} AND c.due < ${until}
      GROUP BY 1`,
    getDb().$queryRaw<{ state: StateName; n: number }[]>`
      SELECT c.state, count(*)::int AS n
      FROM review_cards c
      JOIN items i ON i.id = c.item_id AND i.retired_at IS NULL
      WHERE c.user_id = ${userId}
      GROUP BY c.state`,
  ])
  const count = (state: StateName) => cards.find((row) => row.state === state)?.n ?? 0
  return buildReviewStats({
    today,
    reviews,
    retention: retention[0] ?? { reviewed: 0, recalled: 0 },
    forecast,
    cards: { learning: count('LEARNING'), review: count('REVIEW'), relearning: count('RELEARNING') },
  })
}

function dayBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10)
}
