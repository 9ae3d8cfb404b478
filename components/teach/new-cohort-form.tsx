'use client'

import { useActionState } from 'react'
import { ErrorSummary, SubmitButton, TextField } from '@/components/forms/form-parts'
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
      <div className="space-y-1">
        <label htmlFor="course" className="block font-medium">
          {labels.course}
        </label>
        {errors.course && (
          <p id="course-error" className="text-sm font-medium text-red-700 dark:text-red-300">
            <span className="sr-only">Error: </span>
            {errors.course}
          </p>
        )}
        <select
          id="course"
          name="course"
          defaultValue={values.course ?? courses[0]?.slug}
          aria-describedby={errors.course ? 'course-error' : undefined}
          className="block h-11 w-full rounded-md border border-slate-400 bg-white px-3 text-base dark:border-slate-600 dark:bg-slate-900"
        >
          {courses.map((course) => (
            <option key={course.slug} value={course.slug}>
              {course.title}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="expiresAt" className="block font-medium">
          {labels.expiresAt} <span className="font-normal text-slate-600 dark:text-slate-400">(optional)</span>
        </label>
        <p id="expiresAt-hint" className="text-sm text-slate-600 dark:text-slate-400">
          After this day (UTC) the code stops working. You can renew it at any time.
        </p>
        {errors.expiresAt && (
          <p id="expiresAt-error" className="text-sm font-medium text-red-700 dark:text-red-300">
            <span className="sr-only">Error: </span>
            {errors.expiresAt}
          </p>
        )}
        <input
          id="expiresAt"
          name="expiresAt"
          type="date"
          defaultValue={values.expiresAt}
          aria-describedby={['expiresAt-hint', errors.expiresAt ? 'expiresAt-error' : ''].filter(Boolean).join(' ')}
          aria-invalid={errors.expiresAt ? true : undefined}
          className="block h-11 rounded-md border border-slate-400 bg-white px-3 text-base dark:border-slate-600 dark:bg-slate-900"
        />
      </div>
      <SubmitButton pending={pending} pendingLabel="Creating the cohort…">
        Create cohort
      </SubmitButton>
    </form>
  )
}
