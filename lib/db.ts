import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { PrismaClient } from '@/lib/generated/prisma/client'
import { getDatabaseUrlOrThrow, getServerEnv } from '@/lib/env'

/**
 * The one Prisma client. Only this module and lib/data/* may use it; they
 * hand everything else plain objects.
 *
 * Created on first use rather than at import so that `next build`, which
 * imports server modules, needs no DATABASE_URL. Outside production the client
 * is parked on globalThis so hot reloads reuse one connection pool instead of
 * opening a new one on every edit. No `server-only` import here: scripts run
 * under tsx import this too, and that package throws outside React's server build.
 */

type Connection = { client: PrismaClient; pool: pg.Pool }

const globalForDb = globalThis as unknown as { drydockDb?: Connection }

let connection: Connection | undefined

function connect(): Connection {
  connection ??= globalForDb.drydockDb ?? createConnection()
  if (getServerEnv().NODE_ENV !== 'production') globalForDb.drydockDb = connection
  return connection
}

export function getDb(): PrismaClient {
  return connect().client
}

function createConnection(): Connection {
  const env = getServerEnv()
  const pool = new pg.Pool({ connectionString: getDatabaseUrlOrThrow(), max: env.DATABASE_POOL_MAX })
  // An idle connection the server drops (a database restart) is reported on the pool; with no
  // listener that would end the process. Prisma adds its own only once it first connects, and
  // the prepared statements may reach the pool before it does. The pool replaces the connection.
  // The logger is loaded only then: importing it here would read the environment before tests set it.
  pool.on('error', (error) => {
    void import('@/lib/log').then(({ logger }) => logger.warn({ err: error.message }, 'an idle database connection was closed'))
  })
  const client = new PrismaClient({
    adapter: new PrismaPg(pool),
    log: env.NODE_ENV === 'development' ? ['warn', 'error'] : ['error'],
  })
  return { client, pool }
}

/**
 * A statement the hot paths run many times a second (the session lookup, the
 * progress write, the review queue). Run through `prepared`, it is parsed once
 * per connection and, after a few runs, PostgreSQL keeps one generic plan for
 * it instead of planning each run: several milliseconds for the larger ones.
 * The name must be unique to the text.
 */
export interface PreparedStatement {
  name: string
  text: string
  /**
   * `per-run` for a statement whose best plan depends on its values: a generic
   * plan made for a learner with 20 cards took 150 ms for one with 2,000
   * (bench). Such a statement is sent unnamed and planned for each run's values.
   */
  plan?: 'generic' | 'per-run'
}

function toQuery(statement: PreparedStatement, values: unknown[]): pg.QueryConfig {
  return statement.plan === 'per-run'
    ? { text: statement.text, values }
    : { name: statement.name, text: statement.text, values }
}

/**
 * Runs a prepared statement on the pool Prisma uses (DECISIONS #24). Rows come
 * back as node-postgres parses them: timestamps as Dates, jsonb as values,
 * int4 and float8 as numbers, int8 and numeric as strings.
 */
export async function prepared<Row extends pg.QueryResultRow>(statement: PreparedStatement, values: unknown[]): Promise<Row[]> {
  const result = await connect().pool.query<Row>(toQuery(statement, values))
  return result.rows
}

export type RunPrepared = <Row extends pg.QueryResultRow>(statement: PreparedStatement, values: unknown[]) => Promise<Row[]>

/**
 * Runs `work` in one transaction on one pooled connection, its statements
 * prepared like `prepared`'s. Commits when `work` resolves and rolls back when
 * it throws. `advisoryLock` (a 64-bit key) is taken with the BEGIN, in the same
 * round trip, and held until the transaction ends.
 */
export async function preparedTransaction<T>(
  work: (run: RunPrepared) => Promise<T>,
  options: { advisoryLock?: bigint } = {},
): Promise<T> {
  const client = await connect().pool.connect()
  let broken: unknown
  try {
    const lock = options.advisoryLock
    // A bigint printed by JavaScript is digits and a sign: nothing else reaches the SQL.
    await client.query(lock === undefined ? 'BEGIN' : `BEGIN; SELECT pg_advisory_xact_lock(${BigInt.asIntN(64, lock).toString()})`)
    const run: RunPrepared = async <Row extends pg.QueryResultRow>(statement: PreparedStatement, values: unknown[]) =>
      (await client.query<Row>(toQuery(statement, values))).rows
    const result = await work(run)
    await client.query('COMMIT')
    return result
  } catch (error) {
    broken = await client.query('ROLLBACK').then(
      () => undefined,
      (rollbackError: unknown) => rollbackError,
    )
    throw error
  } finally {
    // A connection that could not roll back is in an unknown state: the pool drops it.
    client.release(broken instanceof Error ? broken : undefined)
  }
}

/** Closes the pool; the next getDb() opens a new one. For graceful shutdown and tests. */
export async function closeDb(): Promise<void> {
  const current = connection ?? globalForDb.drydockDb
  connection = undefined
  globalForDb.drydockDb = undefined
  if (!current) return
  await current.client.$disconnect()
  await current.pool.end()
}

export type PingResult = { ok: true; latencyMs: number } | { ok: false; error: string }

/** One round trip to the database, bounded by a timeout, for the readiness probe. */
export async function pingDb(timeoutMs = 2000): Promise<PingResult> {
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      getDb().$queryRaw`SELECT 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
      }),
    ])
    return { ok: true, latencyMs: Math.round(performance.now() - started) }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) }
  } finally {
    clearTimeout(timer)
  }
}
