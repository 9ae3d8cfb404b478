import { z } from 'zod'

/**
 * Building blocks shared by the drill schemas. Every message here is read by a
 * lesson author next to a path such as `steps[2].label`, so it says what is
 * wrong and what to write instead, without repeating the path.
 */

/** A problem in authored drill data, in the same shape as a zod issue so the content check formats both alike. */
export interface DrillProblem {
  path: (string | number)[]
  message: string
}

/** Kept in step with lib/content's rule: ids end up in saved progress, so they stay boring and stable. */
export const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

function required(what: string) {
  return (issue: { input: unknown }) =>
    issue.input === undefined ? 'is required' : `must be ${what}`
}

export const authoredId = z
  .string({ error: required('text') })
  .regex(
    KEBAB_CASE,
    'must be kebab-case (lowercase letters, digits and single dashes), e.g. "build-image"',
  )

export const authoredText = z
  .string({ error: required('text') })
  .trim()
  .min(1, 'must not be empty')

/** For text shown on one line of the widget: a line break would be silently collapsed by the browser. */
export const oneLineText = authoredText.regex(/^[^\r\n]*$/, 'must fit on one line')

export function authoredList<Item extends z.ZodType>(item: Item) {
  return z.array(item, { error: required('a list') })
}

export const authoredBoolean = z.boolean({ error: required('true or false') })

/**
 * Reports every id that appears more than once, at each repeat, so the author
 * is pointed at the copy rather than the original.
 */
export function findDuplicateIds(
  items: readonly { id: string }[],
  pathOf: (index: number) => (string | number)[],
  noun: string,
): DrillProblem[] {
  const firstIndex = new Map<string, number>()
  const problems: DrillProblem[] = []
  items.forEach((item, index) => {
    const first = firstIndex.get(item.id)
    if (first === undefined) firstIndex.set(item.id, index)
    else
      problems.push({
        path: pathOf(index),
        message: `repeats the id "${item.id}" of ${noun} ${first + 1}; each ${noun} needs its own id`,
      })
  })
  return problems
}

export type ParseResult<T> = { ok: true; data: T } | { ok: false; problems: DrillProblem[] }

/**
 * Runs the schema, then the cross-field validator on data that passed it. The
 * validator only ever sees well-formed data, so each problem is reported once.
 */
export function parseAuthored<T>(
  schema: z.ZodType<T>,
  validate: (data: T) => DrillProblem[],
  input: unknown,
): ParseResult<T> {
  const parsed = schema.safeParse(input)
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        path: issue.path.filter((key): key is string | number => typeof key !== 'symbol'),
        message: issue.message,
      })),
    }
  }
  const problems = validate(parsed.data)
  return problems.length === 0 ? { ok: true, data: parsed.data } : { ok: false, problems }
}
