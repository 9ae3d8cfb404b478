/**
 * What text from outside may reach PostgreSQL. Its `text` type cannot hold NUL
 * (U+0000), and `jsonb` refuses NUL and unpaired surrogates; without these checks a
 * single such character in a name, id or answer became a database error (a 500)
 * instead of a refusal. Zod schemas and the data layer both use them.
 */

/** NUL is never part of a name, slug, code or address. */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000')
}

export const UNSTORABLE_TEXT_MESSAGE = 'Remove the invisible control characters (NUL) from this text'

/**
 * Whether a value can be stored as jsonb. JSON.stringify escapes exactly the
 * unpaired surrogates (as \udxxx) and writes paired ones as they are, so any such
 * escape in its output, or an escaped NUL, marks a value PostgreSQL would refuse.
 */
export function isStorableJson(value: unknown): boolean {
  const json = JSON.stringify(value)
  // An odd run of backslashes before the u: an escape, not a typed backslash followed by "u0000".
  return json === undefined || !/(?<!\\)(?:\\\\)*\\u(?:0000|d[89a-f][0-9a-f]{2})/i.test(json)
}

/** Row ids Drydock makes (cuids, uuids, slugs): anything else cannot name a row, so it is not looked up. */
const RECORD_ID = /^[A-Za-z0-9_-]{1,64}$/

export function isRecordId(value: unknown): value is string {
  return typeof value === 'string' && RECORD_ID.test(value)
}
