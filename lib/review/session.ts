import { gradeCard, isDue, type Card, type Grade } from './scheduler'

/**
 * One sitting on the review page: the cards still to go, what was graded, and
 * enough history to undo. Pure, so the keyboard flow is unit-tested without a browser.
 */

export interface SessionCard {
  /** `<course>/<item>` */
  key: string
  courseSlug: string
  itemId: string
  /** Undefined for a card never graded. */
  card?: Card
}

export interface Graded {
  key: string
  rating: Grade
  /** When the card is due after this grade. */
  due: Date
}

export interface ReviewSessionState {
  queue: SessionCard[]
  graded: Graded[]
  /** Each grade's event id and the state before it, newest last. */
  history: { eventId: string; before: Omit<ReviewSessionState, 'history'> }[]
}

export function startSession(queue: SessionCard[]): ReviewSessionState {
  return { queue, graded: [], history: [] }
}

/**
 * Grades the card in front. A card still in a learning step that falls due
 * within the learn-ahead window comes back later in this session, after the
 * cards due before it.
 */
export function gradeCurrent(
  state: ReviewSessionState,
  rating: Grade,
  now: Date,
  desiredRetention: number,
  eventId: string,
): ReviewSessionState {
  const [current, ...rest] = state.queue
  if (!current) return state
  const card = gradeCard(current.card, rating, now, desiredRetention)
  const queue = [...rest]
  if (isDue(card, now)) {
    const at = queue.findIndex((entry) => entry.card !== undefined && entry.card.due.getTime() > card.due.getTime())
    queue.splice(at === -1 ? queue.length : at, 0, { ...current, card })
  }
  return {
    queue,
    graded: [...state.graded, { key: current.key, rating, due: card.due }],
    history: [...state.history, { eventId, before: { queue: state.queue, graded: state.graded } }],
  }
}

/** Takes back the last grade; returns the id of the event to undo, or undefined when there is nothing to undo. */
export function undoLast(state: ReviewSessionState): { state: ReviewSessionState; eventId?: string } {
  const last = state.history.at(-1)
  if (!last) return { state }
  return { state: { ...last.before, history: state.history.slice(0, -1) }, eventId: last.eventId }
}

export interface SessionSummary {
  reviews: number
  cards: number
  byRating: Record<Grade, number>
  /** Each card's latest due date after this session, soonest first. */
  next: { key: string; due: Date }[]
}

export function summariseSession(state: ReviewSessionState): SessionSummary {
  const byRating = { 1: 0, 2: 0, 3: 0, 4: 0 } as Record<Grade, number>
  const latest = new Map<string, Date>()
  for (const entry of state.graded) {
    byRating[entry.rating] += 1
    latest.set(entry.key, entry.due)
  }
  return {
    reviews: state.graded.length,
    cards: latest.size,
    byRating,
    next: [...latest].map(([key, due]) => ({ key, due })).sort((a, b) => a.due.getTime() - b.due.getTime()),
  }
}
