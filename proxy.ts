import { NextResponse, type NextRequest } from 'next/server'
import { enabledSignInProviders, getServerEnv } from '@/lib/env'
import {
  HSTS_VALUE,
  buildContentSecurityPolicy,
  createNonce,
  isHttpsRequest,
  oauthFormActions,
  prerenderedPageHashes,
} from '@/lib/http/security-headers'

/**
 * Sets the Content-Security-Policy (and HSTS over HTTPS) on every page and on
 * Auth.js's routes; the JSON API has a fixed policy (next.config.mjs). Pages rendered per request get a nonce, which Next.js reads from the
 * request's policy header and puts on its inline scripts; prerendered pages keep
 * their static HTML and are allowed exactly the inline scripts it holds, by hash.
 * Nothing here reads cookies or the database: authorization stays in pages and
 * the data layer. Plain GETs of prerendered pages are answered before Next.js
 * runs this, with the same policy (lib/http/prerendered-pages.ts).
 */
export function proxy(request: NextRequest) {
  const https = isHttpsRequest(request.nextUrl, request.headers)
  const development = process.env.NODE_ENV === 'development'
  const formActions = oauthFormActions(enabledSignInProviders(getServerEnv()))
  // next dev renders every page per request, whatever an earlier production build left in .next.
  const staticHashes =
    !development && (request.method === 'GET' || request.method === 'HEAD') ? prerenderedPageHashes(request.nextUrl.pathname) : null

  let policy: string
  let requestHeaders: Headers | undefined
  if (staticHashes) {
    policy = buildContentSecurityPolicy({ scriptHashes: staticHashes, development, https, formActions })
  } else {
    // A missing page may be answered with the prerendered not-found page, which has no nonce.
    const notFound = prerenderedPageHashes('/_not-found') ?? []
    policy = buildContentSecurityPolicy({ nonce: createNonce(), scriptHashes: notFound, development, https, formActions })
    requestHeaders = new Headers(request.headers)
    requestHeaders.set('content-security-policy', policy)
  }

  const response = requestHeaders ? NextResponse.next({ request: { headers: requestHeaders } }) : NextResponse.next()
  response.headers.set('Content-Security-Policy', policy)
  if (https) response.headers.set('Strict-Transport-Security', HSTS_VALUE)
  return response
}

export const config = {
  // Hashed build assets carry the static headers from next.config.mjs; they run no inline code.
  // So does the JSON API, Auth.js's routes apart (next.config.mjs, API_PATHS).
  matcher: ['/((?!_next/static|_next/image|favicon.ico|api/(?!auth(?:/|$))).*)'],
}
