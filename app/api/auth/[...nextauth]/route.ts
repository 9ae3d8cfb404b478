import type { NextRequest } from 'next/server'
import { handlers, hasAuthjsProviders } from '@/lib/auth/authjs'
import { normalizeEmail } from '@/lib/data/users'
import { deleteSession } from '@/lib/data/sessions'
import { readSessionTokenFromRequest } from '@/lib/auth/session'
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from '@/lib/auth/session-cookie'
import { clientAddress, retryMessage, takeRateLimits } from '@/lib/http/rate-limit'
import { withRequestLog } from '@/lib/http/request-log'

/**
 * Auth.js's routes (sign-in, callbacks, CSRF token, its session and sign-out),
 * mounted only when a provider is configured. Drydock's own
 * /api/auth/sign-out and /api/auth/sign-out-everywhere are more specific
 * routes, which Next.js matches before this catch-all. Auth.js checks its
 * own CSRF token on every POST.
 */
export const dynamic = 'force-dynamic'

const notFound = () =>
  Response.json({ message: 'No sign-in provider is configured on this server.' }, { status: 404 })

async function handleGET(request: Request) {
  if (!hasAuthjsProviders()) return notFound()
  return afterSignIn(request, await handlers.GET(request as NextRequest))
}

async function handlePOST(request: Request) {
  if (!hasAuthjsProviders()) return notFound()
  if (new URL(request.url).pathname.endsWith('/signin/nodemailer')) {
    // The sign-in pages check these limits too, with a friendlier answer; this covers direct posts.
    const email = (await request.clone().formData().catch(() => null))?.get('email')
    const limited = takeRateLimits([
      ['signInLinkPerIp', clientAddress(request.headers)],
      ['signInLinkPerAccount', typeof email === 'string' ? normalizeEmail(email) : ''],
    ])
    if (!limited.ok) {
      return Response.json(
        { message: retryMessage(limited.retryAfterSeconds) },
        { status: 429, headers: { 'Retry-After': String(limited.retryAfterSeconds) } },
      )
    }
  }
  return afterSignIn(request, await handlers.POST(request as NextRequest))
}

/**
 * When Auth.js has just signed this browser in, the session it came with
 * (someone else's, or a stale one) ends, so one browser never holds two, as
 * with a password sign-in (lib/auth/session.ts startSession). A cookie of the
 * other name (from before a move to HTTPS, or back) is cleared so it cannot
 * shadow the new one.
 */
async function afterSignIn(request: Request, response: Response): Promise<Response> {
  const issued = response.headers
    .getSetCookie()
    .map((cookie) => /^([^=]+)=([^;]*)/.exec(cookie))
    .find((match) => match && (match[1] === SESSION_COOKIE || match[1] === SECURE_SESSION_COOKIE) && match[2])
  if (!issued) return response
  const previous = readSessionTokenFromRequest(request)
  if (previous && previous !== decodeURIComponent(issued[2]!)) await deleteSession(previous)
  const other = issued[1] === SESSION_COOKIE ? SECURE_SESSION_COOKIE : SESSION_COOKIE
  if (!request.headers.get('cookie')?.includes(`${other}=`)) return response
  const headers = new Headers(response.headers)
  headers.append(
    'Set-Cookie',
    `${other}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${other === SECURE_SESSION_COOKIE ? '; Secure' : ''}`,
  )
  return new Response(response.body, { status: response.status, headers })
}

export const GET = withRequestLog('auth.authjs', handleGET)
export const POST = withRequestLog('auth.authjs', handlePOST)
