import { getServerEnv } from '@/lib/env'

/**
 * Fixed-window rate limits, counted in this server's memory. A window is
 * short (a minute to an hour), so losing the counts on restart costs little,
 * and one Drydock instance per database is the supported deployment; several
 * instances each keep their own counts, which multiplies the limits by the
 * number of instances.
 */

export interface RateLimitRule {
  /** Requests allowed per window. */
  limit: number
  windowMs: number
}

export const RATE_LIMITS = {
  /** Failed and successful attempts alike, so guessing is slow from one address... */
  signInPerIp: { limit: 20, windowMs: 10 * 60_000 },
  /** ...and for one account from many addresses. */
  signInPerAccount: { limit: 10, windowMs: 10 * 60_000 },
  signUpPerIp: { limit: 5, windowMs: 60 * 60_000 },
  /** Emailed sign-in links: each one is a message to someone's inbox, so fewer. */
  signInLinkPerIp: { limit: 10, windowMs: 60 * 60_000 },
  signInLinkPerAccount: { limit: 5, windowMs: 60 * 60_000 },
  joinPerUser: { limit: 10, windowMs: 10 * 60_000 },
  joinPerIp: { limit: 30, windowMs: 10 * 60_000 },
  /** Progress batches (of up to 200 events each). */
  progressPerUser: { limit: 120, windowMs: 60_000 },
  progressPerIp: { limit: 600, windowMs: 60_000 },
} as const satisfies Record<string, RateLimitRule>

export type RateLimitName = keyof typeof RATE_LIMITS

export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number }

interface Window {
  startedAt: number
  count: number
}

// On globalThis: the production entry's own bundle (lib/http/api-front.ts) and Next.js's
// count in the same windows, so one server keeps one set of counts.
const globalForLimits = globalThis as unknown as { drydockRateLimits?: Map<string, Window> }
const windows = (globalForLimits.drydockRateLimits ??= new Map<string, Window>())
const MAX_KEYS = 100_000

function sweep(now: number) {
  // Bounded memory: drop finished windows, and if an attack still fills the map, start over.
  for (const [key, window] of windows) {
    const rule = RATE_LIMITS[key.slice(0, key.indexOf(':')) as RateLimitName]
    if (!rule || now - window.startedAt >= rule.windowMs) windows.delete(key)
  }
  if (windows.size >= MAX_KEYS) windows.clear()
}

/** Counts one request against `name` for `key`; says whether it is within the limit. */
export function takeRateLimit(name: RateLimitName, key: string, now = Date.now()): RateLimitResult {
  if (!getServerEnv().DRYDOCK_RATE_LIMITS) return { ok: true }
  const rule: RateLimitRule = RATE_LIMITS[name]
  const id = `${name}:${key}`
  let window = windows.get(id)
  if (!window || now - window.startedAt >= rule.windowMs) {
    if (windows.size >= MAX_KEYS / 2) sweep(now)
    window = { startedAt: now, count: 0 }
    windows.set(id, window)
  }
  window.count += 1
  if (window.count <= rule.limit) return { ok: true }
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((window.startedAt + rule.windowMs - now) / 1000)) }
}

/** Checks several limits at once; every one is counted, the first refusal wins. */
export function takeRateLimits(checks: [RateLimitName, string][], now = Date.now()): RateLimitResult {
  let refused: RateLimitResult = { ok: true }
  for (const [name, key] of checks) {
    const result = takeRateLimit(name, key, now)
    if (!result.ok && refused.ok) refused = result
  }
  return refused
}

export function resetRateLimits() {
  windows.clear()
}

/**
 * The client's address as the outermost trusted proxy saw it. Next.js fills
 * X-Forwarded-For with the socket address only when the request has none;
 * behind TRUSTED_PROXY_HOPS proxies, each appends the address it saw, so the
 * client is that many entries from the end and anything before it is the
 * client's own claim. Without a proxy a client can send its own
 * X-Forwarded-For, which is why the per-account limits matter too.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
  const hops = getServerEnv().TRUSTED_PROXY_HOPS
  return forwarded[Math.max(0, forwarded.length - Math.max(1, hops))] ?? 'unknown'
}

export function retryMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60)
  return seconds < 90 ? `Too many attempts. Try again in ${seconds} seconds.` : `Too many attempts. Try again in ${minutes} minutes.`
}
