import { createHmac, randomBytes } from 'node:crypto'
import { getAuthSecret } from './secret'

/**
 * A session token is 256 random bits, sent only in the cookie. The database
 * keeps a keyed digest of it instead, so a copy of the sessions table (a
 * backup, a read replica) signs nobody in, and rotating AUTH_SECRET signs
 * everyone out.
 */

export function createSessionToken(): string {
  return randomBytes(32).toString('base64url')
}

export function digestSessionToken(token: string, secret: string = getAuthSecret()): string {
  return createHmac('sha256', secret).update(token).digest('hex')
}

/** Tokens we issue are 43 base64url characters; anything else is not worth a database round trip. */
export function isWellFormedSessionToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token)
}
