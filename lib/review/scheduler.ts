import {
  createEmptyCard,
  fsrs,
  generatorParameters,
  Rating,
  State,
  type Card,
  type FSRS,
  type Grade,
} from 'ts-fsrs'

/**
 * Spaced repetition for flip cards and interview questions. FSRS itself is
 * ts-fsrs; this module only decides which progress events are grades and
 * replays them, in the learner's order, into a card's schedule. The browser
 * (for a learner without an account, and for instant feedback) and the server
 * (lib/data/review.ts) run the same replay, so a late offline upload or a
 * retried batch always ends in the same schedule.
 *
 * No React and no database here: it is unit-tested with a controlled clock.
 */

export { Rating, State, type Card, type Grade }

/** Progress event types that can change a card's schedule. */
export const REVIEW_EVENT_TYPES = ['card.rated', 'interview.rated', 'review.graded', 'review.undone'] as const

/** Item kinds review schedules. */
export const REVIEWABLE_KINDS = ['flip-card', 'interview'] as const

export interface ReviewSettings {
  /** FSRS's request_retention: the chance of recalling a card on its due date (0.7–0.97). */
  desiredRetention: number
  /** How many never-graded cards a day's review may introduce. */
  newCardsPerDay: number
}

export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = { desiredRetention: 0.9, newCardsPerDay: 20 }
export const RETENTION_RANGE = { min: 0.7, max: 0.97 } as const
export const NEW_CARDS_RANGE = { min: 0, max: 200 } as const

/**
 * Cards still in (re)learning steps that fall due within this window are shown
 * now rather than making the learner wait minutes with nothing to do (Anki's
 * "learn ahead limit"). A card rated "Got it" in a lesson is due again in ten
 * minutes, so it is already in the queue when the learner opens /review.
 */
export const LEARN_AHEAD_MS = 20 * 60_000

export type ReviewSource = 'lesson' | 'review' | 'rehearsal'

export const GRADES = [
  { rating: Rating.Again, label: 'Again', key: '1' },
  { rating: Rating.Hard, label: 'Hard', key: '2' },
  { rating: Rating.Good, label: 'Good', key: '3' },
  { rating: Rating.Easy, label: 'Easy', key: '4' },
] as const satisfies readonly { rating: Grade; label: string; key: string }[]

/** A progress event as both the browser's outbox and the database hold it. */
export interface ReviewEvent {
  /** The event's identity: the client event id in the browser, the row id on the server. */
  id: string
  type: string
  payload: Record<string, unknown>
  occurredAt: Date | string
}

export interface GradeEvent {
  rating: Grade
  source: ReviewSource
}

/**
 * What a progress event says about recall, if anything. A flip card's "Got it"
 * is a Good first review and "Again" an Again; an interview question's "Nailed
 * it" is Good, "Partly" Hard and "Missed" Again, whether it was answered in a
 * lesson or in a mock interview.
 */
export function gradeOf(event: Pick<ReviewEvent, 'type' | 'payload'>): GradeEvent | undefined {
  const { rating } = event.payload
  switch (event.type) {
    case 'card.rated':
      if (rating === 'got-it') return { rating: Rating.Good, source: 'lesson' }
      if (rating === 'again') return { rating: Rating.Again, source: 'lesson' }
      return undefined
    case 'interview.rated': {
      const source: ReviewSource = event.payload.via === 'rehearsal' ? 'rehearsal' : 'lesson'
      if (rating === 'nailed') return { rating: Rating.Good, source }
      if (rating === 'partly') return { rating: Rating.Hard, source }
      if (rating === 'missed') return { rating: Rating.Again, source }
      return undefined
    }
    case 'review.graded':
      return isGrade(rating) ? { rating, source: 'review' } : undefined
    default:
      return undefined
  }
}

export function isGrade(value: unknown): value is Grade {
  return value === 1 || value === 2 || value === 3 || value === 4
}

const schedulers = new Map<number, FSRS>()

/** ts-fsrs with our parameters; one instance per desired retention. Fuzz off, so a replay is deterministic. */
export function schedulerFor(desiredRetention: number): FSRS {
  const retention = clampRetention(desiredRetention)
  let scheduler = schedulers.get(retention)
  if (!scheduler) {
    scheduler = fsrs(generatorParameters({ request_retention: retention, enable_fuzz: false, enable_short_term: true }))
    schedulers.set(retention, scheduler)
  }
  return scheduler
}

export function clampRetention(value: number): number {
  if (!Number.isFinite(value)) return DEFAULT_REVIEW_SETTINGS.desiredRetention
  return Math.round(Math.min(RETENTION_RANGE.max, Math.max(RETENTION_RANGE.min, value)) * 100) / 100
}

/** One grade as it was applied: what the optimiser and the statistics read. */
export interface ReviewLogEntry {
  eventId: string
  rating: Grade
  source: ReviewSource
  stateBefore: State
  stateAfter: State
  /** Days since the previous grade, fractional; 0 for a card's first grade. */
  elapsedDays: number
  scheduledDays: number
  stabilityAfter: number
  difficultyAfter: number
  dueAfter: Date
  reviewedAt: Date
}

export interface ReplayResult {
  /** Undefined while the card has no grade that counts. */
  card?: Card
  logs: ReviewLogEntry[]
}

const DAY_MS = 86_400_000

