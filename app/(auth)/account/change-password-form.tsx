'use client'

import { useRouter } from 'next/navigation'
import { useActionState, useEffect, useRef } from 'react'
import { changePassword } from '@/lib/auth/actions/change-password'
import { idleFormState } from '@/lib/auth/form-state'
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password-rules'
import { ErrorSummary, SubmitButton, SuccessNotice, TextField } from '@/components/forms/form-parts'

const labels = { currentPassword: 'Current password', newPassword: 'New password' }

export function ChangePasswordForm({ email }: { email: string }) {
  const [state, formAction, pending] = useActionState(changePassword, idleFormState)
  const errors = state.status === 'error' ? state.fieldErrors : {}
  const notice = useRef<HTMLDivElement>(null)
  const router = useRouter()
  useEffect(() => {
    if (state.status !== 'success') return
    notice.current?.focus()
    // The sessions list above now has fewer entries.
    router.refresh()
  }, [state, router])

  return (
    <form action={formAction} noValidate className="space-y-5">
      <ErrorSummary state={state} labels={labels} />
      {state.status === 'success' && (
        <div ref={notice} tabIndex={-1}>
          <SuccessNotice>{state.message}</SuccessNotice>
        </div>
      )}
      {/* Lets password managers file the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        name="currentPassword"
        type="password"
        label={labels.currentPassword}
        autoComplete="current-password"
        error={errors.currentPassword}
        required
      />
      <TextField
        name="newPassword"
        type="password"
        label={labels.newPassword}
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        error={errors.newPassword}
        required
      />
      <SubmitButton pending={pending} pendingLabel="Changing your password…">
        Change password
      </SubmitButton>
    </form>
  )
}
