'use client'

import { useActionState } from 'react'
import { ErrorSummary, SelectField, SubmitButton, TextField } from '@/components/forms/form-parts'
import { idleFormState } from '@/lib/auth/form-state'
import { createCohortAction } from '@/lib/cohorts/actions'

const labels = { name: 'Cohort name', course: 'Course', expiresAt: 'Joining closes on' }

export function NewCohortForm({ courses }: { courses: { slug: string; title: string }[] }) {
  const [state, formAction, pending] = useActionState(createCohortAction, idleFormState)
  const errors = state.status === 'error' ? state.fieldErrors : {}
  const values = state.status === 'error' ? state.values : {}
  return (
    <form action={formAction} noValidate className="space-y-5">
      <ErrorSummary state={state} labels={labels} />
      <TextField name="name" label={labels.name} autoComplete="off" hint="For example “Platform team, spring 2027”." error={errors.name} defaultValue={values.name} required />
      <SelectField
        name="course"
        label={labels.course}
        options={courses.map((course) => ({ value: course.slug, label: course.title }))}
        defaultValue={values.course ?? courses[0]?.slug}
        error={errors.course}
        required
      />
      <TextField
        name="expiresAt"
        type="date"
        label={labels.expiresAt}
        autoComplete="off"
        hint="After this day (UTC) the code stops working. You can renew it at any time."
        error={errors.expiresAt}
        defaultValue={values.expiresAt}
      />
      <SubmitButton pending={pending} pendingLabel="Creating the cohort…">
        Create cohort
      </SubmitButton>
    </form>
  )
}
