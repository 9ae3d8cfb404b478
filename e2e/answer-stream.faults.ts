import { createHmac, randomBytes, randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { syncOnce } from '../lib/progress/sync'
import type { LocalProgressEvent } from '../lib/progress/local-store'
import { expect, test } from './fixtures'
import { PrivateDatabase, PrivateServer, privatePorts } from './support/private-server'

/**
 * A stream of answers from many learners goes on while the server is killed with
 * SIGKILL and restarted twice, the database cuts every connection of the app, and
 * the database itself is stopped and started again under the running app. Afterwards
 * every answer (acknowledged by the server, or still waiting in an outbox) is stored
 * exactly once, and /api/ready said 503 while the database was away.
 *
 * Thirty learners are driven from here with the browser's own sync code
 * (lib/progress/sync.ts) and an outbox each; two more are real Chromium pages ticking
 * a checklist, whose localStorage outbox is watched for every event it ever held.
 */

const API_LEARNERS = 30
const ANSWERS = 2_000
const AUTH_SECRET = 'a private test server key, 32+ characters long'
const ports = privatePorts(2)
const database = new PrivateDatabase(ports.postgres)
const server = new PrivateServer({ port: ports.http, databaseUrl: () => database.url, env: { AUTH_SECRET } })
const origin = server.origin
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

interface ManifestItem {
  id: string
}
interface ManifestLesson {
  slug: string
  items: ManifestItem[]
}
/** Real lessons and items, from the build's compiled content, so every answer is one the server accepts. */
function answerTargets(): { courseSlug: string; lessonSlug: string; itemId: string }[] {
  const manifest = JSON.parse(readFileSync('.content/manifest.json', 'utf8')) as {
    courses: { slug: string; modules: { lessons: ManifestLesson[] }[] }[]
  }
  return manifest.courses.flatMap((course) =>
    course.modules.flatMap((module) =>
      module.lessons.flatMap((lesson) => lesson.items.map((item) => ({ courseSlug: course.slug, lessonSlug: lesson.slug, itemId: item.id }))),
    ),
  )
}

/** One learner as a browser would behave: answers go to an outbox, which is sent in the background. */
class Learner {
  readonly outbox: LocalProgressEvent[] = []
  readonly made = new Set<string>()
  readonly acknowledged = new Set<string>()
  private failures = 0
  private nextTryAt = 0
  private sending = false

  constructor(
    readonly userId: string,
    private readonly cookie: string,
  ) {}

  answer(target: { courseSlug: string; lessonSlug: string; itemId: string }) {
    const event: LocalProgressEvent = {
      clientEventId: randomUUID(),
      ...target,
      type: 'quiz.answered',
      payload: { correct: Math.random() < 0.6, answer: ['a'] },
      occurredAt: new Date().toISOString(),
    }
    this.made.add(event.clientEventId)
    this.outbox.push(event)
  }

  /** A sync pass when its backoff allows (capped at 5 s here, so the test does not idle for a minute). */
  async tick(): Promise<void> {
    if (this.sending || Date.now() < this.nextTryAt || this.outbox.length === 0) return
    this.sending = true
    try {
      const attempt = await syncOnce(
        {
          readOutbox: () => [...this.outbox],
          acknowledge: (ids) => {
            for (const id of ids) this.acknowledged.add(id)
            const stored = new Set(ids)
            for (let i = this.outbox.length - 1; i >= 0; i--) if (stored.has(this.outbox[i]!.clientEventId)) this.outbox.splice(i, 1)
          },
          post: async (events) => {
            const response = await fetch(`${origin}/api/progress`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', origin, cookie: this.cookie },
              body: JSON.stringify({ events }),
              signal: AbortSignal.timeout(15_000),
            })
            return { status: response.status, body: await response.json().catch(() => null) }
          },
        },
        this.failures,
      )
      if (attempt.status.kind === 'rejected') throw new Error(`a batch was rejected: ${attempt.status.message}`)
      if (attempt.retryInMs !== undefined) {
        this.failures += 1
        this.nextTryAt = Date.now() + Math.min(attempt.retryInMs, 5000)
      } else {
        this.failures = 0
      }
    } finally {
      this.sending = false
    }
  }
}

