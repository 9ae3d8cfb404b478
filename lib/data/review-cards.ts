import { createHash } from 'node:crypto'
import type { Card } from 'ts-fsrs'
import { preparedTransaction, type PreparedStatement, type RunPrepared } from '@/lib/db/pool'
import {
  cardFromJson,
  cardToJson,
  DEFAULT_REVIEW_SETTINGS,
  gradeOf,
  REVIEW_EVENT_TYPES,
  REVIEWABLE_KINDS,
  replayCard,
  STATE_NAMES,
  type CardJson,
  type ReviewLogEntry,
  type ReviewSettings,
  type StateName,
} from '@/lib/review/scheduler'

/**
 * Review schedules, derived from progress events. A card's schedule is the
 * replay of its graded events (lib/review/scheduler.ts); the progress write
 * updates the cards a batch touched in the batch's own transaction
 * (updateReviewCards) and writes review_cards (the due queue reads it) and
 * review_logs (statistics, and the history FSRS's parameters can later be
 * fitted to). Plain prepared statements, no Prisma: the progress upload
 * answered in front of Next.js runs this (DECISIONS #28).
 */

// Serialises one learner's replays. A replay reads every event already
// committed, so whichever replay takes the lock last has seen every event, and
// an older replay can never overwrite a newer one. Progress writes with grades
// take it before they insert, so their events and their cards commit together.
export function reviewLockKey(userId: string): bigint {
  return createHash('sha256').update(`drydock.review:${userId}`).digest().readBigInt64BE(0)
}

const CARD_COLUMNS = `
  user_id, item_id, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps,
  reps, lapses, state, last_review, updated_at`

/** Upserts review_cards from $3, cards as jsonb (cardToJson plus item_id), for user $1. */
const CARD_UPSERT = `
  INSERT INTO review_cards AS c (${CARD_COLUMNS})
  SELECT $1, item_id, due, stability, difficulty, "elapsedDays", "scheduledDays", "learningSteps",
    reps, lapses, state::review_state, "lastReview", now()
  FROM jsonb_to_recordset($3::jsonb) AS x(
    item_id text, due timestamptz, stability float8, difficulty float8, "elapsedDays" int, "scheduledDays" int,
    "learningSteps" int, reps int, lapses int, state text, "lastReview" timestamptz)
  ORDER BY item_id
  ON CONFLICT (user_id, item_id) DO UPDATE SET
    due = excluded.due, stability = excluded.stability, difficulty = excluded.difficulty,
    elapsed_days = excluded.elapsed_days, scheduled_days = excluded.scheduled_days,
    learning_steps = excluded.learning_steps, reps = excluded.reps, lapses = excluded.lapses,
    state = excluded.state, last_review = excluded.last_review, updated_at = now()`

/** Inserts review_logs from $2, logs as jsonb, for user $1. */
const LOG_INSERT = `
  INSERT INTO review_logs (
    event_id, user_id, item_id, rating, source, state_before, state_after, elapsed_days, scheduled_days,
    stability_after, difficulty_after, due_after, reviewed_at)
  SELECT event_id, $1, item_id, rating, source, state_before::review_state, state_after::review_state,
    elapsed_days, scheduled_days, stability_after, difficulty_after, due_after, reviewed_at
  FROM jsonb_to_recordset($2::jsonb) AS x(
    event_id bigint, item_id text, rating smallint, source text, state_before text, state_after text,
    elapsed_days float8, scheduled_days int, stability_after float8, difficulty_after float8,
    due_after timestamptz, reviewed_at timestamptz)`

/**
 * Each reviewable item's card, its last logged grade, and whether the learner ever undid a grade
 * of it (review.undone is rare: its index entries are few), with the learner's desired retention,
 * null while they never saved settings. SQL over the given parameter references: the progress
 * write embeds it in its insert (lib/data/progress-write.ts), so a graded upload reads its cards
 * in the same round trip. That statement cannot see its own new rows, so it names the batch's
 * undos too (`undoneInBatch`, a query over `i.id`).
 */
