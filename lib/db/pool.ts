import pg from 'pg'
import { getDatabaseUrlOrThrow, getServerEnv } from '@/lib/env'

/**
 * The one connection pool of the process. Prisma (lib/db.ts) runs on it, and so
 * do the hot statements below, which go to node-postgres directly (DECISIONS #24).
 *
 * It is kept on globalThis in every environment: the production entry answers
 * progress uploads in front of Next.js from its own bundle (DECISIONS #28), and
 * Next.js's bundle and that one must share one pool, so DATABASE_POOL_MAX bounds
 * the whole server's connections. Outside production the same keeps hot reloads
 * from opening a new pool on every edit. Created on first use, so `next build`
 * needs no DATABASE_URL. This module imports neither Prisma nor anything of
 * Next.js: scripts/build-server.ts bundles it.
 */

const globalForPool = globalThis as unknown as { drydockPool?: pg.Pool }

export function getPool(): pg.Pool {
  return (globalForPool.drydockPool ??= createPool())
}

function createPool(): pg.Pool {
  const pool = new pg.Pool({ connectionString: getDatabaseUrlOrThrow(), max: getServerEnv().DATABASE_POOL_MAX })
  // An idle connection the server drops (a database restart) is reported on the pool; with no
  // listener that would end the process. The pool replaces the connection.
  // The logger is loaded only then: importing it here would read the environment before tests set it.
  pool.on('error', (error) => {
    void import('@/lib/log').then(({ logger }) => logger.warn({ err: error.message }, 'an idle database connection was closed'))
  })
  return pool
}

/** Ends the pool; the next getPool() opens a new one. For graceful shutdown and tests. */
export async function closePool(): Promise<void> {
  const pool = globalForPool.drydockPool
  globalForPool.drydockPool = undefined
  await pool?.end()
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
 * Runs a prepared statement on the pool. Rows come back as node-postgres
 * parses them: timestamps as Dates, jsonb as values, int4 and float8 as
 * numbers, int8 and numeric as strings.
 */
export async function prepared<Row extends pg.QueryResultRow>(statement: PreparedStatement, values: unknown[]): Promise<Row[]> {
  const result = await getPool().query<Row>(toQuery(statement, values))
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
  const client = await getPool().connect()
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
