import { isSameOriginRequest } from '@/lib/auth/same-origin'
import { clearSessionCookie, findSessionFromRequest } from '@/lib/auth/session'
import { deleteUserSessions } from '@/lib/data/sessions'
import { withRequestLog } from '@/lib/http/request-log'

/** Ends every session of the signed-in user, this browser's included. */
async function handlePOST(request: Request) {
  if (!isSameOriginRequest(request)) {
    return Response.json({ message: 'Sign out from a page of this site.' }, { status: 403 })
  }
  const session = await findSessionFromRequest(request)
  await clearSessionCookie()
  const ended = session ? await deleteUserSessions(session.user.id) : 0
  return Response.json({ ended }, { headers: { 'Cache-Control': 'no-store' } })
}

export const POST = withRequestLog('auth.sign-out-everywhere', handlePOST)
