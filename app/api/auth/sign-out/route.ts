import { isSameOriginRequest } from '@/lib/auth/same-origin'
import { endSession } from '@/lib/auth/session'
import { withRequestLog } from '@/lib/http/request-log'

/**
 * Signs this browser out. A route handler rather than a server action: an
 * action that clears the cookie makes Next.js re-render the page it was called
 * from, and a page that needs a signed-in user would then redirect before the
 * browser could announce the change.
 */
async function handlePOST(request: Request) {
  if (!isSameOriginRequest(request)) {
    return Response.json({ message: 'Sign out from a page of this site.' }, { status: 403 })
  }
  await endSession()
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } })
}

export const POST = withRequestLog('auth.sign-out', handlePOST)
