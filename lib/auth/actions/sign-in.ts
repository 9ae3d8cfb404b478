'use server'

import { headers } from 'next/headers'
import { normalizeEmail, verifyCredentials } from '@/lib/data/users'
import { clientAddress, retryMessage, takeRateLimits } from '@/lib/http/rate-limit'
import { ACCOUNT_DISABLED, SIGN_IN_FAILED } from '../messages'
import { invalidFormState, readFormFields, type FormState } from '../form-state'
import { safeRedirectPath } from '../safe-redirect'
import { signInSchema } from '../schemas'
import { startSession } from '../session'

/** Checks an email and password and signs the browser in. A public endpoint: everything is checked here. */
export async function signIn(_previous: FormState, formData: FormData): Promise<FormState> {
  const fields = readFormFields(formData, ['email', 'password', 'next'])
  const values = { email: fields.email ?? '' }
  const parsed = signInSchema.safeParse(fields)
  if (!parsed.success) return invalidFormState(parsed.error, values)

  const limited = takeRateLimits([
    ['signInPerIp', clientAddress(await headers())],
    ['signInPerAccount', normalizeEmail(parsed.data.email)],
  ])
  if (!limited.ok) return { status: 'error', message: retryMessage(limited.retryAfterSeconds), fieldErrors: {}, values }

  const result = await verifyCredentials(parsed.data.email, parsed.data.password)
  if (!result.ok) {
    const message = result.reason === 'disabled' ? ACCOUNT_DISABLED : SIGN_IN_FAILED
    return { status: 'error', message, fieldErrors: {}, values }
  }

  await startSession(result.user.id)
  return {
    status: 'success',
    message: 'You are signed in.',
    redirectTo: safeRedirectPath(fields.next),
  }
}
