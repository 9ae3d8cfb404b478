import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { getDatabaseUrlOrThrow, getServerEnv } from './env'
import { logger } from './log'

/**
 * What the server does before it serves its first request: apply pending
 * migrations (under an advisory lock, so replicas starting together take turns)
 * and sync the course catalogue from the compiled content. A database that is not
 * up yet is waited for, for a while, rather than failing the container at once.
 */
export async function runStartupTasks(): Promise<void> {
  const env = getServerEnv()
  if (!env.DRYDOCK_MIGRATE_ON_START) return
  const url = getDatabaseUrlOrThrow()
  const { applyMigrations } = await import('./db/migrate')
  const { syncCatalogue } = await import('./data/catalogue')
  const log = (message: string) => logger.info({ task: 'startup' }, message)

  const deadline = Date.now() + env.DRYDOCK_STARTUP_WAIT_SECONDS * 1000
  for (let attempt = 1; ; attempt += 1) {
    try {
      await applyMigrations(url, { log })
      const manifest = JSON.parse(
        await readFile(/*turbopackIgnore: true*/ path.join(process.cwd(), '.content', 'manifest.json'), 'utf8'),
      )
      const synced = await syncCatalogue(manifest)
      logger.info({ task: 'startup', synced }, 'catalogue synced')
      return
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      if (Date.now() > deadline || !isTransient(error)) {
        logger.fatal({ task: 'startup', err: message }, 'startup failed')
        throw error
      }
      logger.warn({ task: 'startup', attempt, err: message }, 'database not ready; retrying')
      await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 500 * attempt)))
    }
  }
}

/** Connection failures are worth waiting out; a bad migration is not. */
function isTransient(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code
  return (
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    code === 'ETIMEDOUT' ||
    code === 'EAI_AGAIN' ||
    code === '57P03' || // the database system is starting up
    /connect|terminat|timeout/i.test(error instanceof Error ? error.message : '')
  )
}
