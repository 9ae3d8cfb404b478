import 'server-only'
import { cache } from 'react'
import { notFound, redirect } from 'next/navigation'
import { findSessionUser } from '@/lib/data/session-user'
import { hasRole } from './roles'
import { signInPath } from './safe-redirect'
import { toCurrentUser, type CurrentUser } from './request-user'
import { readSessionToken } from './session'

/**
 * Who is asking. Pages and server actions use getCurrentUser / requireUser /
 * requireRole; route handlers, which get a Request, use getUserFromRequest
 * (request-user.ts).
 * Each checks the session in the database every time, so a session ended
 * elsewhere ("sign out everywhere", a disabled account) stops working at once.
 */

export type { CurrentUser } from './request-user'

/** The signed-in user, or null. Looked up once per request however many components ask. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const token = await readSessionToken()
  if (!token) return null
  const found = await findSessionUser(token)
  return found ? toCurrentUser(found.user) : null
})

/**
 * The signed-in user; anyone else is sent to the sign-in page. Next.js gives a
 * page no way to learn its own URL, so pass the page's path as `returnTo` to
 * come back to it after signing in.
 */
export async function requireUser(returnTo?: string): Promise<CurrentUser> {
  const user = await getCurrentUser()
  if (!user) redirect(signInPath(returnTo))
  return user
}

/**
 * The signed-in user when their role is at least `role` (an admin passes an
 * instructor check). Signed-out visitors go to sign in; signed-in users
 * without the role get the not-found page, which does not confirm the page exists.
 */
export async function requireRole(
  role: CurrentUser['role'],
  returnTo?: string,
): Promise<CurrentUser> {
  const user = await requireUser(returnTo)
  if (!hasRole(user.role, role)) notFound()
  return user
}
