/**
 * Progress writes through the real route (POST /api/progress, signed-in
 * students, same-origin, fresh client ids), in batches and as single events,
 * then a check that PostgreSQL holds exactly what the server acknowledged.
 * The ceiling is a plain `pg` INSERT of the same rows from this process, over a
 * pool the size of the app's.
 */
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import type { CourseEntry } from '@/lib/content/types'
import { latencyOf, runLoad, runPaced, type Latency, type LoadOptions, type LoadResult } from './load'
import type { StatementCounter } from './dashboard'
import type { SignedIn } from './population'

export const PROGRESS_CONNECTIONS = 100
/** Events per upload in batch mode: an outbox after a lesson's worth of answers. */
export const BATCH_SIZE = 50
/** The rate the latency budget is checked at, in events per second. */
export const BUDGET_EVENTS_PER_SECOND = 1500

interface Target {
  courseSlug: string
  lessonSlug: string
  itemId: string
  kind: string
}

function targets(course: CourseEntry): Target[] {
  return course.modules.flatMap((module) =>
    module.lessons.flatMap((lesson) =>
      lesson.items.map((item) => ({ courseSlug: course.slug, lessonSlug: lesson.slug, itemId: item.id, kind: item.kind })),
    ),
  )
}

function eventFor(target: Target, index: number) {
  const correct = index % 3 !== 0
  const base = {
    clientEventId: randomUUID(),
    courseSlug: target.courseSlug,
    lessonSlug: target.lessonSlug,
    itemId: target.itemId,
    occurredAt: new Date().toISOString(),
  }
  if (target.kind === 'flip-card') return { ...base, type: 'card.rated', payload: { rating: correct ? 'got-it' : 'again', correct, completed: true } }
  if (target.kind === 'quiz-question') return { ...base, type: 'quiz.answered', payload: { selected: ['a'], correct, completed: correct } }
  return { ...base, type: 'item.viewed', payload: {} }
}

export interface WriteRun {
  mode: 'batch' | 'single'
  /** SQL statements per answered request, counted by PostgreSQL. */
  queries: number
  eventsPerRequest: number
  /** Offered rate in requests/s; null for as fast as the server answers. */
  rate: number | null
  load: LoadResult
  eventsPerSecond: number
  acknowledged: number
  duplicates: number
}

export interface CeilingRun {
  eventsPerRequest: number
  eventsPerSecond: number
  latency: Latency
}

export interface ProgressFigures {
  runs: WriteRun[]
  ceilings: CeilingRun[]
  /** Distinct events sent during the runs. */
  sent: number
  /** Events the server named as stored or already stored during the runs. */
  acknowledged: number
  /** Sent but unanswered when a run's clock stopped (or refused): sent again afterwards, as the browser's outbox does. */
  resent: number
  /** Acknowledged after the resend: every event sent. */
  acknowledgedAfterResend: number
  /** Events the runs added to PostgreSQL, counted there. */
  stored: number
  /** Events acknowledged as newly stored more than once. */
  doubled: number
}

async function countEvents(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM progress_events')
  return Number(rows[0]?.n ?? 0)
}

/**
 * Waits until the server has finished the uploads a run left in flight (the count of stored
 * events holds still for half a second), so a run at a set rate measures that rate and not
 * the queue a full-speed run left behind it. Returns how long that took, in ms.
 */
async function settle(client: pg.Client, timeoutMs = 30_000): Promise<number> {
  const started = performance.now()
  let last = await countEvents(client)
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500))
    const now = await countEvents(client)
    if (now === last || performance.now() - started > timeoutMs) return performance.now() - started
    last = now
  }
}

