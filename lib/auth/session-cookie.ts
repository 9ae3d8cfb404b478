/**
 * The session cookie: httpOnly (scripts never see the token), SameSite=Lax
 * (sent on links into the site, never on cross-site form posts), and Secure
 * when the request came over HTTPS. Over HTTPS it also takes the __Host-
 * prefix, which browsers only accept from a secure origin for the whole host,
 * so a sibling subdomain cannot plant a session.
 */

export const SESSION_COOKIE = 'drydock_session'
export const SECURE_SESSION_COOKIE = '__Host-drydock_session'

export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE
}

export interface SessionCookieOptions {
  httpOnly: true
  sameSite: 'lax'
  secure: boolean
  path: '/'
  expires: Date
}

export function sessionCookieOptions(secure: boolean, expires: Date): SessionCookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', expires }
}

/** The token from whichever session cookie is present, preferring the secure one. */
export function pickSessionToken(get: (name: string) => string | undefined): string | null {
  return get(SECURE_SESSION_COOKIE) || get(SESSION_COOKIE) || null
}

/** Cookies from a raw Cookie header, for route handlers that get only a Request. */
export function parseCookieHeader(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>()
  if (!header) return cookies
  for (const part of header.split(';')) {
    const at = part.indexOf('=')
    if (at < 1) continue
    const name = part.slice(0, at).trim()
    if (cookies.has(name)) continue
    let value = part.slice(at + 1).trim()
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2)
      value = value.slice(1, -1)
    try {
      cookies.set(name, decodeURIComponent(value))
    } catch {
      cookies.set(name, value)
    }
  }
  return cookies
}

interface HeaderReader {
  get(name: string): string | null
}

/**
 * Whether the browser is talking HTTPS. Behind a TLS-terminating proxy the
 * server itself sees plain HTTP, so the proxy's X-Forwarded-Proto and the
 * browser's Origin count too. A client that lies here only gets a cookie its
 * own browser will not send back over HTTP.
 */
export function isSecureRequest(headers: HeaderReader, url?: string): boolean {
  const forwarded = headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase()
  if (forwarded) return forwarded === 'https'
  if (headers.get('origin')?.toLowerCase().startsWith('https://')) return true
  return url?.toLowerCase().startsWith('https://') ?? false
}
