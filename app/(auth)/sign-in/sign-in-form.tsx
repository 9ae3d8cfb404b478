'use client'

import { useActionState } from 'react'
import { signIn } from '@/lib/auth/actions/sign-in'
import { idleFormState } from '@/lib/auth/form-state'
import { ErrorSummary, SubmitButton, TextField } from '@/components/forms/form-parts'
import { SignedInNotice } from '../_components/signed-in-notice'
import { useSignedInRedirect } from '../_components/use-signed-in-redirect'

const labels = { email: 'Email address', password: 'Password' }

export function SignInForm({ next }: { next: string }) {
  const [state, formAction, pending] = useActionState(signIn, idleFormState)
  useSignedInRedirect(state)
  const errors = state.status === 'error' ? state.fieldErrors : {}
  const values = state.status === 'error' ? state.values : {}

  if (state.status === 'success') return <SignedInNotice state={state} />

  return (
    <form action={formAction} noValidate className="space-y-5">
      <ErrorSummary state={state} labels={labels} />
      <input type="hidden" name="next" value={next} />
      <TextField
        name="email"
        type="email"
        label={labels.email}
        autoComplete="username"
        defaultValue={values.email}
        error={errors.email}
        required
      />
      <TextField
        name="password"
        type="password"
        label={labels.password}
        autoComplete="current-password"
        error={errors.password}
        required
      />
      <SubmitButton pending={pending} pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  )
}