/**
 * Replays one card's events into its schedule. Events are taken in the
 * learner's order (occurredAt, then the order given, which is the order they
 * were recorded), grades undone by a `review.undone` event are skipped, and
 * events that are not grades are ignored.
 *
 * `from` is the card as its earlier grades left it, when every event given
 * comes after them: the result is then the replay of all of them together.
 */
export function replayCard(events: readonly ReviewEvent[], desiredRetention: number, from?: Card): ReplayResult {
  const scheduler = schedulerFor(desiredRetention)
  const undone = new Set<string>()
  for (const event of events) {
    const target = event.payload.undoes
    if (event.type === 'review.undone' && typeof target === 'string') undone.add(target.toLowerCase())
  }
  const ordered = events
    .map((event, index) => ({ event, index, time: new Date(event.occurredAt).getTime() }))
    .filter(({ time }) => Number.isFinite(time))
    .sort((a, b) => a.time - b.time || a.index - b.index)

  let card: Card | undefined = from
  const logs: ReviewLogEntry[] = []
  for (const { event, time } of ordered) {
    if (undone.has(event.id.toLowerCase())) continue
    const grade = gradeOf(event)
    if (!grade) continue
    const reviewedAt = new Date(time)
    const before: Card = card ?? createEmptyCard<Card>(reviewedAt)
    const { card: after } = scheduler.next(before, reviewedAt, grade.rating)
    logs.push({
      eventId: event.id,
      rating: grade.rating,
      source: grade.source,
      stateBefore: before.state,
      stateAfter: after.state,
      elapsedDays: before.last_review ? Math.max(0, (time - before.last_review.getTime()) / DAY_MS) : 0,
      scheduledDays: after.scheduled_days,
      stabilityAfter: after.stability,
      difficultyAfter: after.difficulty,
      dueAfter: after.due,
      reviewedAt,
    })
    card = after
  }
  return card ? { card, logs } : { logs }
}

/** The card after one more grade, for instant feedback before the server has the event. */
export function gradeCard(card: Card | undefined, rating: Grade, now: Date, desiredRetention: number): Card {
  return schedulerFor(desiredRetention).next(card ?? createEmptyCard(now), now, rating).card
}

export interface GradePreview {
  rating: Grade
  label: string
  key: string
  due: Date
  /** "1 min", "10 min", "3 days", "2 mo". */
  interval: string
}

/** What each of the four grades would do to the card now (ts-fsrs's repeat gives all four outcomes). */
export function previewGrades(card: Card | undefined, now: Date, desiredRetention: number): GradePreview[] {
  const outcomes = schedulerFor(desiredRetention).repeat(card ?? createEmptyCard(now), now)
  return GRADES.map(({ rating, label, key }) => {
    const due = outcomes[rating].card.due
    return { rating, label, key, due, interval: formatInterval(due.getTime() - now.getTime()) }
  })
}

/** A short, readable interval: under an hour in minutes, under a day in hours, then days, months, years. */
export function formatInterval(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000))
  if (minutes < 60) return `${minutes} min`
  const hours = Math.round(minutes / 60)
  if (hours < 24) return `${hours} h`
  const days = Math.round(ms / DAY_MS)
  if (days < 31) return days === 1 ? '1 day' : `${days} days`
  const months = days / 30.4
  if (months < 12) return `${Math.round(months)} mo`
  const years = days / 365
  return `${years < 10 ? years.toFixed(1).replace(/\.0$/, '') : Math.round(years)} yr`
}

/** Whether the card belongs in a review session that starts now (due, or a learning step due within the learn-ahead window). */
export function isDue(card: Pick<Card, 'due' | 'state'>, now: Date): boolean {
  const due = new Date(card.due).getTime()
  if (due <= now.getTime()) return true
  const learning = card.state === State.Learning || card.state === State.Relearning
  return learning && due <= now.getTime() + LEARN_AHEAD_MS
}

/** The chance of recalling the card now, by FSRS's forgetting curve; 0 for a card never graded. */
export function retrievability(card: Card | undefined, now: Date, desiredRetention: number): number {
  if (!card || card.state === State.New) return 0
  return schedulerFor(desiredRetention).get_retrievability(card, now, false)
}

export const STATE_NAMES = {
  [State.New]: 'NEW',
  [State.Learning]: 'LEARNING',
  [State.Review]: 'REVIEW',
  [State.Relearning]: 'RELEARNING',
} as const satisfies Record<State, string>

export type StateName = (typeof STATE_NAMES)[State]

export function stateFromName(name: StateName): State {
  return { NEW: State.New, LEARNING: State.Learning, REVIEW: State.Review, RELEARNING: State.Relearning }[name]
}

/** A card as JSON carries it (dates as ISO strings), back into ts-fsrs's shape. */
export interface CardJson {
  due: string
  stability: number
  difficulty: number
  elapsedDays: number
  scheduledDays: number
  learningSteps: number
  reps: number
  lapses: number
  state: StateName
  lastReview: string
}

export function cardToJson(card: Card): CardJson {
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: STATE_NAMES[card.state],
    lastReview: (card.last_review ?? card.due).toISOString(),
  }
}

export function cardFromJson(json: CardJson): Card {
  return {
    due: new Date(json.due),
    stability: json.stability,
    difficulty: json.difficulty,
    elapsed_days: json.elapsedDays,
    scheduled_days: json.scheduledDays,
    learning_steps: json.learningSteps,
    reps: json.reps,
    lapses: json.lapses,
    state: stateFromName(json.state),
    last_review: new Date(json.lastReview),
  }
}
