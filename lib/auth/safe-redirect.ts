/**
 * Where to send someone after signing in, from a `?next=` value anyone can
 * write into a link. Only a path on this site passes; anything that a browser
 * could read as another origin ("//evil.example", "/\evil.example",
 * "https://…", control characters) falls back.
 */

const BASE = 'http://drydock.invalid'
const AUTH_PAGES = new Set(['/sign-in', '/sign-up'])

export function safeRedirectPath(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2048) return fallback
  if (!next.startsWith('/') || next.startsWith('//')) return fallback
  // Browsers treat a backslash as a slash, and the URL parser silently drops tabs and newlines.
  if (/[\\\u0000-\u001f\u007f]/.test(next)) return fallback
  let url: URL
  try {
    url = new URL(next, BASE)
  } catch {
    return fallback
  }
  if (url.origin !== BASE) return fallback
  // Coming back to the sign-in form after signing in would look like it failed.
  if (AUTH_PAGES.has(url.pathname)) return fallback
  return `${url.pathname}${url.search}${url.hash}`
}

/** The sign-in page, coming back to `path` afterwards when that is a safe place to return to. */
export function signInPath(path?: string): string {
  const next = safeRedirectPath(path, '')
  return next && next !== '/' ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in'
}
