import type { z } from 'zod'

/** What an account form's server action answers, and what the form shows. */
export type FormState =
  | { status: 'idle' }
  | {
      status: 'error'
      /** The error summary's text. */
      message: string
      /** Per-field messages, keyed by the input's name. */
      fieldErrors: Record<string, string>
      /** What to put back into the non-secret fields. */
      values: Record<string, string>
    }
  | { status: 'success'; message: string; redirectTo?: string }

export const idleFormState: FormState = { status: 'idle' }

/** The string fields of a submitted form; files and absent fields are left out. */
export function readFormFields(
  formData: FormData,
  names: readonly string[],
): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const name of names) {
    const value = formData.get(name)
    if (typeof value === 'string') fields[name] = value
  }
  return fields
}

/** An error state from a failed zod parse: the first message per field. */
export function invalidFormState(error: z.ZodError, values: Record<string, string>): FormState {
  const fieldErrors: Record<string, string> = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form')
    fieldErrors[field] ??= issue.message
  }
  const count = Object.keys(fieldErrors).length
  return {
    status: 'error',
    message: count === 1 ? 'Check the field below.' : `Check the ${count} fields below.`,
    fieldErrors,
    values,
  }
}
