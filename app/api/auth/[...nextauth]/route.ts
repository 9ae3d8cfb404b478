import type { NextRequest } from 'next/server'
import { handlers, hasAuthjsProviders } from '@/lib/auth/authjs'
import { normalizeEmail } from '@/lib/data/users'
import { deleteSession } from '@/lib/data/sessions'
import { isSameOriginRequest } from '@/lib/auth/same-origin'
import { readSessionTokenFromRequest } from '@/lib/auth/session'
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from '@/lib/auth/session-cookie'
import { clientAddress, retryMessage, takeRateLimits } from '@/lib/http/rate-limit'
import { withRequestLog } from '@/lib/http/request-log'

/**
 * Auth.js's routes (sign-in, callbacks, CSRF token, its session and sign-out),
 * mounted only when a provider is configured. Drydock's own
 * /api/auth/sign-out and /api/auth/sign-out-everywhere are more specific
 * routes, which Next.js matches before this catch-all. POSTs must come from
 * this site (Origin) and carry Auth.js's CSRF token, which Auth.js checks.
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
  // Drydock's pages start sign-ins through server actions; a direct POST must come from a page of
  // this site and carry Auth.js's CSRF token (GET /api/auth/csrf), which Auth.js then verifies.
  if (!isSameOriginRequest(request)) {
    return Response.json({ message: 'Sign in from a page of this site.' }, { status: 403 })
  }
  const form = await readForm(request)
  if (!form.csrfToken) {
    return Response.json(
      { message: 'This request has no CSRF token. Ask GET /api/auth/csrf for one and send it as csrfToken.' },
      { status: 403 },
    )
  }
  if (new URL(request.url).pathname.endsWith('/signin/nodemailer')) {
    // The sign-in pages check these limits too, with a friendlier answer; this covers direct posts.
    const email = form.email
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

/** The fields of a form or JSON body, read from a copy so Auth.js can still read the original. */
async function readForm(request: Request): Promise<Record<string, unknown>> {
  const type = request.headers.get('content-type') ?? ''
  try {
    if (type.includes('application/json')) return ((await request.clone().json()) as Record<string, unknown>) ?? {}
    if (type.includes('form')) return Object.fromEntries(await request.clone().formData())
  } catch {
    // An unreadable body has no token; Auth.js is not asked.
  }
  return {}
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
