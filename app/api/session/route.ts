import { findSessionFromRequest, setSessionCookie } from '@/lib/auth/session'
import { withRequestLog } from '@/lib/http/request-log'

/**
 * Who is signed in, for the header's account menu. Pages stay static and
 * ask this from the browser instead of reading the cookie while rendering.
 * Also the moment a renewed session's cookie gets its new expiry.
 */
export const dynamic = 'force-dynamic'

async function handleGET(request: Request) {
  const session = await findSessionFromRequest(request)
  if (session?.renewed) await setSessionCookie(session.token, session.expires)
  const user = session
    ? { email: session.user.email, name: session.user.name, role: session.user.role }
    : null
  return Response.json({ user }, { headers: { 'Cache-Control': 'no-store', Vary: 'Cookie' } })
}

export const GET = withRequestLog('session', handleGET)
