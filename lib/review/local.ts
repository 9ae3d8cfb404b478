import type { ReviewCardEntry, ReviewDeck } from '@/lib/content/types'
import type { LocalProgress, LocalProgressEvent } from '@/lib/progress/local-store'
import {
  cardToJson,
  DEFAULT_REVIEW_SETTINGS,
  isDue,
  REVIEW_EVENT_TYPES,
  replayCard,
  State,
  type Card,
  type CardJson,
  type ReviewLogEntry,
  type ReviewSettings,
} from './scheduler'
import { buildReviewStats, dayInZone, type ReviewStats } from './stats'

/**
 * Review for a learner without an account: the schedule is replayed from the
 * events kept in this browser, by the same function the server uses, so
 * signing in (which uploads those events) shows the same due dates.
 */

export interface QueueEntry extends CardJson {
  courseSlug: string
  itemId: string
}

/** The queue's shape, whether it came from the server (GET /api/review/queue) or from this browser. */
export interface ReviewQueue {
  due: QueueEntry[]
  dueTotal: number
  fresh: { courseSlug: string; itemId: string }[]
  newToday: number
  nextDueAt: string | null
  settings: ReviewSettings & { saved: boolean }
}

export interface ReviewFilter {
  courseSlug?: string
  moduleSlug?: string
}

const reviewTypes = new Set<string>(REVIEW_EVENT_TYPES)

/** Every card this browser has graded, replayed: keyed `<course>/<item>`. */
export function replayLocalCards(
  events: readonly LocalProgressEvent[],
  desiredRetention: number,
): Map<string, { card: Card; logs: ReviewLogEntry[] }> {
  const byItem = new Map<string, LocalProgressEvent[]>()
  for (const event of events) {
    if (!event.itemId || !reviewTypes.has(event.type)) continue
    const key = `${event.courseSlug}/${event.itemId}`
    const list = byItem.get(key) ?? []
    list.push(event)
    byItem.set(key, list)
  }
  const cards = new Map<string, { card: Card; logs: ReviewLogEntry[] }>()
  for (const [key, list] of byItem) {
    const { card, logs } = replayCard(
      list.map((event) => ({ id: event.clientEventId, type: event.type, payload: event.payload, occurredAt: event.occurredAt })),
      desiredRetention,
    )
    if (card) cards.set(key, { card, logs })
  }
  return cards
}

function cardsInFilter(deck: ReviewDeck, filter: ReviewFilter): { courseSlug: string; card: ReviewCardEntry }[] {
  return deck.courses
    .filter((course) => !filter.courseSlug || course.slug === filter.courseSlug)
    .flatMap((course) =>
      course.cards
        .filter((card) => !filter.moduleSlug || card.moduleSlug === filter.moduleSlug)
        .map((card) => ({ courseSlug: course.slug, card })),
    )
}

/** This browser's queue, built the way the server builds it (lib/data/review.ts getDueQueue). */
export function buildLocalQueue({
  deck,
  progress,
  settings = { ...DEFAULT_REVIEW_SETTINGS, saved: false },
  now,
  timeZone,
  filter = {},
}: {
  deck: ReviewDeck
  progress: LocalProgress
  settings?: ReviewSettings & { saved: boolean }
  now: Date
  timeZone: string
  filter?: ReviewFilter
}): ReviewQueue {
  const replayed = replayLocalCards(progress.outbox, settings.desiredRetention)
  const today = dayInZone(now, timeZone)
  let newToday = 0
  for (const { logs } of replayed.values()) {
    const first = logs[0]
    if (first?.source === 'review' && dayInZone(first.reviewedAt, timeZone) === today) newToday += 1
  }
  const due: QueueEntry[] = []
  const fresh: { courseSlug: string; itemId: string }[] = []
  let nextDue: number | undefined
  const allowance = Math.max(0, settings.newCardsPerDay - newToday)
  for (const { courseSlug, card } of cardsInFilter(deck, filter)) {
    const found = replayed.get(`${courseSlug}/${card.id}`)
    if (found) {
      if (isDue(found.card, now)) due.push({ courseSlug, itemId: card.id, ...cardToJson(found.card) })
      else nextDue = Math.min(nextDue ?? Infinity, found.card.due.getTime())
    } else if (fresh.length < allowance && progress.lessons[`${courseSlug}/${card.lessonSlug}`]) {
      fresh.push({ courseSlug, itemId: card.id })
    }
  }
  due.sort((a, b) => a.due.localeCompare(b.due))
  return {
    due,
    dueTotal: due.length,
    fresh,
    newToday,
    nextDueAt: nextDue === undefined ? null : new Date(nextDue).toISOString(),
    settings,
  }
}

/** The statistics page's figures from this browser's replay. */
export function buildLocalStats({
  progress,
  desiredRetention,
  now,
  timeZone,
}: {
  progress: LocalProgress
  desiredRetention: number
  now: Date
  timeZone: string
}): ReviewStats {
  const replayed = replayLocalCards(progress.outbox, desiredRetention)
  const reviews = new Map<string, { day: string; rating: number; count: number }>()
  const today = dayInZone(now, timeZone)
  const since = Date.parse(`${today}T00:00:00Z`) - 29 * 86_400_000
  let reviewed = 0
  let recalled = 0
  const forecast = new Map<string, number>()
  const cards = { learning: 0, review: 0, relearning: 0 }
  for (const { card, logs } of replayed.values()) {
    for (const log of logs) {
      const day = dayInZone(log.reviewedAt, timeZone)
      if (Date.parse(`${day}T00:00:00Z`) < since) continue
      const key = `${day}:${log.rating}`
      const entry = reviews.get(key) ?? { day, rating: log.rating, count: 0 }
      entry.count += 1
      reviews.set(key, entry)
      if (log.stateBefore === State.Review) {
        reviewed += 1
        if (log.rating > 1) recalled += 1
      }
    }
    const dueDay = dayInZone(card.due, timeZone)
    forecast.set(dueDay, (forecast.get(dueDay) ?? 0) + 1)
    if (card.state === State.Learning) cards.learning += 1
    else if (card.state === State.Review) cards.review += 1
    else if (card.state === State.Relearning) cards.relearning += 1
  }
  return buildReviewStats({
    today,
    reviews: [...reviews.values()],
    retention: { reviewed, recalled },
    forecast: [...forecast].map(([day, due]) => ({ day, due })),
    cards,
  })
}

export const REVIEW_SETTINGS_KEY = 'drydock:review-settings'

/** Settings kept in this browser for a learner without an account. */
export function readLocalSettings(): (ReviewSettings & { saved: boolean }) | undefined {
  try {
    const raw = window.localStorage.getItem(REVIEW_SETTINGS_KEY)
    if (!raw) return undefined
    const value = JSON.parse(raw) as Partial<ReviewSettings>
    if (typeof value.desiredRetention !== 'number' || typeof value.newCardsPerDay !== 'number') return undefined
    return { desiredRetention: value.desiredRetention, newCardsPerDay: value.newCardsPerDay, saved: true }
  } catch {
    return undefined
  }
}

export function writeLocalSettings(settings: ReviewSettings): void {
  try {
    window.localStorage.setItem(REVIEW_SETTINGS_KEY, JSON.stringify(settings))
  } catch {
    // Storage refused: the settings hold for this visit only.
  }
}
