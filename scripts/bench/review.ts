/**
 * The review queue fetch for a learner with 2,000 cards: GET /api/review/queue
 * over HTTP, as the review page asks it. The cards are seeded straight into
 * the catalogue and review_cards (a synthetic course of 2,000 flip cards, a
 * third of them due, the rest spread over the next two months), the shape of
 * a learner months into several courses. The population's own cards under
 * review (about 20,000) are seeded with it. A checkout without the review API
 * (app/api/review/queue) or its table reports the figure as not available.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { latencyOf, type Latency } from './load'

export const REVIEW_CARDS = 2000

export type ReviewFigures =
  | { available: true; cards: number; requests: number; latency: Latency }
  | { available: false; reason: string }

const COURSE = 'bench-review'

async function hasReviewTable(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ found: boolean }>(`SELECT to_regclass('review_cards') IS NOT NULL AS found`)
  return rows[0]?.found ?? false
}

/**
 * Cards under review for the population, about 20,000 as the issue sets: each
 * student's first 20 flip cards and interview questions graded in a lesson,
 * scheduled from that grade (days out for a right answer, minutes for a wrong
 * one), roughly where FSRS would put them. Returns the number of cards, or null
 * when this checkout has no review table.
 */
export async function seedPopulationCards(client: pg.Client, perStudent = 20): Promise<number | null> {
  if (!(await hasReviewTable(client))) return null
  const result = await client.query(
    `INSERT INTO review_cards (user_id, item_id, due, stability, difficulty, elapsed_days, scheduled_days,
       learning_steps, reps, lapses, state, last_review)
     SELECT user_id, item_id,
       last_answered_at + CASE WHEN last_correct THEN interval '4 days' ELSE interval '10 minutes' END,
       CASE WHEN last_correct THEN 3.2 ELSE 0.4 END, 5.0, 0, CASE WHEN last_correct THEN 4 ELSE 0 END, 0,
       attempts, CASE WHEN last_correct THEN 0 ELSE 1 END,
       (CASE WHEN last_correct THEN 'REVIEW' ELSE 'RELEARNING' END)::review_state, last_answered_at
     FROM (
       SELECT s.*, row_number() OVER (PARTITION BY s.user_id ORDER BY s.first_answered_at, s.item_id) AS n
       FROM item_states s JOIN items i ON i.id = s.item_id
       WHERE i.kind IN ('flip-card', 'interview') AND s.last_answered_at IS NOT NULL
     ) graded
     WHERE n <= $1`,
    [perStudent],
  )
  return result.rowCount ?? 0
}

async function seedReviewCards(databaseUrl: string, userId: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query('BEGIN')
    await client.query(
      `INSERT INTO courses (slug, title, summary, position, content_hash) VALUES ($1, 'Bench review', 'Cards', 99, 'bench')
       ON CONFLICT (slug) DO NOTHING`,
      [COURSE],
    )
    await client.query(
      `INSERT INTO course_modules (id, course_slug, slug, title, position) VALUES ($1 || '/cards', $1, 'cards', 'Cards', 0)
       ON CONFLICT (id) DO NOTHING`,
      [COURSE],
    )
    await client.query(
      `INSERT INTO lessons (id, course_slug, module_id, slug, title, summary, minutes, position, content_hash)
       VALUES ($1 || '/cards', $1, $1 || '/cards', 'cards', 'Cards', 'Cards', 5, 0, 'bench')
       ON CONFLICT (id) DO NOTHING`,
      [COURSE],
    )
    await client.query(
      `INSERT INTO items (id, lesson_id, kind, label, position, content_hash)
       SELECT $1 || '/card-' || n, $1 || '/cards', 'flip-card', 'Card ' || n, n, 'bench'
       FROM generate_series(0, $2::int - 1) AS n
       ON CONFLICT (id) DO NOTHING`,
      [COURSE, REVIEW_CARDS],
    )
    await client.query(
      `INSERT INTO review_cards (user_id, item_id, due, stability, difficulty, elapsed_days, scheduled_days,
         learning_steps, reps, lapses, state, last_review)
       SELECT $1, $2 || '/card-' || n,
              now() + ((n % 90) - 30) * interval '1 day' + (n % 1440) * interval '1 minute',
              10 + n % 50, 5, 3, 10, 0, 4, n % 3, 'REVIEW', now() - interval '10 days'
       FROM generate_series(0, $3::int - 1) AS n
       ON CONFLICT (user_id, item_id) DO NOTHING`,
      [userId, COURSE, REVIEW_CARDS],
    )
    await client.query('COMMIT')
    await client.query('ANALYZE review_cards')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    await client.end()
  }
}

export async function measureReviewQueue(options: {
  root: string
  serverUrl: string
  databaseUrl: string
  learner: { userId: string; cookie: string }
  requests?: number
}): Promise<ReviewFigures> {
  if (!existsSync(path.join(options.root, 'app', 'api', 'review', 'queue', 'route.ts'))) {
    return { available: false, reason: 'not available yet: this checkout has no review API (app/api/review/queue)' }
  }
  await seedReviewCards(options.databaseUrl, options.learner.userId)
  const url = `${options.serverUrl}/api/review/queue?tz=UTC`
  const fetchQueue = async () => {
    const response = await fetch(url, { headers: { cookie: options.learner.cookie } })
    const body = (await response.json()) as { dueTotal?: number }
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`)
    return body
  }
  const first = await fetchQueue()
  if (!first.dueTotal || first.dueTotal < REVIEW_CARDS / 4) throw new Error(`${url} found ${first.dueTotal ?? 0} due cards of ${REVIEW_CARDS}`)
  for (let i = 0; i < 5; i++) await fetchQueue()
  const times: number[] = []
  for (let i = 0; i < (options.requests ?? 200); i++) {
    const started = performance.now()
    await fetchQueue()
    times.push(performance.now() - started)
  }
  return { available: true, cards: REVIEW_CARDS, requests: times.length, latency: latencyOf(times) }
}