export function cardHeadsSql(params: { user: string; items: string; kinds: string; undoneInBatch: string }): string {
  return `
      SELECT i.id AS item_id,
        (SELECT desired_retention FROM review_settings WHERE user_id = ${params.user}) AS desired_retention, c.due, c.stability, c.difficulty, c.elapsed_days, c.scheduled_days,
        c.learning_steps, c.reps, c.lapses, c.state::text AS state, c.last_review,
        l.reviewed_at AS last_reviewed_at, l.event_id::text AS last_event_id,
        EXISTS (
          SELECT 1 FROM progress_events e WHERE e.item_id = i.id AND e.type = 'review.undone' AND e.user_id = ${params.user}
        ) OR EXISTS (${params.undoneInBatch}) AS has_undo
      FROM items i
      LEFT JOIN review_cards c ON c.user_id = ${params.user} AND c.item_id = i.id
      LEFT JOIN LATERAL (
        SELECT reviewed_at, event_id FROM review_logs r
        WHERE r.user_id = ${params.user} AND r.item_id = i.id
        ORDER BY reviewed_at DESC, event_id DESC LIMIT 1
      ) l ON true
      WHERE i.id = ANY (${params.items}) AND i.kind = ANY (${params.kinds})`
}

// Prepared statements of the replay (lib/db/pool.ts); progress writes run them for every batch with grades.
const replay = {
  // $1 user, $2 item ids, $3 event types, $4 kinds.
  events: {
    name: 'review.replay-events.2',
    plan: 'per-run',
    text: `
      SELECT e.id, e.client_event_id AS "clientEventId", e.item_id AS "itemId", e.type, e.payload, e.occurred_at AS "occurredAt"
      FROM progress_events e
      JOIN items i ON i.id = e.item_id
      WHERE e.user_id = $1 AND e.item_id = ANY ($2::text[]) AND e.type = ANY ($3::text[]) AND i.kind = ANY ($4::text[])
      ORDER BY e.item_id, e.occurred_at, e.id`,
  },
  // $1 user, $2 item ids, $3 cards as jsonb. Cards and logs of these items are replaced whole:
  // a late upload or an undo can change every later entry.
  cards: {
    name: 'review.replay-cards.2',
    text: `
      WITH gone AS (
        DELETE FROM review_logs WHERE user_id = $1 AND item_id = ANY ($2::text[])
      ), upsert AS (${CARD_UPSERT}
        RETURNING item_id
      )
      DELETE FROM review_cards
      WHERE user_id = $1 AND item_id = ANY ($2::text[])
        AND item_id NOT IN (SELECT jsonb_array_elements($3::jsonb) ->> 'item_id')`,
  },
  // $1 user, $2 logs as jsonb.
  logs: { name: 'review.replay-logs.2', text: LOG_INSERT },
  // $1 user, $2 logs as jsonb, $3 cards as jsonb: grades added after every logged one.
  append: {
    name: 'review.append-grades.1',
    text: `
      WITH upsert AS (${CARD_UPSERT}
      )
      ${LOG_INSERT}`,
  },
} satisfies Record<string, PreparedStatement>

type ReviewLogRow = Record<string, unknown>

function logRow(itemId: string, eventId: string | undefined, log: ReviewLogEntry): ReviewLogRow {
  return {
    event_id: eventId,
    item_id: itemId,
    rating: log.rating,
    source: log.source,
    state_before: STATE_NAMES[log.stateBefore],
    state_after: STATE_NAMES[log.stateAfter],
    elapsed_days: log.elapsedDays,
    scheduled_days: log.scheduledDays,
    stability_after: log.stabilityAfter,
    difficulty_after: log.difficultyAfter,
    due_after: log.dueAfter.toISOString(),
    reviewed_at: log.reviewedAt.toISOString(),
  }
}

