'use client'

import { useActionState, useEffect } from 'react'
import { ErrorSummary, SubmitButton, TextField } from '@/components/forms/form-parts'
import { deleteMyAccount } from '@/lib/auth/actions/delete-account'
import { idleFormState } from '@/lib/auth/form-state'
import { announceSessionChange } from '@/lib/auth/session-events'

const labels = { password: 'Your password', confirm: 'Type “delete” to confirm' }

export function DeleteAccountForm({ email }: { email: string }) {
  const [state, formAction, pending] = useActionState(deleteMyAccount, idleFormState)
  const errors = state.status === 'error' ? state.fieldErrors : {}
  useEffect(() => {
    if (state.status !== 'success') return
    announceSessionChange()
    // A full load: every cached page of the signed-in account must go.
    window.location.assign(state.redirectTo ?? '/')
  }, [state])
  return (
    <form action={formAction} noValidate className="space-y-5">
      <ErrorSummary state={state} labels={labels} />
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField name="password" type="password" label={labels.password} autoComplete="current-password" error={errors.password} required />
      <TextField name="confirm" label={labels.confirm} autoComplete="off" error={errors.confirm} required />
      <SubmitButton pending={pending} pendingLabel="Deleting your account…">
        Delete my account
      </SubmitButton>
    </form>
  )
}
