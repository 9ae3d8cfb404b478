'use client'

import { useActionState } from 'react'
import { ErrorSummary, SubmitButton, TextField } from '@/components/forms/form-parts'
import { idleFormState } from '@/lib/auth/form-state'
import { joinCohortAction } from '@/lib/cohorts/actions'

const labels = { code: 'Cohort code' }

/** A code typed by hand, or (with `code` given) the one button of a join link. */
export function JoinCohortForm({ code, submitLabel = 'Join' }: { code?: string; submitLabel?: string }) {
  const [state, formAction, pending] = useActionState(joinCohortAction, idleFormState)
  const errors = state.status === 'error' ? state.fieldErrors : {}
  return (
    <form action={formAction} noValidate className="space-y-4">
      <ErrorSummary state={state} labels={code ? {} : labels} />
      {code ? (
        <input type="hidden" name="code" value={code} />
      ) : (
        <TextField
          name="code"
          label={labels.code}
          autoComplete="off"
          hint="Eight letters and digits, for example ABCD-2345."
          error={errors.code}
          defaultValue={state.status === 'error' ? state.values.code : undefined}
          required
        />
      )}
      <SubmitButton pending={pending} pendingLabel="Joining…">
        {submitLabel}
      </SubmitButton>
    </form>
  )
}
