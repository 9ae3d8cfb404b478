'use server'

import { headers } from 'next/headers'
import { createUserWithPassword } from '@/lib/data/users'
import { clientAddress, retryMessage, takeRateLimit } from '@/lib/http/rate-limit'
import { SIGN_UP_REFUSED } from '../messages'
import { invalidFormState, readFormFields, type FormState } from '../form-state'
import { safeRedirectPath } from '../safe-redirect'
import { signUpSchema } from '../schemas'
import { startSession } from '../session'

/** Creates an account and signs the browser into it. A public endpoint: everything is checked here. */
export async function signUp(_previous: FormState, formData: FormData): Promise<FormState> {
  const fields = readFormFields(formData, ['email', 'password', 'name', 'next'])
  const values = { email: fields.email ?? '', name: fields.name ?? '' }
  const parsed = signUpSchema.safeParse(fields)
  if (!parsed.success) return invalidFormState(parsed.error, values)

  const limited = takeRateLimit('signUpPerIp', clientAddress(await headers()))
  if (!limited.ok) return { status: 'error', message: retryMessage(limited.retryAfterSeconds), fieldErrors: {}, values }

  const created = await createUserWithPassword(parsed.data)
  if (!created.ok) return { status: 'error', message: SIGN_UP_REFUSED, fieldErrors: {}, values }

  await startSession(created.user.id)
  return {
    status: 'success',
    message: 'Your account is ready.',
    redirectTo: safeRedirectPath(fields.next),
  }
}