export async function measureProgress(options: {
  serverUrl: string
  databaseUrl: string
  poolSize: number
  course: CourseEntry
  students: SignedIn[]
  seconds: number
  counter: StatementCounter
  log: (message: string) => void
}): Promise<ProgressFigures> {
  const { serverUrl, students, seconds, log } = options
  const all = targets(options.course)
  let turn = 0
  type SentEvent = ReturnType<typeof eventFor>
  /** Every event sent, by id, with the student it was sent for; removed once acknowledged. */
  const unacknowledged = new Map<string, { token: string; event: SentEvent }>()
  const acceptedOnce = new Set<string>()
  let sent = 0
  let doubled = 0
  const acknowledge = (result: { accepted: string[]; duplicates: string[] }) => {
    for (const id of result.accepted) {
      if (acceptedOnce.has(id)) doubled += 1
      acceptedOnce.add(id)
      unacknowledged.delete(id)
    }
    for (const id of result.duplicates) unacknowledged.delete(id)
  }
  const client = new pg.Client({ connectionString: options.databaseUrl })
  await client.connect()
  const runs: WriteRun[] = []
  const ceilings: CeilingRun[] = []
  let acknowledgedTotal = 0
  try {
    const before = await countEvents(client)

    const write = async (mode: WriteRun['mode'], rate: number | null): Promise<WriteRun> => {
      const size = mode === 'batch' ? BATCH_SIZE : 1
      const settled = await settle(client)
      if (settled > 600) log(`  waited ${(settled / 1000).toFixed(1)} s for the server to finish the previous run's uploads`)
      let acknowledged = 0
      let duplicates = 0
      await options.counter.reset()
      const request: LoadOptions = {
        url: `${serverUrl}/api/progress`,
        method: 'POST',
        connections: PROGRESS_CONNECTIONS,
        seconds,
        headers: { 'content-type': 'application/json', origin: serverUrl },
        build: () => {
          turn += 1
          const student = students[turn % students.length] as SignedIn
          const events = Array.from({ length: size }, (_, i) => eventFor(all[(turn * size + i) % all.length] as Target, i))
          for (const event of events) unacknowledged.set(event.clientEventId, { token: student.token, event })
          sent += events.length
          return { body: JSON.stringify({ events }), headers: { cookie: `drydock_session=${student.token}` } }
        },
        onResponse: (status, body) => {
          if (status !== 200) return
          const result = JSON.parse(body) as { accepted: string[]; duplicates: string[] }
          acknowledged += result.accepted.length
          duplicates += result.duplicates.length
          acknowledge(result)
        },
      }
      // At full speed autocannon keeps every connection busy; at a set rate uploads arrive
      // independently of each other, as learners' outboxes send them (runPaced).
      const load = rate === null ? await runLoad(request) : await runPaced({ ...request, rate })
      const statements = await options.counter.count()
      acknowledgedTotal += acknowledged
      return {
        mode,
        eventsPerRequest: size,
        rate,
        queries: statements / Math.max(1, load.requests),
        load,
        eventsPerSecond: acknowledged / load.seconds,
        acknowledged,
        duplicates,
      }
    }

    for (const mode of ['batch', 'single'] as const) {
      log(`progress writes, ${mode === 'batch' ? `batches of ${BATCH_SIZE}` : 'single events'}, as fast as they are answered`)
      runs.push(await write(mode, null))
      const size = mode === 'batch' ? BATCH_SIZE : 1
      log(`progress writes, ${mode === 'batch' ? `batches of ${BATCH_SIZE}` : 'single events'}, at ${BUDGET_EVENTS_PER_SECOND} events/s`)
      runs.push(await write(mode, BUDGET_EVENTS_PER_SECOND / size))
    }
    // Requests still in flight when a run's clock stopped were never answered:
    // send those events again, per student in batches of 200, as the outbox would.
    const resent = unacknowledged.size
    log(`resending ${resent} events left unacknowledged when the runs stopped`)
    const byToken = new Map<string, SentEvent[]>()
    for (const { token, event } of unacknowledged.values()) byToken.set(token, [...(byToken.get(token) ?? []), event])
    for (const [token, events] of byToken) {
      for (let start = 0; start < events.length; start += 200) {
        const response = await fetch(`${serverUrl}/api/progress`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: serverUrl, cookie: `drydock_session=${token}` },
          body: JSON.stringify({ events: events.slice(start, start + 200) }),
        })
        if (response.status !== 200) throw new Error(`Resending progress: ${response.status} ${await response.text()}`)
        acknowledge((await response.json()) as { accepted: string[]; duplicates: string[] })
      }
    }
    const stored = (await countEvents(client)) - before

    for (const size of [BATCH_SIZE, 1]) {
      log(`plain pg INSERT ceiling, ${size} event${size === 1 ? '' : 's'} per statement`)
      ceilings.push(await insertCeiling(options.databaseUrl, options.poolSize, students, all, size, seconds))
    }
    return {
      runs,
      ceilings,
      sent,
      acknowledged: acknowledgedTotal,
      resent,
      acknowledgedAfterResend: sent - unacknowledged.size,
      stored,
      doubled,
    }
  } finally {
    await client.end()
  }
}

/** The same rows as the route stores, inserted as fast as a pool of the app's size allows. */
async function insertCeiling(
  databaseUrl: string,
  poolSize: number,
  students: SignedIn[],
  all: Target[],
  size: number,
  seconds: number,
): Promise<CeilingRun> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize })
  const times: number[] = []
  let events = 0
  let turn = 0
  const deadline = performance.now() + seconds * 1000
  const started = performance.now()
  const worker = async () => {
    while (performance.now() < deadline) {
      turn += 1
      const userId = (students[turn % students.length] as SignedIn).userId
      const rows = Array.from({ length: size }, (_, i) => {
        const target = all[(turn * size + i) % all.length] as Target
        const event = eventFor(target, i)
        return [userId, event.clientEventId, target.courseSlug, target.lessonSlug, `${target.courseSlug}/${target.itemId}`, event.type, JSON.stringify(event.payload), event.occurredAt]
      })
      const values = rows.map((_, r) => `(${Array.from({ length: 8 }, (_, c) => `$${r * 8 + c + 1}`).join(', ')})`).join(', ')
      const at = performance.now()
      await pool.query(
        `INSERT INTO progress_events (user_id, client_event_id, course_slug, lesson_slug, item_id, type, payload, occurred_at) VALUES ${values}`,
        rows.flat(),
      )
      times.push(performance.now() - at)
      events += size
    }
  }
  try {
    await Promise.all(Array.from({ length: PROGRESS_CONNECTIONS }, worker))
  } finally {
    await pool.end()
  }
  return { eventsPerRequest: size, eventsPerSecond: events / ((performance.now() - started) / 1000), latency: latencyOf(times) }
}

/** The tables the write runs fill. */
const WRITTEN_TABLES = ['progress_events', 'item_states', 'lesson_progress', 'wrong_answers', 'review_cards', 'review_logs']

/**
 * Vacuums and analyses what the write runs added, as autovacuum would within a
 * minute of them, so the reads measured next meet a settled database rather
 * than whichever autovacuum worker happens to start during them. Returns ms.
 */
export async function settleDatabase(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  const started = performance.now()
  try {
    await client.query(`VACUUM (ANALYZE) ${WRITTEN_TABLES.join(', ')}`)
  } finally {
    await client.end()
  }
  return performance.now() - started
}
