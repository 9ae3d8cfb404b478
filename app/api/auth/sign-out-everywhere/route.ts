import { isSameOriginRequest } from '@/lib/auth/same-origin'
import { clearSessionCookie, findSessionFromRequest } from '@/lib/auth/session'
import { deleteUserSessions } from '@/lib/data/sessions'

/** Ends every session of the signed-in user, this browser's included. */
export async function POST(request: Request) {
  if (!isSameOriginRequest(request)) {
    return Response.json({ message: 'Sign out from a page of this site.' }, { status: 403 })
  }
  const session = await findSessionFromRequest(request)
  await clearSessionCookie()
  const ended = session ? await deleteUserSessions(session.user.id) : 0
  return Response.json({ ended }, { headers: { 'Cache-Control': 'no-store' } })
}
