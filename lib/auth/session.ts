import 'server-only'
import { cookies, headers } from 'next/headers'
import { createSession, deleteSession } from '@/lib/data/sessions'
import {
  isSecureRequest,
  pickSessionToken,
  SECURE_SESSION_COOKIE,
  SESSION_COOKIE,
  sessionCookieName,
  sessionCookieOptions,
} from './session-cookie'

export { findSessionFromRequest, readSessionTokenFromRequest } from './request-user'

/**
 * The session cookie as server actions and route handlers see it: the only
 * places in Next.js allowed to set cookies. Pages read it through
 * current-user.ts.
 */

export async function readSessionToken(): Promise<string | null> {
  const store = await cookies()
  return pickSessionToken((name) => store.get(name)?.value)
}

/**
 * Signs the browser in as the user: ends whatever session it had (someone
 * else's, or a stale one of theirs) so one browser never holds two, then
 * issues a new token. A fresh token on every sign-in means a token planted
 * before sign-in is worthless after it.
 */
export async function startSession(userId: string): Promise<void> {
  const previous = await readSessionToken()
  if (previous) await deleteSession(previous)
  const { token, expires } = await createSession(userId)
  await setSessionCookie(token, expires)
}

/** Signs this browser out: its session row goes, and so does the cookie. */
export async function endSession(): Promise<void> {
  const token = await readSessionToken()
  if (token) await deleteSession(token)
  await clearSessionCookie()
}

export async function setSessionCookie(token: string, expires: Date): Promise<void> {
  const secure = isSecureRequest(await headers())
  const store = await cookies()
  store.set(sessionCookieName(secure), token, sessionCookieOptions(secure, expires))
  // A cookie left from before the site moved to HTTPS (or back) must not shadow this one.
  store.delete(sessionCookieName(!secure))
}

export async function clearSessionCookie(): Promise<void> {
  const store = await cookies()
  for (const name of [SESSION_COOKIE, SECURE_SESSION_COOKIE]) {
    if (store.has(name)) store.delete({ name, path: '/', secure: name === SECURE_SESSION_COOKIE })
  }
}
