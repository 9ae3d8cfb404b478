import { pingDb } from '@/lib/db'
import { getMigrationStatus } from '@/lib/db/migrate'
import { getDatabaseUrlOrThrow } from '@/lib/env'
import { withRequestLog } from '@/lib/http/request-log'

/** Readiness: the database answers and every migration in the image has been applied. */
export const dynamic = 'force-dynamic'

async function handleGET() {
  const headers = { 'Cache-Control': 'no-store' }
  const ping = await pingDb()
  if (!ping.ok) {
    return Response.json(
      { status: 'unavailable', database: 'unreachable', message: 'The database does not answer.' },
      { status: 503, headers },
    )
  }
  try {
    const { pending } = await getMigrationStatus(getDatabaseUrlOrThrow())
    if (pending.length > 0) {
      return Response.json(
        { status: 'unavailable', database: 'ok', migrations: { pending }, message: 'Migrations are not yet applied.' },
        { status: 503, headers },
      )
    }
    return Response.json({ status: 'ready', database: 'ok', migrations: { pending: [] } }, { headers })
  } catch {
    return Response.json(
      { status: 'unavailable', database: 'ok', message: 'The migration history could not be read.' },
      { status: 503, headers },
    )
  }
}

export const GET = withRequestLog('ready', handleGET, { quiet: true })
