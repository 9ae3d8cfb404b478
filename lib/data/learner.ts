import { getDb } from '@/lib/db'
import { countDueCards } from './review'

/**
 * A learner's own overview: how far along each course, how many days in a
 * row, which lessons went worst, how many review cards are due. Four
 * queries, all filtered by the learner's id, so it reads only their rows.
 */

export interface LearnerOverview {
  courses: { courseSlug: string; completedLessons: number; startedLessons: number }[]
  /** Consecutive UTC days with activity, ending today or yesterday. */
  streakDays: number
  activeToday: boolean
  /** Lessons whose exercises went worst on the first try, worst first. */
  weakest: { lessonId: string; answered: number; firstTryRight: number }[]
  /** Flip cards and interview questions due for review now (review_cards). */
  cardsDue: number
}

const DAY_MS = 86_400_000

export function streakFrom(days: readonly string[], now: Date): { streakDays: number; activeToday: boolean } {
  const active = new Set(days)
  const today = now.toISOString().slice(0, 10)
  const activeToday = active.has(today)
  let cursor = activeToday ? now.getTime() : now.getTime() - DAY_MS
  let streakDays = 0
  while (active.has(new Date(cursor).toISOString().slice(0, 10))) {
    streakDays += 1
    cursor -= DAY_MS
  }
  return { streakDays, activeToday }
}

export async function getLearnerOverview(userId: string, now = new Date()): Promise<LearnerOverview> {
  const db = getDb()
  const [courses, days, lessons, cards] = await Promise.all([
    db.$queryRaw<{ course_slug: string; done: number; started: number }[]>`
      SELECT l.course_slug, (count(*) FILTER (WHERE p.completed_at IS NOT NULL))::int AS done, count(*)::int AS started
      FROM lesson_progress p JOIN lessons l ON l.id = p.lesson_id
      WHERE p.user_id = ${userId}
      GROUP BY l.course_slug`,
    db.$queryRaw<{ day: string }[]>`
      SELECT DISTINCT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day
      FROM progress_events
      WHERE user_id = ${userId} AND occurred_at > ${new Date(now.getTime() - 400 * DAY_MS)}`,
    db.$queryRaw<{ lesson_id: string; answered: number; right: number }[]>`
      SELECT i.lesson_id,
        (count(*) FILTER (WHERE s.first_try_correct IS NOT NULL))::int AS answered,
        (count(*) FILTER (WHERE s.first_try_correct))::int AS right
      FROM item_states s JOIN items i ON i.id = s.item_id
      WHERE s.user_id = ${userId}
      GROUP BY i.lesson_id`,
    countDueCards(userId, now),
  ])
  const weakest = lessons
    // Two answers is the least that says anything; a lesson answered perfectly is not weak.
    .filter((row) => row.answered >= 2 && row.right < row.answered)
    .sort((a, b) => a.right / a.answered - b.right / b.answered || b.answered - a.answered)
    .slice(0, 3)
    .map((row) => ({ lessonId: row.lesson_id, answered: row.answered, firstTryRight: row.right }))
  return {
    courses: courses.map((row) => ({ courseSlug: row.course_slug, completedLessons: row.done, startedLessons: row.started })),
    ...streakFrom(
      days.map((row) => row.day),
      now,
    ),
    weakest,
    cardsDue: cards,
  }
}
