'use client'

import { useActionState } from 'react'
import { requestSignInLink } from '@/lib/auth/actions/request-sign-in-link'
import { idleFormState } from '@/lib/auth/form-state'
import { ErrorSummary, SubmitButton, TextField } from '@/components/forms/form-parts'

const labels = { email: 'Email address' }

export function RequestLinkForm({ next }: { next: string }) {
  // Success is a redirect to the "check your email" page, so only errors come back here.
  const [state, formAction, pending] = useActionState(requestSignInLink, idleFormState)
  const errors = state.status === 'error' ? state.fieldErrors : {}
  const values = state.status === 'error' ? state.values : {}

  return (
    <form action={formAction} noValidate className="space-y-5">
      <ErrorSummary state={state} labels={labels} />
      <input type="hidden" name="next" value={next} />
      <TextField
        name="email"
        type="email"
        label={labels.email}
        autoComplete="email"
        defaultValue={values.email}
        error={errors.email}
        required
      />
      <SubmitButton pending={pending} pendingLabel="Sending…">
        Email me a sign-in link
      </SubmitButton>
    </form>
  )
}