/** Replays the named cards whole from their events, within `run`'s transaction, under reviewLockKey. */
async function replayWhole(run: RunPrepared, userId: string, ids: readonly string[], desiredRetention: number): Promise<void> {
  if (ids.length === 0) return
  const events = await run<StoredReviewEvent>(replay.events, [userId, ids, REVIEW_EVENT_TYPES, REVIEWABLE_KINDS])
  const byItem = new Map<string, StoredReviewEvent[]>()
  for (const event of events) {
    const list = byItem.get(event.itemId) ?? []
    list.push(event)
    byItem.set(event.itemId, list)
  }

  const cards: CardRow[] = []
  const logs: ReviewLogRow[] = []
  for (const [itemId, itemEvents] of byItem) {
    const replayed = replayRows(itemId, itemEvents, desiredRetention)
    if (replayed.card) cards.push(replayed.card)
    logs.push(...replayed.logs)
  }

  await run(replay.cards, [userId, ids, JSON.stringify(cards)])
  if (logs.length > 0) await run(replay.logs, [userId, JSON.stringify(logs)])
}

type CardRow = CardJson & { item_id: string }

/**
 * One card's events, in the order the scheduler takes them, as the card and log rows they make;
 * `from` is the stored card when the events all follow its history (replayCard).
 */
function replayRows(
  itemId: string,
  events: readonly StoredReviewEvent[],
  desiredRetention: number,
  from?: Card,
): { card?: CardRow; logs: ReviewLogRow[] } {
  // Undo events name the grade by its client id; logs are keyed by the stored row.
  const rowIds = new Map(events.map((event) => [event.clientEventId, event.id]))
  const { card, logs } = replayCard(
    events.map((event) => ({ id: event.clientEventId, type: event.type, payload: event.payload, occurredAt: event.occurredAt })),
    desiredRetention,
    from,
  )
  return {
    card: card && { item_id: itemId, ...cardToJson(card) },
    logs: logs.map((log) => logRow(itemId, rowIds.get(log.eventId), log)),
  }
}

/** Replays the named cards (catalogue ids, "<course>/<item>") for one learner and stores the result. */
export async function refreshReviewCards(userId: string, itemIds: readonly string[]): Promise<void> {
  const ids = [...new Set(itemIds)].sort()
  if (ids.length === 0) return
  await preparedTransaction(
    async (run) => {
      const { desiredRetention } = await readSettings(run, userId)
      await replayWhole(run, userId, ids, desiredRetention)
    },
    { advisoryLock: reviewLockKey(userId) },
  )
}

/** A review event the current transaction has just stored. */
export interface StoredReviewEvent {
  /** The stored row's id. */
  id: string
  clientEventId: string
  /** Catalogue id, "<course>/<item>". */
  itemId: string
  type: string
  payload: Record<string, unknown>
  occurredAt: Date
}

/**
 * Brings the schedules of the cards a batch touched up to date, within the
 * batch's transaction and under the learner's lock (reviewLockKey), so the events and the schedules
 * they make commit together.
 *
 * A card whose new grades all come after its last logged grade, with no undo
 * ever, takes them on top of its stored state: the same card and logs a whole
 * replay makes, without reading and rewriting its history. Any other card (an
 * undo, a late offline upload, events of a retried batch, `retried`) is
 * replayed whole from its events. `heads` are cardHeadsSql's rows for the cards of
 * `fresh`, read by the statement that stored them.
 */
