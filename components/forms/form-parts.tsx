'use client'

import { useEffect, useRef, type ReactNode } from 'react'
import type { FormState } from '@/lib/auth/form-state'

/**
 * The pieces every account form is made of. Errors follow one pattern: a
 * summary at the top that takes focus and is announced, listing each problem
 * with a link to its field, and the same message beside the field, tied to it
 * with aria-describedby.
 */

export function ErrorSummary({
  state,
  labels,
}: {
  state: FormState
  labels: Record<string, string>
}) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (state.status === 'error') ref.current?.focus()
  }, [state])
  if (state.status !== 'error') return null
  const fields = Object.entries(state.fieldErrors).filter(([name]) => name in labels)
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby="error-summary-title"
      className="mb-6 rounded-lg border-2 border-red-700 bg-red-50 p-4 text-red-900 dark:border-red-400 dark:bg-red-950 dark:text-red-100"
    >
      <h2 id="error-summary-title" className="font-semibold">
        {fields.length > 0 ? 'There is a problem' : state.message}
      </h2>
      {fields.length > 0 && (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {fields.map(([name, message]) => (
            <li key={name}>
              <a href={`#${name}`} className="underline">
                {message}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

export function SuccessNotice({ children }: { children: ReactNode }) {
  return (
    <div
      role="status"
      className="mb-6 rounded-lg border border-emerald-700 bg-emerald-50 p-4 text-emerald-900 dark:border-emerald-400 dark:bg-emerald-950 dark:text-emerald-100"
    >
      {children}
    </div>
  )
}

interface FieldProps {
  name: string
  label: string
  hint?: string
  error?: string
  required?: boolean
}

/** Label, hint and error of one field, tied to the control by id and aria-describedby. */
function Field({
  name,
  label,
  hint,
  error,
  required,
  children,
}: FieldProps & {
  children: (described: { 'aria-describedby'?: string; 'aria-invalid'?: true }) => ReactNode
}) {
  const hintId = hint ? `${name}-hint` : undefined
  const errorId = error ? `${name}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block font-medium">
        {label}
        {!required && (
          <span className="font-normal text-slate-600 dark:text-slate-400"> (optional)</span>
        )}
      </label>
      {hint && (
        <p id={hintId} className="text-sm text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-sm font-medium text-red-700 dark:text-red-300">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      )}
      {children({ 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
    </div>
  )
}

function controlClass(error: string | undefined): string {
  return `block h-11 w-full rounded-md border bg-white px-3 text-base text-slate-900 dark:bg-slate-900 dark:text-slate-100 ${
    error ? 'border-red-700 dark:border-red-400' : 'border-slate-400 dark:border-slate-600'
  }`
}

interface TextFieldProps extends FieldProps {
  type?: 'text' | 'email' | 'password' | 'date'
  autoComplete: string
  defaultValue?: string
}

export function TextField({ type = 'text', autoComplete, defaultValue, ...field }: TextFieldProps) {
  return (
    <Field {...field}>
      {(described) => (
        <input
          id={field.name}
          name={field.name}
          type={type}
          autoComplete={autoComplete}
          defaultValue={defaultValue}
          required={field.required}
          {...described}
          spellCheck={false}
          autoCapitalize={type === 'text' ? undefined : 'none'}
          className={type === 'date' ? `${controlClass(field.error)} sm:w-auto` : controlClass(field.error)}
        />
      )}
    </Field>
  )
}

interface SelectFieldProps extends FieldProps {
  options: { value: string; label: string }[]
  defaultValue?: string
}

export function SelectField({ options, defaultValue, ...field }: SelectFieldProps) {
  return (
    <Field {...field}>
      {(described) => (
        <select
          id={field.name}
          name={field.name}
          defaultValue={defaultValue}
          required={field.required}
          {...described}
          className={controlClass(field.error)}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}

export function SubmitButton({
  pending,
  children,
  pendingLabel,
}: {
  pending: boolean
  children: ReactNode
  pendingLabel: string
}) {
  return (
    <button
      type="submit"
      aria-disabled={pending || undefined}
      onClick={(event) => {
        if (pending) event.preventDefault()
      }}
      className="inline-flex h-11 items-center justify-center rounded-md bg-brand-600 px-5 font-medium text-white hover:bg-brand-700 aria-disabled:opacity-70"
    >
      {pending ? pendingLabel : children}
    </button>
  )
}