/** Records, in the page, the id of every event that ever entered its outbox. */
async function watchOutbox(page: Page) {
  await page.addInitScript(() => {
    const seen = new Set<string>()
    ;(window as unknown as { __outboxSeen: Set<string> }).__outboxSeen = seen
    const setItem = Storage.prototype.setItem
    Storage.prototype.setItem = function (key: string, value: string) {
      if (key === 'drydock:progress:v1') {
        try {
          for (const event of (JSON.parse(value) as { outbox?: { clientEventId: string }[] }).outbox ?? []) seen.add(event.clientEventId)
        } catch {
          // not ours to judge
        }
      }
      return setItem.call(this, key, value)
    }
  })
}

async function outboxOf(page: Page): Promise<{ seen: string[]; waiting: string[] }> {
  return page.evaluate(() => {
    const raw = localStorage.getItem('drydock:progress:v1')
    const waiting = raw ? ((JSON.parse(raw) as { outbox?: { clientEventId: string }[] }).outbox ?? []).map((event) => event.clientEventId) : []
    return { seen: [...(window as unknown as { __outboxSeen: Set<string> }).__outboxSeen], waiting }
  })
}

test.describe.configure({ mode: 'serial' })

test.afterAll(async () => {
  await server.kill('SIGTERM')
  await database.stop()
})

