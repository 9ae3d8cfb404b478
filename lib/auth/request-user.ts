import { findSessionUser, type SessionUser } from '@/lib/data/session-user'
import type { AccountUser } from '@/lib/data/users'
import { parseCookieHeader, pickSessionToken } from './session-cookie'

/**
 * The session behind a Request's cookie, for route handlers and for the
 * progress upload answered in front of Next.js: nothing here needs Next.js.
 * Each checks the session in the database every time, so a session ended
 * elsewhere ("sign out everywhere", a disabled account) stops working at once.
 */

export type CurrentUser = {
  id: string
  email: string
  name: string | null
  role: 'STUDENT' | 'INSTRUCTOR' | 'ADMIN'
}

export function toCurrentUser(user: AccountUser): CurrentUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role }
}

export function readSessionTokenFromRequest(request: Request): string | null {
  const parsed = parseCookieHeader(request.headers.get('cookie'))
  return pickSessionToken((name) => parsed.get(name))
}

export async function findSessionFromRequest(
  request: Request,
): Promise<(SessionUser & { token: string }) | null> {
  const token = readSessionTokenFromRequest(request)
  if (!token) return null
  const found = await findSessionUser(token)
  return found ? { ...found, token } : null
}

/** The user whose session cookie came with the request, or null. */
export async function getUserFromRequest(request: Request): Promise<CurrentUser | null> {
  const found = await findSessionFromRequest(request)
  return found ? toCurrentUser(found.user) : null
}
