'use client'

import { useActionState } from 'react'
import { signUp } from '@/lib/auth/actions/sign-up'
import { idleFormState } from '@/lib/auth/form-state'
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password-rules'
import { ErrorSummary, SubmitButton, TextField } from '@/components/forms/form-parts'
import { SignedInNotice } from '../_components/signed-in-notice'
import { useSignedInRedirect } from '../_components/use-signed-in-redirect'

const labels = { name: 'Your name', email: 'Email address', password: 'Password' }

export function SignUpForm({ next }: { next: string }) {
  const [state, formAction, pending] = useActionState(signUp, idleFormState)
  useSignedInRedirect(state)
  const errors = state.status === 'error' ? state.fieldErrors : {}
  const values = state.status === 'error' ? state.values : {}

  if (state.status === 'success') return <SignedInNotice state={state} />

  return (
    <form action={formAction} noValidate className="space-y-5">
      <ErrorSummary state={state} labels={labels} />
      <input type="hidden" name="next" value={next} />
      <TextField
        name="name"
        label={labels.name}
        autoComplete="name"
        hint="Shown to your instructor."
        defaultValue={values.name}
        error={errors.name}
      />
      <TextField
        name="email"
        type="email"
        label={labels.email}
        autoComplete="email"
        hint="You sign in with it. We never show it to other students."
        defaultValue={values.email}
        error={errors.email}
        required
      />
      <TextField
        name="password"
        type="password"
        label={labels.password}
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words are easy to remember and hard to guess.`}
        error={errors.password}
        required
      />
      <SubmitButton pending={pending} pendingLabel="Creating your account…">
        Create account
      </SubmitButton>
    </form>
  )
}
