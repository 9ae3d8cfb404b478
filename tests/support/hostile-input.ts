import fc from 'fast-check'

/**
 * The vocabulary of the bad-input tests, shared by the HTTP property test (e2e/bad-input.spec.ts) and the
 * server-action one (tests/bad-input/server-actions.int.test.ts).
 */

/** What an answer must never contain: stack frames, source paths, SQL, driver or ORM internals. */
export const LEAK =
  /\bat\s+[\w.<>$]+\s+\(|\.(?:ts|tsx|js|mjs):\d+|node_modules|prisma|\bSELECT\s|\bINSERT\s+INTO|\bUPDATE\s+\w+\s+SET|\bDELETE\s+FROM|syntax error at|violates|duplicate key|ECONNREFUSED|invalid byte sequence|\bstack\b/i

/** Text that has broken web applications before: markup, SQL, NUL and lone surrogates, paths, templates, sizes. */
export const HOSTILE_TEXTS: readonly string[] = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR '1'='1' --",
  "'; DROP TABLE users; --",
  'Robert\u0000Tables',
  '\u0000',
  '\uD800',
  '\uFEFF\u202E',
  '../../../../etc/passwd',
  '${jndi:ldap://127.0.0.1/a}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'NaN',
  'true',
  '',
  ' ',
  '🙂'.repeat(300),
  'a'.repeat(70_000),
]

/**
 * Any string, any UTF-16 (lone surrogates included), a known hostile one (`HOSTILE_TEXTS` and `extra`), or a long
 * one: `maxLength` bounds the ordinary strings and `long` the long ones.
 */
export function hostileStrings(options: {
  maxLength: number
  long: { minLength: number; maxLength: number }
  extra?: readonly string[]
}): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: options.maxLength }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: options.maxLength }) },
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_TEXTS, ...(options.extra ?? [])) },
    { weight: 1, arbitrary: fc.string(options.long) },
  )
}