test('2,000 answers survive two SIGKILLs, cut connections and a database restart, each stored exactly once', async ({ browser }) => {
  test.setTimeout(1_500_000)
  await database.start()
  await server.start()
  const targets = answerTargets()

  // Learners driven from here: accounts and sessions written straight into the database.
  const learners: Learner[] = []
  for (let i = 0; i < API_LEARNERS; i++) {
    const id = `faultlearner${i}${randomBytes(4).toString('hex')}`
    const token = randomBytes(32).toString('base64url')
    await database.query('INSERT INTO users (id, email, name, updated_at) VALUES ($1, $2, $3, now())', [id, `${id}@example.com`, `Learner ${i}`])
    await database.query("INSERT INTO sessions (session_token, user_id, expires, updated_at) VALUES ($1, $2, now() + interval '1 day', now())", [
      createHmac('sha256', AUTH_SECRET).update(token).digest('hex'),
      id,
    ])
    learners.push(new Learner(id, `drydock_session=${token}`))
  }

  // Two learners in Chromium, signed up through the page, ticking the tour's checklist over and over.
  const pages: Page[] = []
  for (let i = 0; i < 2; i++) {
    const page = await (await browser.newContext()).newPage()
    await watchOutbox(page)
    await page.goto(`${origin}/sign-up`)
    await page.getByLabel('Email address').fill(`browser-${i}-${Date.now()}@example.com`)
    await page.getByLabel('Password', { exact: true }).fill('a long enough password')
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect(page.getByRole('banner').getByTestId('account-menu-email')).toContainText('@example.com', { timeout: 30_000 })
    await page.goto(`${origin}/courses/lesson-tour/every-component`)
    await expect(page.getByTestId('sync-status').first()).toHaveText('✓ Saved', { timeout: 60_000 })
    pages.push(page)
  }

  // ---- the stream
  let streaming = true
  let made = 0
  const stream = (async () => {
    while (made < ANSWERS) {
      const learner = learners[made % learners.length]!
      learner.answer(targets[Math.floor(Math.random() * targets.length)]!)
      made += 1
      if (made % 10 === 0) await Promise.all(learners.map((each) => each.tick().catch(() => undefined)))
      await sleep(35)
    }
  })()
  const clicking = pages.map(async (page) => {
    const box = page.getByRole('checkbox', { name: /Write a Dockerfile with two lines/ })
    let ticks = 0
    while (streaming) {
      // Each click ticks or unticks the item: one event in the outbox.
      if (await box.click({ timeout: 10_000 }).then(() => true, () => false)) ticks += 1
      await sleep(400)
    }
    return ticks
  })
  const keepSyncing = (async () => {
    while (streaming) {
      await Promise.all(learners.map((learner) => learner.tick().catch(() => undefined)))
      await sleep(250)
    }
  })()

  // ---- the faults, while answers keep coming
  const readyDuringOutage: number[] = []
  await sleep(5_000)
  for (const round of [1, 2]) {
    await server.kill('SIGKILL')
    await sleep(3_000)
    await server.start()
    await sleep(8_000)
    expect(made, `answers kept coming through restart ${round}`).toBeGreaterThan(0)
  }
  // Every connection the app holds is cut from the database's side.
  const cut = await database.query<{ count: string }>(
    "SELECT count(pg_terminate_backend(pid))::text AS count FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'",
  )
  expect(Number(cut[0]?.count)).toBeGreaterThan(0)
  await sleep(5_000)
  // The database goes away under the running app and comes back; the app is not restarted.
  await database.stop()
  for (let i = 0; i < 5; i++) {
    readyDuringOutage.push((await fetch(`${origin}/api/ready`)).status)
    await sleep(1_000)
  }
  await database.start()
  await expect.poll(async () => (await fetch(`${origin}/api/ready`)).status, { timeout: 60_000 }).toBe(200)
  expect(server.running).toBe(true)
  expect(readyDuringOutage).toEqual([503, 503, 503, 503, 503])

  await stream
  streaming = false
  await keepSyncing
  const ticks = await Promise.all(clicking)

  // ---- afterwards: every outbox drains, and the database holds each answer once
  const waitingAtEnd = learners.reduce((sum, learner) => sum + learner.outbox.length, 0)
  const deadline = Date.now() + 180_000
  while (learners.some((learner) => learner.outbox.length > 0) && Date.now() < deadline) {
    await Promise.all(learners.map((learner) => learner.tick()))
    await sleep(500)
  }
  expect(learners.map((learner) => learner.outbox.length)).toEqual(learners.map(() => 0))
  for (const page of pages) {
    await expect(page.getByTestId('sync-status').first()).toHaveText('✓ Saved', { timeout: 150_000 })
  }

  const rows = await database.query<{ client_event_id: string; copies: string }>(
    'SELECT client_event_id, count(*)::text AS copies FROM progress_events GROUP BY client_event_id',
  )
  const stored = new Map(rows.map((row) => [row.client_event_id, Number(row.copies)]))
  const apiIds = learners.flatMap((learner) => [...learner.made])
  expect(apiIds).toHaveLength(ANSWERS)
  const acknowledged = learners.reduce((sum, learner) => sum + learner.acknowledged.size, 0)
  expect(apiIds.filter((id) => stored.get(id) !== 1), 'API learners: missing or duplicated').toEqual([])

  let browserEvents = 0
  for (const page of pages) {
    const { seen, waiting } = await outboxOf(page)
    expect(waiting).toEqual([])
    browserEvents += seen.length
    expect(seen.filter((id) => stored.get(id) !== 1), 'browser learners: missing or duplicated').toEqual([])
  }
  expect(browserEvents).toBeGreaterThanOrEqual(ticks.reduce((a, b) => a + b, 0))
  expect(browserEvents).toBeGreaterThan(20)
  expect([...stored.values()].every((copies) => copies === 1)).toBe(true)

  console.log(
    `faults: ${ANSWERS} answers from ${API_LEARNERS} learners (${acknowledged} acknowledged while streaming, ${waitingAtEnd} still in outboxes when the faults ended), ` +
      `${browserEvents} events from ${pages.length} browsers (${ticks.join(' + ')} clicks); /api/ready during the database outage: ${readyDuringOutage.join(', ')}; ` +
      `${stored.size} events stored, each once`,
  )
})
