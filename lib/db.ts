import { PrismaPg } from '@prisma/adapter-pg'
import type pg from 'pg'
import { PrismaClient } from '@/lib/generated/prisma/client'
import { getServerEnv } from '@/lib/env'
import { closePool, getPool } from '@/lib/db/pool'

/**
 * The one Prisma client. Only this module and lib/data/* may use it; they
 * hand everything else plain objects. It runs on the process's one pool
 * (lib/db/pool.ts), where the hot statements run too.
 *
 * Created on first use rather than at import so that `next build`, which
 * imports server modules, needs no DATABASE_URL. Outside production the client
 * is parked on globalThis so hot reloads reuse it. No `server-only` import here:
 * scripts run under tsx import this too, and that package throws outside
 * React's server build.
 */

type Connection = { client: PrismaClient; pool: pg.Pool }

const globalForDb = globalThis as unknown as { drydockDb?: Connection }

let connection: Connection | undefined

export function getDb(): PrismaClient {
  const pool = getPool()
  connection ??= globalForDb.drydockDb
  // A client is made for one pool: after closeDb() the next pool gets a new one.
  if (connection?.pool !== pool) connection = { client: createClient(pool), pool }
  if (getServerEnv().NODE_ENV !== 'production') globalForDb.drydockDb = connection
  return connection.client
}

function createClient(pool: pg.Pool): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg(pool),
    log: getServerEnv().NODE_ENV === 'development' ? ['warn', 'error'] : ['error'],
  })
}

/** Disconnects Prisma and ends the pool; the next getDb() opens a new one. For graceful shutdown and tests. */
export async function closeDb(): Promise<void> {
  const current = connection ?? globalForDb.drydockDb
  connection = undefined
  globalForDb.drydockDb = undefined
  await current?.client.$disconnect()
  await closePool()
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
