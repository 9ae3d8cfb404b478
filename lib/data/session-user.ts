import { prepared, type PreparedStatement } from '@/lib/db/pool'
import { digestSessionToken, isWellFormedSessionToken } from '@/lib/auth/session-token'
import type { AccountUser } from './users'

/**
 * Who a session token belongs to: the lookup every signed-in request makes.
 * Plain prepared statements, no Prisma, so the progress upload answered in
 * front of Next.js (lib/http/progress-upload.ts) can use it too.
 */

const DAY_MS = 86_400_000
/** How long a session lasts without being used. */
export const SESSION_MAX_AGE_MS = 30 * DAY_MS
/** A session used after this long gets its expiry pushed back; at most one write a day per session. */
export const SESSION_RENEW_AFTER_MS = DAY_MS

export interface SessionUser {
  user: AccountUser
  expires: Date
  /** The expiry moved later during this lookup; a route handler can re-send the cookie. */
  renewed: boolean
}

const sessionUserStatement: PreparedStatement = {
  name: 'sessions.user.1',
  text: `
    SELECT s.expires, u.id, u.email, u.name, u.role, u.disabled_at
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.session_token = $1`,
}

const deleteExpiredStatement: PreparedStatement = {
  name: 'sessions.delete-expired.1',
  text: 'DELETE FROM sessions WHERE session_token = $1 AND expires <= $2',
}

// Matches nothing when a sign-out raced the lookup: there is then nothing to renew.
const renewStatement: PreparedStatement = {
  name: 'sessions.renew.1',
  text: 'UPDATE sessions SET expires = $2, updated_at = now() WHERE session_token = $1 RETURNING 1 AS renewed',
}

/** The signed-in user for a token, or null when it is unknown, expired, or its user is disabled. */
export async function findSessionUser(
  token: string,
  now: Date = new Date(),
): Promise<SessionUser | null> {
  if (!isWellFormedSessionToken(token)) return null
  const sessionToken = digestSessionToken(token)
  const [row] = await prepared<{
    expires: Date
    id: string
    email: string
    name: string | null
    role: AccountUser['role']
    disabled_at: Date | null
  }>(sessionUserStatement, [sessionToken])
  if (!row) return null
  if (row.expires <= now) {
    await prepared(deleteExpiredStatement, [sessionToken, now])
    return null
  }
  if (row.disabled_at) return null
  const { id, email, name, role } = row
  const user = { id, email, name, role }

  if (row.expires.getTime() - now.getTime() > SESSION_MAX_AGE_MS - SESSION_RENEW_AFTER_MS) {
    return { user, expires: row.expires, renewed: false }
  }
  const expires = new Date(now.getTime() + SESSION_MAX_AGE_MS)
  const renewed = await prepared(renewStatement, [sessionToken, expires])
  return renewed.length === 1 ? { user, expires, renewed: true } : null
}
