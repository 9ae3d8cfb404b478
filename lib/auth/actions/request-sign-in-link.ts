'use server'

import { AuthError } from 'next-auth'
import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { enabledSignInProviders, getServerEnv } from '@/lib/env'
import { normalizeEmail } from '@/lib/data/users'
import { clientAddress, retryMessage, takeRateLimits } from '@/lib/http/rate-limit'
import { AUTH_PAGES, authjsSignIn } from '../authjs'
import { invalidFormState, readFormFields, type FormState } from '../form-state'
import { safeRedirectPath } from '../safe-redirect'

const requestSchema = z.object({
  email: z
    .string({ message: 'Enter your email address' })
    .trim()
    .toLowerCase()
    .min(1, 'Enter your email address')
    .max(254, 'Email addresses are at most 254 characters')
    .pipe(z.email('Enter an email address like name@example.com')),
})

/**
 * Emails a sign-in link. A public endpoint: everything is checked here. The
 * answer is the same whether or not the address has an account (a new one
 * is created when the link is opened), so it tells nobody who is registered.
 */
export async function requestSignInLink(_previous: FormState, formData: FormData): Promise<FormState> {
  const fields = readFormFields(formData, ['email', 'next'])
  const values = { email: fields.email ?? '' }
  if (!enabledSignInProviders(getServerEnv()).email) {
    return { status: 'error', message: 'Sign-in links are not switched on here. Sign in with your password.', fieldErrors: {}, values }
  }
  const parsed = requestSchema.safeParse(fields)
  if (!parsed.success) return invalidFormState(parsed.error, values)

  const limited = takeRateLimits([
    ['signInLinkPerIp', clientAddress(await headers())],
    ['signInLinkPerAccount', normalizeEmail(parsed.data.email)],
  ])
  if (!limited.ok) return { status: 'error', message: retryMessage(limited.retryAfterSeconds), fieldErrors: {}, values }

  let answer: string
  try {
    answer = await authjsSignIn('nodemailer', {
      email: parsed.data.email,
      redirectTo: safeRedirectPath(fields.next),
      redirect: false,
    })
  } catch (error) {
    if (!(error instanceof AuthError)) throw error
    answer = `${AUTH_PAGES.error}?error=${error.type}`
  }
  // Auth.js answers a failure (the mail server refused, say) with its error page's address.
  if (new URL(answer, 'http://drydock.invalid').searchParams.has('error')) {
    return {
      status: 'error',
      message: 'We could not send the email just now. Try again in a few minutes, or sign in with your password.',
      fieldErrors: {},
      values,
    }
  }
  redirect(AUTH_PAGES.verifyRequest)
}
