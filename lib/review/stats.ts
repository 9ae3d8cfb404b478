import { z } from 'zod'
import { NEW_CARDS_RANGE, RETENTION_RANGE, type ReviewSettings } from './scheduler'

/**
 * The review statistics page's figures, computed the same way from the
 * database's aggregates (signed in) and from the browser's replay (without an
 * account): sparse rows in, one zero-filled series per chart out.
 */

export const STATS_DAYS = 30

export interface DailyReviews {
  /** YYYY-MM-DD in the learner's time zone. */
  day: string
  again: number
  hard: number
  good: number
  easy: number
}

export interface ReviewStats {
  /** Today in the learner's time zone. */
  today: string
  /** The last STATS_DAYS days, oldest first, ending today. */
  reviewsPerDay: DailyReviews[]
  /**
   * True retention over the same days: of the grades given to cards that were
   * in review (not still learning), the share that were not Again.
   */
  retention: { reviewed: number; recalled: number }
  /** Cards falling due on each of the next STATS_DAYS days, from today; overdue cards count today. */
  forecast: { day: string; due: number }[]
  /** Cards with a schedule, by state. */
  cards: { learning: number; review: number; relearning: number }
}

export interface StatsRows {
  today: string
  reviews: { day: string; rating: number; count: number }[]
  retention: { reviewed: number; recalled: number }
  forecast: { day: string; due: number }[]
  cards: ReviewStats['cards']
}

const RATING_KEYS = { 1: 'again', 2: 'hard', 3: 'good', 4: 'easy' } as const

/** Zero-fills the series: a day without reviews is a bar of height 0, not a gap. */
export function buildReviewStats(rows: StatsRows): ReviewStats {
  const past = dayRange(rows.today, -(STATS_DAYS - 1), STATS_DAYS)
  const perDay = new Map(past.map((day) => [day, { day, again: 0, hard: 0, good: 0, easy: 0 }]))
  for (const row of rows.reviews) {
    const entry = perDay.get(row.day)
    const key = RATING_KEYS[row.rating as keyof typeof RATING_KEYS]
    if (entry && key) entry[key] += row.count
  }
  const due = new Map<string, number>()
  for (const row of rows.forecast) {
    const day = row.day < rows.today ? rows.today : row.day
    due.set(day, (due.get(day) ?? 0) + row.due)
  }
  return {
    today: rows.today,
    reviewsPerDay: [...perDay.values()],
    retention: rows.retention,
    forecast: dayRange(rows.today, 0, STATS_DAYS).map((day) => ({ day, due: due.get(day) ?? 0 })),
    cards: rows.cards,
  }
}

/** `count` consecutive YYYY-MM-DD days starting `offset` days from `day`. */
export function dayRange(day: string, offset: number, count: number): string[] {
  const start = Date.parse(`${day}T00:00:00Z`) + offset * 86_400_000
  return Array.from({ length: count }, (_, index) => new Date(start + index * 86_400_000).toISOString().slice(0, 10))
}

/** The calendar day of an instant in a time zone, as YYYY-MM-DD. */
export function dayInZone(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant)
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '00'
  return `${get('year')}-${get('month')}-${get('day')}`
}

// Zones found valid; at most the IANA database's few hundred, since invalid names are never kept.
// Asking Intl took about 0.25 ms a request.
const knownTimeZones = new Set<string>()

export function isTimeZone(value: string): boolean {
  if (knownTimeZones.has(value)) return true
  if (value.length > 64) return false
  try {
    new Intl.DateTimeFormat('en', { timeZone: value })
    knownTimeZones.add(value)
    return true
  } catch {
    return false
  }
}

export const timeZoneSchema = z.string().refine(isTimeZone, 'an IANA time zone such as "Europe/Paris"')

export const reviewSettingsSchema = z.strictObject({
  desiredRetention: z
    .number({ error: 'desiredRetention must be a number' })
    .min(RETENTION_RANGE.min, `desiredRetention must be at least ${RETENTION_RANGE.min}`)
    .max(RETENTION_RANGE.max, `desiredRetention must be at most ${RETENTION_RANGE.max}`),
  newCardsPerDay: z
    .number({ error: 'newCardsPerDay must be a number' })
    .int('newCardsPerDay must be a whole number')
    .min(NEW_CARDS_RANGE.min, `newCardsPerDay must be at least ${NEW_CARDS_RANGE.min}`)
    .max(NEW_CARDS_RANGE.max, `newCardsPerDay must be at most ${NEW_CARDS_RANGE.max}`),
}) satisfies z.ZodType<ReviewSettings>