export async function updateReviewCards(
  run: RunPrepared,
  userId: string,
  fresh: readonly StoredReviewEvent[],
  retried: readonly string[],
  heads: readonly CardHead[],
): Promise<void> {
  const whole = new Set(retried)
  const freshByItem = new Map<string, StoredReviewEvent[]>()
  for (const event of fresh) {
    if (whole.has(event.itemId)) continue
    const list = freshByItem.get(event.itemId) ?? []
    list.push(event)
    freshByItem.set(event.itemId, list)
  }
  if (whole.size === 0 && freshByItem.size === 0) return

  let desiredRetention: number | undefined
  const cards: CardRow[] = []
  const logs: ReviewLogRow[] = []
  if (freshByItem.size > 0) {
    for (const head of heads) {
      if (!freshByItem.has(head.item_id)) continue
      desiredRetention = head.desired_retention ?? DEFAULT_REVIEW_SETTINGS.desiredRetention
      const events = [...(freshByItem.get(head.item_id) ?? [])].sort(
        (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || compareIds(a.id, b.id),
      )
      const from = appendable(head, events)
      if (from === false) {
        whole.add(head.item_id)
        continue
      }
      const replayed = replayRows(head.item_id, events, desiredRetention, from)
      if (!replayed.card || replayed.logs.length === 0) continue
      cards.push(replayed.card)
      logs.push(...replayed.logs)
    }
  }
  if (logs.length > 0) await run(replay.append, [userId, JSON.stringify(logs), JSON.stringify(cards)])
  if (whole.size > 0) {
    desiredRetention ??= (await readSettings(run, userId)).desiredRetention
    await replayWhole(run, userId, [...whole].sort(), desiredRetention)
  }
}

/** A row of cardHeadsSql. */
export interface CardHead {
  item_id: string
  desired_retention: number | null
  due: Date | null
  stability: number | null
  difficulty: number | null
  elapsed_days: number | null
  scheduled_days: number | null
  learning_steps: number | null
  reps: number | null
  lapses: number | null
  state: StateName | null
  last_review: Date | null
  last_reviewed_at: Date | null
  last_event_id: string | null
  has_undo: boolean
}

/** Row ids are bigints as text: compared as numbers. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)
}

/**
 * The card the new events continue from (undefined for a card never graded),
 * or false when they cannot simply follow its history and it must be replayed whole.
 */
function appendable(head: CardHead, events: readonly StoredReviewEvent[]): Card | undefined | false {
  if (head.has_undo) return false
  const hasCard = head.due !== null
  const hasLog = head.last_reviewed_at !== null && head.last_event_id !== null
  if (hasCard !== hasLog) return false
  if (!hasCard) return undefined
  const lastTime = (head.last_reviewed_at as Date).getTime()
  const lastId = head.last_event_id as string
  const follows = events.every((event) => {
    if (!gradeOf(event)) return true
    const time = event.occurredAt.getTime()
    return time > lastTime || (time === lastTime && compareIds(event.id, lastId) > 0)
  })
  if (!follows) return false
  return cardFromJson({
    due: (head.due as Date).toISOString(),
    stability: head.stability as number,
    difficulty: head.difficulty as number,
    elapsedDays: head.elapsed_days as number,
    scheduledDays: head.scheduled_days as number,
    learningSteps: head.learning_steps as number,
    reps: head.reps as number,
    lapses: head.lapses as number,
    state: head.state as StateName,
    lastReview: (head.last_review as Date).toISOString(),
  })
}

export interface StoredReviewSettings extends ReviewSettings {
  /** False while the learner has never saved settings (the defaults apply). */
  saved: boolean
}

const settingsStatement: PreparedStatement = {
  name: 'review.settings.1',
  text: 'SELECT desired_retention, new_cards_per_day FROM review_settings WHERE user_id = $1',
}

/** The learner's settings, read by `run` (within a transaction, or `prepared`). */
export async function readSettings(run: RunPrepared, userId: string): Promise<StoredReviewSettings> {
  const rows = await run<{ desired_retention: number; new_cards_per_day: number }>(settingsStatement, [userId])
  const row = rows[0]
  return row
    ? { desiredRetention: row.desired_retention, newCardsPerDay: row.new_cards_per_day, saved: true }
    : { ...DEFAULT_REVIEW_SETTINGS, saved: false }
}
