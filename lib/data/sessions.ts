import { getDb, prepared, type PreparedStatement } from '@/lib/db'
import {
  createSessionToken,
  digestSessionToken,
  isWellFormedSessionToken,
} from '@/lib/auth/session-token'
import type { AccountUser } from './users'

/**
 * Signed-in sessions, one row each in the sessions table, so a person can see
 * where they are signed in and end any or all of it. The row is keyed by a
 * digest of the token (see lib/auth/session-token.ts); the token itself exists
 * only in the browser's cookie and in what createSession returns.
 */

const DAY_MS = 86_400_000
/** How long a session lasts without being used. */
export const SESSION_MAX_AGE_MS = 30 * DAY_MS
/** A session used after this long gets its expiry pushed back; at most one write a day per session. */
export const SESSION_RENEW_AFTER_MS = DAY_MS

export interface IssuedSession {
  /** Goes into the cookie and nowhere else. */
  token: string
  expires: Date
}

export async function createSession(
  userId: string,
  now: Date = new Date(),
): Promise<IssuedSession> {
  const token = createSessionToken()
  const expires = new Date(now.getTime() + SESSION_MAX_AGE_MS)
  await saveSession(token, userId, expires, now)
  return { token, expires }
}

/**
 * Stores a session for a token made elsewhere (Auth.js makes its own, with
 * createSessionToken, for email links and OAuth), under the same digest.
 */
export async function saveSession(
  token: string,
  userId: string,
  expires: Date,
  now: Date = new Date(),
): Promise<void> {
  if (!isWellFormedSessionToken(token)) throw new Error('session tokens come from createSessionToken')
  const db = getDb()
  await db.session.create({ data: { sessionToken: digestSessionToken(token), userId, expires } })
  // Tidy this person's expired sessions as they start a new one, so the table needs no sweeper.
  await db.session.deleteMany({ where: { userId, expires: { lte: now } } })
}

/** Moves a session's expiry; false when it no longer exists. */
export async function setSessionExpiry(token: string, expires: Date): Promise<boolean> {
  if (!isWellFormedSessionToken(token)) return false
  const { count } = await getDb().session.updateMany({
    where: { sessionToken: digestSessionToken(token) },
    data: { expires },
  })
  return count === 1
}

export interface SessionUser {
  user: AccountUser
  expires: Date
  /** The expiry moved later during this lookup; a route handler can re-send the cookie. */
  renewed: boolean
}

// Every signed-in request asks this, so it is prepared (lib/db.ts).
const sessionUserStatement: PreparedStatement = {
  name: 'sessions.user.1',
  text: `
    SELECT s.expires, u.id, u.email, u.name, u.role, u.disabled_at
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.session_token = $1`,
}

/** The signed-in user for a token, or null when it is unknown, expired, or its user is disabled. */
export async function findSessionUser(
  token: string,
  now: Date = new Date(),
): Promise<SessionUser | null> {
  if (!isWellFormedSessionToken(token)) return null
  const sessionToken = digestSessionToken(token)
  const db = getDb()
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
    await db.session.deleteMany({ where: { sessionToken, expires: { lte: now } } })
    return null
  }
  if (row.disabled_at) return null
  const { id, email, name, role } = row
  const user = { id, email, name, role }

  if (row.expires.getTime() - now.getTime() > SESSION_MAX_AGE_MS - SESSION_RENEW_AFTER_MS) {
    return { user, expires: row.expires, renewed: false }
  }
  const expires = new Date(now.getTime() + SESSION_MAX_AGE_MS)
  // updateMany: a sign-out racing this lookup leaves nothing to renew rather than an error.
  const { count } = await db.session.updateMany({ where: { sessionToken }, data: { expires } })
  return count === 1 ? { user, expires, renewed: true } : null
}

export interface SessionSummary {
  /** Stable and safe to show: a prefix of the stored digest, which cannot be turned back into a token. */
  id: string
  createdAt: Date
  /** When the session was last renewed or created; accurate to a day. */
  lastUsedAt: Date
  expires: Date
  /** The session the request came with. */
  current: boolean
}

/** The user's live sessions, newest first. */
export async function listSessions(
  userId: string,
  currentToken: string | null = null,
  now: Date = new Date(),
): Promise<SessionSummary[]> {
  const current =
    currentToken && isWellFormedSessionToken(currentToken) ? digestSessionToken(currentToken) : null
  const rows = await getDb().session.findMany({
    where: { userId, expires: { gt: now } },
    select: { sessionToken: true, createdAt: true, updatedAt: true, expires: true },
    orderBy: { createdAt: 'desc' },
  })
  return rows.map((row) => ({
    id: row.sessionToken.slice(0, 16),
    createdAt: row.createdAt,
    lastUsedAt: row.updatedAt,
    expires: row.expires,
    current: row.sessionToken === current,
  }))
}

/** Ends one session (signing out). Unknown tokens are ignored. */
export async function deleteSession(token: string): Promise<void> {
  if (!isWellFormedSessionToken(token)) return
  await getDb().session.deleteMany({ where: { sessionToken: digestSessionToken(token) } })
}

/** Ends every session of the user ("sign out everywhere"); returns how many there were. */
export async function deleteUserSessions(userId: string): Promise<number> {
  const { count } = await getDb().session.deleteMany({ where: { userId } })
  return count
}

/** Ends every session of the user except the given one, as after a password change. */
export async function deleteOtherSessions(userId: string, keepToken: string): Promise<number> {
  const { count } = await getDb().session.deleteMany({
    where: { userId, sessionToken: { not: digestSessionToken(keepToken) } },
  })
  return count
}
