import { getDb } from '@/lib/db'
import {
  createSessionToken,
  digestSessionToken,
  isWellFormedSessionToken,
} from '@/lib/auth/session-token'
import { SESSION_MAX_AGE_MS } from './session-user'

/**
 * Signed-in sessions, one row each in the sessions table, so a person can see
 * where they are signed in and end any or all of it. The row is keyed by a
 * digest of the token (see lib/auth/session-token.ts); the token itself exists
 * only in the browser's cookie and in what createSession returns.
 */

export { findSessionUser, SESSION_MAX_AGE_MS, SESSION_RENEW_AFTER_MS, type SessionUser } from './session-user'

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
