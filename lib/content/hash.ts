import { createHash } from 'node:crypto'

/**
 * JSON with object keys sorted at every depth, so that two equal values always
 * serialise to the same string whatever order an author wrote the keys in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort()) {
      sorted[key] = sortKeys((value as Record<string, unknown>)[key])
    }
    return sorted
  }
  return value
}

/** First 16 hex characters of sha256: short enough to store per answer, long enough not to collide. */
export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16)
}

export function hashValue(value: unknown): string {
  return hashText(canonicalJson(value))
}
