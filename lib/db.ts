import { PrismaPg } from '@prisma/adapter-pg'
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

const globalForDb = globalThis as unknown as { drydockDb?: PrismaClient }

let client: PrismaClient | undefined

export function getDb(): PrismaClient {
  client ??= globalForDb.drydockDb ?? createClient()
  if (getServerEnv().NODE_ENV !== 'production') globalForDb.drydockDb = client
  return client
}

function createClient(): PrismaClient {
  const env = getServerEnv()
  const adapter = new PrismaPg({
    connectionString: getDatabaseUrlOrThrow(),
    max: env.DATABASE_POOL_MAX,
  })
  return new PrismaClient({
    adapter,
    log: env.NODE_ENV === 'development' ? ['warn', 'error'] : ['error'],
  })
}

/** Closes the pool; the next getDb() opens a new one. For graceful shutdown and tests. */
export async function closeDb(): Promise<void> {
  const current = client ?? globalForDb.drydockDb
  client = undefined
  globalForDb.drydockDb = undefined
  await current?.$disconnect()
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
