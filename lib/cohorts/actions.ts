'use server'

import { revalidatePath } from 'next/cache'
import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { requireRole, requireUser } from '@/lib/auth/current-user'
import type { FormState } from '@/lib/auth/form-state'
import { readFormFields } from '@/lib/auth/form-state'
import {
  CohortInputError,
  CohortNotFoundError,
  createCohort,
  disableJoinCode,
  joinCohort,
  leaveCohort,
  normalizeJoinCode,
  removeStudent,
  renewJoinCode,
} from '@/lib/data/cohorts'
import { clientAddress, retryMessage, takeRateLimits } from '@/lib/http/rate-limit'
import { isRecordId } from '@/lib/text-input'

/**
 * The cohort forms. Each action checks who is asking; the data layer checks
 * again that they may touch this cohort, so a forged cohort id gets nowhere.
 */

// Ids Drydock makes; anything else names no cohort or student, and is never put into a URL.
const idSchema = z.string().refine(isRecordId)

/** A date input's YYYY-MM-DD, as the end of that day in UTC; empty means no expiry. */
function parseExpiry(value: string | undefined): Date | null | 'invalid' {
  if (!value) return null
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'invalid'
  const date = new Date(`${value}T23:59:59.999Z`)
  return Number.isNaN(date.getTime()) ? 'invalid' : date
}

function fieldError(message: string, field: string, values: Record<string, string>): FormState {
  return { status: 'error', message, fieldErrors: { [field]: message }, values }
}

export async function createCohortAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const viewer = await requireRole('INSTRUCTOR', '/teach')
  const fields = readFormFields(formData, ['name', 'course', 'expiresAt'])
  const values = { name: fields.name ?? '', course: fields.course ?? '', expiresAt: fields.expiresAt ?? '' }
  const expiresAt = parseExpiry(fields.expiresAt)
  if (expiresAt === 'invalid') return fieldError('Enter the expiry as a date, or leave it empty.', 'expiresAt', values)
  let cohortId: string
  try {
    const cohort = await createCohort(viewer, { name: fields.name ?? '', courseSlug: fields.course ?? '', expiresAt })
    cohortId = cohort.id
  } catch (error) {
    if (error instanceof CohortInputError) return fieldError(error.message, error.field ?? 'name', values)
    throw error
  }
  revalidatePath('/teach')
  redirect(`/teach/cohorts/${cohortId}`)
}

async function cohortFormAction(formData: FormData, run: (viewer: Awaited<ReturnType<typeof requireRole>>, cohortId: string) => Promise<unknown>) {
  const viewer = await requireRole('INSTRUCTOR', '/teach')
  const cohortId = idSchema.safeParse(formData.get('cohortId'))
  if (!cohortId.success) redirect('/teach')
  try {
    await run(viewer, cohortId.data)
  } catch (error) {
    if (error instanceof CohortNotFoundError) redirect('/teach')
    if (error instanceof CohortInputError) redirect(`/teach/cohorts/${encodeURIComponent(cohortId.data)}?problem=${encodeURIComponent(error.message)}`)
    throw error
  }
  revalidatePath(`/teach/cohorts/${cohortId.data}`)
}

export async function renewJoinCodeAction(formData: FormData): Promise<void> {
  const expiry = parseExpiry(readFormFields(formData, ['expiresAt']).expiresAt)
  await cohortFormAction(formData, (viewer, cohortId) => {
    if (expiry === 'invalid') throw new CohortInputError('Enter the expiry as a date, or leave it empty.')
    return renewJoinCode(viewer, cohortId, expiry)
  })
}

export async function disableJoinCodeAction(formData: FormData): Promise<void> {
  await cohortFormAction(formData, (viewer, cohortId) => disableJoinCode(viewer, cohortId))
}

export async function removeStudentAction(formData: FormData): Promise<void> {
  const studentId = idSchema.safeParse(formData.get('studentId'))
  await cohortFormAction(formData, async (viewer, cohortId) => {
    if (studentId.success) await removeStudent(viewer, cohortId, studentId.data)
  })
  const cohortId = idSchema.safeParse(formData.get('cohortId'))
  redirect(cohortId.success ? `/teach/cohorts/${encodeURIComponent(cohortId.data)}` : '/teach')
}

export async function joinCohortAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const fields = readFormFields(formData, ['code'])
  const code = (fields.code ?? '').slice(0, 64)
  // Back to the join page after signing in; only the code's letters and digits make the path.
  const user = await requireUser(`/join/${normalizeJoinCode(code)}`)
  const values = { code }
  if (code.trim() === '') return fieldError('Enter the code your instructor gave you.', 'code', values)
  const limited = takeRateLimits([
    ['joinPerUser', user.id],
    ['joinPerIp', clientAddress(await headers())],
  ])
  if (!limited.ok) return { status: 'error', message: retryMessage(limited.retryAfterSeconds), fieldErrors: {}, values }
  let courseSlug: string
  try {
    courseSlug = (await joinCohort(user.id, code)).courseSlug
  } catch (error) {
    if (error instanceof CohortInputError) return fieldError(error.message, 'code', values)
    throw error
  }
  revalidatePath('/dashboard')
  redirect(`/dashboard?joined=${encodeURIComponent(courseSlug)}`)
}

export async function leaveCohortAction(formData: FormData): Promise<void> {
  const user = await requireUser('/dashboard')
  const cohortId = idSchema.safeParse(formData.get('cohortId'))
  if (cohortId.success) await leaveCohort(user.id, cohortId.data)
  revalidatePath('/dashboard')
}
