import { spawn, spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir, userInfo } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findFreePort, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded'

let dataDir: string
let port: number
const running: EmbeddedPostgres[] = []

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'drydock-embedded-'))
  port = await findFreePort()
})
afterAll(async () => {
  await Promise.all(running.map((server) => server.stop()))
  await rm(dataDir, { recursive: true, force: true })
})

async function start(settings?: Record<string, string>): Promise<EmbeddedPostgres> {
  const server = await startEmbeddedPostgres({ dataDir, port, settings })
  running.push(server)
  return server
}

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await client.query(sql)
  } finally {
    await client.end()
  }
}

function isRunning(pid: number): boolean {
  const stat = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], {
    encoding: 'utf8',
  }).stdout.trim()
  return stat !== '' && !stat.startsWith('Z')
}

function serverUser(): { uid?: number; gid?: number } {
  if (userInfo().uid !== 0) return {}
  const id = (flag: string) =>
    Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim())
  return { uid: id('-u'), gid: id('-g') }
}

async function postmasterPid(): Promise<number> {
  const content = await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')
  return Number.parseInt(content.split('\n')[0]!, 10)
}

describe('startEmbeddedPostgres', () => {
  it('creates a cluster and the drydock database, with a generated password kept private', async () => {
    const server = await start()
    expect(server.url).toMatch(
      new RegExp(`^postgres://postgres:[0-9a-f]{48}@127\\.0\\.0\\.1:${port}/drydock$`),
    )
    const { rows } = await query(server.url, 'SELECT current_database() AS db')
    expect(rows[0].db).toBe('drydock')

    const passwordFile = path.join(dataDir, 'postgres-password')
    expect((await stat(passwordFile)).mode & 0o777).toBe(0o600)
    expect(server.url).toContain((await readFile(passwordFile, 'utf8')).trim())

    await query(
      server.url,
      'CREATE TABLE kept (note text); INSERT INTO kept VALUES ($$still here$$)',
    )
    const pid = await postmasterPid()
    await server.stop()
    expect(isRunning(pid)).toBe(false)
  })

  it('keeps the data and the password across restarts, and takes extra settings', async () => {
    const server = await start({ shared_preload_libraries: 'pg_stat_statements', work_mem: '8MB' })
    const { rows } = await query(server.url, 'SELECT note FROM kept')
    expect(rows).toEqual([{ note: 'still here' }])
    expect((await query(server.url, 'SHOW work_mem')).rows).toEqual([{ work_mem: '8MB' }])
    // The benchmark counts SQL statements with this extension, which needs the preload.
    await query(server.url, 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements')
    expect((await query(server.url, 'SELECT count(*)::int >= 0 AS ok FROM pg_stat_statements')).rows).toEqual([{ ok: true }])
    await server.stop()
    await server.stop()
  })

  it('starts after a crash left a postmaster.pid whose pid now belongs to another program', async () => {
    // In a container the pid of a killed server is soon reused, and
    // PostgreSQL on its own refuses to start while that pid is alive.
    // Run it as the server's user, so PostgreSQL is allowed to see it is alive.
    const unrelated = spawn('sleep', ['30'], serverUser())
    await writeFile(
      path.join(dataDir, 'postgres', 'postmaster.pid'),
      `${unrelated.pid}\n${path.join(dataDir, 'postgres')}\n`,
    )
    let server: EmbeddedPostgres
    try {
      server = await start()
    } finally {
      unrelated.kill()
    }
    expect((await query(server.url, 'SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }])

    // While it runs, a second server on the same data must not start.
    await expect(startEmbeddedPostgres({ dataDir, port: await findFreePort() })).rejects.toThrow(
      /is already running on/,
    )

    const pid = await postmasterPid()
    await server.stop()
    expect(isRunning(pid)).toBe(false)
  })
})
