import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { themeScript } from '@/components/layout/theme-script'

/**
 * The security headers every response carries. The Content-Security-Policy lets
 * a page run only the scripts Drydock itself put there, so text that slipped into
 * a page as HTML still could not run:
 *
 * - pages rendered per request get a fresh nonce, which Next.js puts on its own
 *   inline scripts (it reads it from the request's policy header);
 * - pages prerendered at build time (catalogue, courses, lessons) cannot carry a
 *   per-request nonce, so their policy lists the SHA-256 of each inline script in
 *   their prerendered HTML instead, and they stay static.
 *
 * Either way external scripts must come from this origin ('self'); no
 * 'unsafe-inline' and no 'unsafe-eval' in production.
 */

/** Headers that do not depend on the request (nosniff, Referrer-Policy, ...) are set in next.config.mjs. */
export const HSTS_VALUE = 'max-age=63072000; includeSubDomains'

export function sha256Source(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`
}

/** The theme script runs in every page's <head>, dynamic ones included (it never carries a nonce). */
const THEME_SCRIPT_HASH = sha256Source(themeScript)

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi

/** The hash sources for every inline script in an HTML document (those with src= load from 'self'). */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>()
  for (const [, attributes, body] of html.matchAll(INLINE_SCRIPT)) {
    if (/\bsrc\s*=/i.test(attributes ?? '') || !body) continue
    hashes.add(sha256Source(body))
  }
  return [...hashes]
}

export interface PolicyOptions {
  /** For pages rendered per request. */
  nonce?: string
  /** For prerendered pages: the hashes of their inline scripts. */
  scriptHashes?: readonly string[]
  /** next dev needs eval (React's debugging) and a websocket for hot reload. */
  development?: boolean
  /** Served over HTTPS: ask the browser to upgrade any stray http:// subresource. */
  https?: boolean
  /**
   * Origins a form may lead to besides this one: the OAuth providers switched on, whose
   * sign-in button, without JavaScript, is a form post answered by a redirect to them.
   */
  formActions?: readonly string[]
}

/** Where "Continue with …" sends the browser, for form-action. */
export const OAUTH_AUTHORIZE_ORIGINS = {
  github: 'https://github.com',
  google: 'https://accounts.google.com',
} as const

/** The form-action origins for the OAuth providers switched on. */
export function oauthFormActions(providers: { github: boolean; google: boolean }): string[] {
  return (['github', 'google'] as const).filter((id) => providers[id]).map((id) => OAUTH_AUTHORIZE_ORIGINS[id])
}

export function buildContentSecurityPolicy({
  nonce,
  scriptHashes = [],
  development = false,
  https = false,
  formActions = [],
}: PolicyOptions): string {
  const scriptSources = new Set([
    "'self'",
    ...(nonce ? [`'nonce-${nonce}'`] : []),
    THEME_SCRIPT_HASH,
    ...scriptHashes,
    ...(development ? ["'unsafe-eval'"] : []),
  ])
  const directives = [
    "default-src 'self'",
    `script-src ${[...scriptSources].join(' ')}`,
    // Progress bars and React set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    ["form-action 'self'", ...formActions].join(' '),
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ]
  return directives.join('; ')
}

/** A fresh, unguessable nonce for one response. */
export function createNonce(): string {
  const bytes = new Uint8Array(18)
  crypto.getRandomValues(bytes)
  return Buffer.from(bytes).toString('base64')
}

/** Whether the browser reached us over HTTPS, directly or through a TLS-terminating proxy. */
export function isHttpsRequest(url: URL, headers: Headers): boolean {
  if (url.protocol === 'https:') return true
  const forwarded = headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase()
  return forwarded === 'https'
}

/** Only plain path segments can name a prerendered page; anything else is rendered per request. */
const PAGE_PATH = /^\/(?:[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*)?$/

const prerenderedHashes = new Map<string, string[]>()

// Read at run time, not traced into the build: the prerendered pages are already part of it.
const PRERENDERED_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), '.next', 'server', 'app')

/**
 * The inline-script hashes of the page prerendered for `pathname`, or null when no
 * page was prerendered there (it is rendered per request and gets a nonce).
 * Reads `.next/server/app/<path>.html` once per page; the standalone server runs
 * from its own folder, which holds the same layout.
 */
export function prerenderedPageHashes(pathname: string, appDir = PRERENDERED_DIR): string[] | null {
  if (!PAGE_PATH.test(pathname)) return null
  const cached = prerenderedHashes.get(pathname)
  if (cached) return cached
  const file = pathname === '/' ? 'index.html' : `${pathname.slice(1)}.html`
  let html: string
  try {
    html = readFileSync(path.join(/*turbopackIgnore: true*/ appDir, file), 'utf8')
  } catch {
    return null
  }
  const hashes = inlineScriptHashes(html)
  prerenderedHashes.set(pathname, hashes)
  return hashes
}
