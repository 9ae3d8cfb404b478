import { getDb } from '@/lib/db'
import { prepared } from '@/lib/db/pool'
import { REVIEW_EVENT_TYPES, type ReviewSettings, type StateName } from '@/lib/review/scheduler'
import { buildReviewStats, dayInZone, STATS_DAYS, type ReviewStats } from '@/lib/review/stats'
import { readSettings, refreshReviewCards, type StoredReviewSettings } from './review-cards'
import type { QueueCard } from './review-queue'

/**
 * Spaced-repetition review as the learner sees it: the cards of
 * a course, statistics and settings (the due queue is review-queue.ts). The
 * schedules themselves are written by review-cards.ts, as progress arrives.
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
