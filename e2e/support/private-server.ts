import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../lib/db/embedded'

/**
 * A Drydock of a test's own: an embedded PostgreSQL in a temporary folder and the
 * production standalone server (the one the container runs) on its own port, so a
 * test can kill, restart and inspect both without disturbing the shared e2e server.
 * The server migrates and syncs the catalogue itself at start, as in production.
 * Needs a production build (`npm run build`, or any e2e run, has made one).
 */

const root = process.cwd()
const standaloneServer = path.join(root, '.next', 'standalone', 'server.js')

/** Ports for a private instance: `slot` 1..9 past E2E_PORT, PostgreSQL 53300 above that. */
export function privatePorts(slot: number): { http: number; postgres: number } {
  const base = Number(process.env.E2E_PORT ?? 3100)
  return { http: base + slot * 10, postgres: base + 53300 + slot * 10 }
}

export class PrivateDatabase {
  private server: EmbeddedPostgres | undefined
  readonly dataDir = mkdtempSync(path.join(os.tmpdir(), 'drydock-private-pg-'))

  constructor(
    readonly port: number,
    readonly database = 'drydock',
  ) {}

  get url(): string {
    if (!this.server) throw new Error('the private database is not running')
    return this.server.url
  }

  async start(): Promise<string> {
    this.server = await startEmbeddedPostgres({ dataDir: this.dataDir, port: this.port, database: this.database })
    return this.server.url
  }

  async stop(): Promise<void> {
    const server = this.server
    this.server = undefined
    await server?.stop()
  }

  /** One query on a fresh connection (the app's pool is not involved). */
  async query<Row extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<Row[]> {
    const client = new pg.Client({ connectionString: this.url })
    await client.connect()
    try {
      return (await client.query<Row>(sql, values)).rows
    } finally {
      await client.end()
    }
  }

  /**
   * A digest of every row of every table: equal digests mean nothing in the
   * database changed. Rows are compared as text, in a stable order.
   */
  async fingerprint(): Promise<Record<string, string>> {
    const tables = await this.query<{ name: string }>(
      "SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
    )
    const digest: Record<string, string> = {}
    for (const { name } of tables) {
      const [row] = await this.query<{ rows: string; md5: string | null }>(
        `SELECT count(*)::text AS rows, md5(string_agg(t::text, '|' ORDER BY t::text)) AS md5 FROM ${name} t`,
      )
      digest[name] = `${row?.rows}:${row?.md5 ?? ''}`
    }
    return digest
  }
}

export interface PrivateServerOptions {
  port: number
  databaseUrl: () => string
  env?: Record<string, string>
}

export class PrivateServer {
  private child: ChildProcess | undefined
  readonly origin: string

  constructor(private readonly options: PrivateServerOptions) {
    this.origin = `http://127.0.0.1:${options.port}`
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
  }

  async start(): Promise<void> {
    if (!existsSync(standaloneServer)) {
      throw new Error(`${standaloneServer} is missing: build first (npm run build, or node_modules/.bin/tsx scripts/run.ts build)`)
    }
    this.child = spawn(process.execPath, [standaloneServer], {
      cwd: path.dirname(standaloneServer),
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(this.options.port),
        HOSTNAME: '127.0.0.1',
        DATABASE_URL: this.options.databaseUrl(),
        AUTH_SECRET: 'a private test server key, 32+ characters long',
        NEXT_TELEMETRY_DISABLED: '1',
        LOG_LEVEL: 'fatal',
        DRYDOCK_RATE_LIMITS: 'false',
        ...this.options.env,
      },
    })
    await this.waitUntilReady()
  }

  /** Waits for /api/ready to answer 200 (the database answers and migrations are applied). */
  async waitUntilReady(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      if (this.child && !this.running) throw new Error(`the private server exited (${this.child.exitCode ?? this.child.signalCode})`)
      try {
        if ((await fetch(`${this.origin}/api/ready`)).ok) return
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    throw new Error(`the private server on ${this.origin} did not become ready`)
  }

  /** Ends the server with `signal` (SIGKILL: no chance to finish anything) and waits for it to be gone. */
  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child
    if (!child || !this.running) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill(signal)
    await exited
  }
}
