import type { ReviewCardEntry } from '@/lib/content/types'
import type { SelfRating } from '@/lib/drills/interview'
import { retrievability, State, type Card } from './scheduler'

/**
 * A mock interview: which questions to ask, and what the results were. Pure,
 * so the choice of "my weakest" questions is unit-tested directly.
 */

export type InterviewEntry = Extract<ReviewCardEntry, { kind: 'interview' }>

export type Selection = { kind: 'all' } | { kind: 'modules'; modules: string[] } | { kind: 'weakest' }

export const REHEARSAL_LENGTHS = [3, 5, 10] as const

/**
 * The learner's weakest questions first: those answered before, least likely
 * to be recalled now by FSRS's forgetting curve, then due soonest (a miss
 * ranks first), then those never answered, in course order.
 */
export function weakestFirst(
  questions: readonly InterviewEntry[],
  cards: ReadonlyMap<string, Card>,
  now: Date,
  desiredRetention: number,
): InterviewEntry[] {
  const answered = questions
    .filter((question) => cards.get(question.id) && cards.get(question.id)?.state !== State.New)
    .map((question) => {
      const card = cards.get(question.id)!
      return { question, recall: retrievability(card, now, desiredRetention), due: card.due.getTime(), lapses: card.lapses }
    })
    // FSRS counts elapsed time in whole days, so answers from today tie on recall; the one due soonest
    // (a miss comes back in a minute) is the weaker.
    .sort((a, b) => a.recall - b.recall || a.due - b.due || b.lapses - a.lapses)
    .map(({ question }) => question)
  const unanswered = questions.filter((question) => !answered.includes(question))
  return [...answered, ...unanswered]
}

/** The questions for one mock interview, `length` at most. Shuffled unless the learner asked for their weakest. */
export function pickQuestions({
  questions,
  selection,
  length,
  cards,
  now,
  desiredRetention,
  random = Math.random,
}: {
  questions: readonly InterviewEntry[]
  selection: Selection
  length: number
  cards: ReadonlyMap<string, Card>
  now: Date
  desiredRetention: number
  random?: () => number
}): InterviewEntry[] {
  if (selection.kind === 'weakest') return weakestFirst(questions, cards, now, desiredRetention).slice(0, length)
  const pool =
    selection.kind === 'modules' ? questions.filter((question) => selection.modules.includes(question.moduleSlug)) : [...questions]
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[pool[i], pool[j]] = [pool[j]!, pool[i]!]
  }
  return pool.slice(0, length)
}

export interface RehearsalAnswer {
  itemId: string
  rating: SelfRating
  seconds: number
}

export interface RehearsalRecord {
  at: string
  courseSlug: string
  answers: RehearsalAnswer[]
}

export function summariseRehearsal(answers: readonly RehearsalAnswer[]): Record<SelfRating, number> & { seconds: number } {
  const totals = { nailed: 0, partly: 0, missed: 0, seconds: 0 }
  for (const answer of answers) {
    totals[answer.rating] += 1
    totals.seconds += answer.seconds
  }
  return totals
}

export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds))
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`
}

export const REHEARSALS_KEY = 'drydock:rehearsals'

/** The last few mock interviews, kept in this browser (the answers themselves are progress events). */
export function readRehearsals(): RehearsalRecord[] {
  try {
    const value = JSON.parse(window.localStorage.getItem(REHEARSALS_KEY) ?? '[]') as unknown
    return Array.isArray(value) ? (value as RehearsalRecord[]).slice(0, 10) : []
  } catch {
    return []
  }
}

export function saveRehearsal(record: RehearsalRecord): void {
  try {
    window.localStorage.setItem(REHEARSALS_KEY, JSON.stringify([record, ...readRehearsals()].slice(0, 10)))
  } catch {
    // Storage refused: the answers are still saved as progress events.
  }
}
