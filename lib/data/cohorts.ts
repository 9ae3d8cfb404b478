import { randomInt } from 'node:crypto'
import { z } from 'zod'
import type { CurrentUser } from '@/lib/auth/current-user'
import { hasRole } from '@/lib/auth/roles'
import { getDb } from '@/lib/db'
import { Prisma } from '@/lib/generated/prisma/client'
import { isRecordId, isStorableText, UNSTORABLE_TEXT_MESSAGE } from '@/lib/text-input'

/**
 * Cohorts: an instructor's group of students on one course. Every function
 * that reads or changes a cohort takes the viewer and checks them here, in the
 * data layer, so a page that forgets to check still cannot leak another
 * instructor's students: the cohort's own instructor and admins may see and
 * manage it; nobody else learns that it exists.
 */

export type Viewer = Pick<CurrentUser, 'id' | 'role'>

/** Letters and digits that cannot be mistaken for each other when read aloud or copied by hand. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const JOIN_CODE_LENGTH = 8

export function newJoinCode(): string {
  let code = ''
  for (let i = 0; i < JOIN_CODE_LENGTH; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
  return code
}

/** What people type: any case, with or without the dash the page shows, surrounding spaces. */
export function normalizeJoinCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, '')
}

/** ABCD-EFGH: easier to read out to a room. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`
}

export class CohortInputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message)
    this.name = 'CohortInputError'
  }
}

export const cohortNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the cohort a name.')
  .max(80, 'Keep the name under 80 characters.')
  .refine(isStorableText, `${UNSTORABLE_TEXT_MESSAGE}.`)

export const JOIN_REFUSED = 'That code does not open a cohort. It may have been mistyped, switched off or expired; ask your instructor for the current one.'

export interface CohortSummary {
  id: string
  name: string
  courseSlug: string
  courseTitle: string
  instructorId: string
  instructorName: string
  joinCode: string | null
  joinCodeExpiresAt: Date | null
  createdAt: Date
  students: number
}

const summarySelect = {
  id: true,
  name: true,
  courseSlug: true,
  instructorId: true,
  joinCode: true,
  joinCodeExpiresAt: true,
  createdAt: true,
  course: { select: { title: true } },
  instructor: { select: { name: true, email: true } },
  _count: { select: { members: true } },
} satisfies Prisma.CohortSelect

type SummaryRow = Prisma.CohortGetPayload<{ select: typeof summarySelect }>

function toSummary(row: SummaryRow): CohortSummary {
  return {
    id: row.id,
    name: row.name,
    courseSlug: row.courseSlug,
    courseTitle: row.course.title,
    instructorId: row.instructorId,
    instructorName: row.instructor.name ?? row.instructor.email,
    joinCode: row.joinCode,
    joinCodeExpiresAt: row.joinCodeExpiresAt,
    createdAt: row.createdAt,
    students: row._count.members,
  }
}

/** Who may manage a cohort: its instructor, or an admin. */
function manageableBy(viewer: Viewer): Prisma.CohortWhereInput {
  return viewer.role === 'ADMIN' ? {} : { instructorId: viewer.id }
}

export function canTeach(viewer: Viewer): boolean {
  return hasRole(viewer.role, 'INSTRUCTOR')
}

export async function createCohort(
  viewer: Viewer,
  input: { name: string; courseSlug: string; expiresAt?: Date | null },
): Promise<CohortSummary> {
  if (!canTeach(viewer)) throw new CohortInputError('Only instructors can create cohorts.')
  const name = cohortNameSchema.safeParse(input.name)
  if (!name.success) throw new CohortInputError(name.error.issues[0]?.message ?? 'Check the name.', 'name')
  const course = isRecordId(input.courseSlug)
    ? await getDb().course.findFirst({ where: { slug: input.courseSlug, retiredAt: null }, select: { slug: true } })
    : null
  if (!course) throw new CohortInputError('Choose one of the courses listed.', 'course')
  assertFutureExpiry(input.expiresAt)

  for (let attempt = 0; ; attempt += 1) {
    try {
      const row = await getDb().cohort.create({
        data: {
          name: name.data,
          courseSlug: course.slug,
          instructorId: viewer.id,
          joinCode: newJoinCode(),
          joinCodeExpiresAt: input.expiresAt ?? null,
        },
        select: summarySelect,
      })
      return toSummary(row)
    } catch (error) {
      // 31^8 codes make a collision rare; a retry makes it harmless.
      if (attempt < 3 && isUniqueViolation(error)) continue
      throw error
    }
  }
}

function assertFutureExpiry(expiresAt: Date | null | undefined) {
  if (expiresAt && expiresAt.getTime() <= Date.now()) {
    throw new CohortInputError('Choose an expiry date in the future, or none.', 'expiresAt')
  }
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002'
}

/** The cohorts a viewer manages: their own, or every cohort for an admin. */
export async function listManagedCohorts(viewer: Viewer): Promise<CohortSummary[]> {
  if (!canTeach(viewer)) return []
  const rows = await getDb().cohort.findMany({
    where: manageableBy(viewer),
    select: summarySelect,
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
  })
  return rows.map(toSummary)
}

/** One cohort, when the viewer may manage it; null otherwise, whether or not it exists. */
export async function getManagedCohort(viewer: Viewer, cohortId: string): Promise<CohortSummary | null> {
  if (!canTeach(viewer) || !isRecordId(cohortId)) return null
  const row = await getDb().cohort.findFirst({ where: { id: cohortId, ...manageableBy(viewer) }, select: summarySelect })
  return row ? toSummary(row) : null
}

async function requireManaged(viewer: Viewer, cohortId: string): Promise<CohortSummary> {
  const cohort = await getManagedCohort(viewer, cohortId)
  if (!cohort) throw new CohortNotFoundError()
  return cohort
}

export class CohortNotFoundError extends Error {
  constructor() {
    super('No such cohort.')
    this.name = 'CohortNotFoundError'
  }
}

/** Replaces the join code: the old code and links stop working at once. */
export async function renewJoinCode(viewer: Viewer, cohortId: string, expiresAt: Date | null): Promise<string> {
  await requireManaged(viewer, cohortId)
  assertFutureExpiry(expiresAt)
  for (let attempt = 0; ; attempt += 1) {
    const code = newJoinCode()
    try {
      await getDb().cohort.update({ where: { id: cohortId }, data: { joinCode: code, joinCodeExpiresAt: expiresAt } })
      return code
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error)) continue
      throw error
    }
  }
}

/** Switches joining off; students already in stay in. */
export async function disableJoinCode(viewer: Viewer, cohortId: string): Promise<void> {
  await requireManaged(viewer, cohortId)
  await getDb().cohort.update({ where: { id: cohortId }, data: { joinCode: null, joinCodeExpiresAt: null } })
}

export async function removeStudent(viewer: Viewer, cohortId: string, studentId: string): Promise<boolean> {
  await requireManaged(viewer, cohortId)
  if (!isRecordId(studentId)) return false
  const { count } = await getDb().cohortMember.deleteMany({ where: { cohortId, userId: studentId } })
  return count > 0
}

export interface JoinPreview {
  cohortId: string
  name: string
  courseSlug: string
  courseTitle: string
  instructorName: string
}

async function findOpenCohort(code: string, now: Date) {
  const normalized = normalizeJoinCode(code)
  if (normalized.length !== JOIN_CODE_LENGTH) return null
  const row = await getDb().cohort.findUnique({ where: { joinCode: normalized }, select: summarySelect })
  if (!row || (row.joinCodeExpiresAt && row.joinCodeExpiresAt.getTime() <= now.getTime())) return null
  return toSummary(row)
}

/** What a join link leads to, so the student can see what they are joining before they do. */
export async function previewJoin(code: string, now = new Date()): Promise<JoinPreview | null> {
  const cohort = await findOpenCohort(code, now)
  return cohort
    ? {
        cohortId: cohort.id,
        name: cohort.name,
        courseSlug: cohort.courseSlug,
        courseTitle: cohort.courseTitle,
        instructorName: cohort.instructorName,
      }
    : null
}

/** Adds the user to the cohort the code opens. Joining twice is not an error. */
export async function joinCohort(userId: string, code: string, now = new Date()): Promise<JoinPreview> {
  const preview = await previewJoin(code, now)
  if (!preview) throw new CohortInputError(JOIN_REFUSED, 'code')
  await getDb().cohortMember.upsert({
    where: { cohortId_userId: { cohortId: preview.cohortId, userId } },
    create: { cohortId: preview.cohortId, userId },
    update: {},
  })
  return preview
}

export interface Membership {
  cohortId: string
  name: string
  courseSlug: string
  courseTitle: string
  instructorName: string
  joinedAt: Date
}

/** The cohorts a student belongs to. */
export async function listMemberships(userId: string): Promise<Membership[]> {
  const rows = await getDb().cohortMember.findMany({
    where: { userId },
    orderBy: { joinedAt: 'desc' },
    select: {
      joinedAt: true,
      cohort: {
        select: {
          id: true,
          name: true,
          courseSlug: true,
          course: { select: { title: true } },
          instructor: { select: { name: true, email: true } },
        },
      },
    },
  })
  return rows.map((row) => ({
    cohortId: row.cohort.id,
    name: row.cohort.name,
    courseSlug: row.cohort.courseSlug,
    courseTitle: row.cohort.course.title,
    instructorName: row.cohort.instructor.name ?? row.cohort.instructor.email,
    joinedAt: row.joinedAt,
  }))
}

/** A student leaving a cohort on their own. */
export async function leaveCohort(userId: string, cohortId: string): Promise<boolean> {
  if (!isRecordId(cohortId)) return false
  const { count } = await getDb().cohortMember.deleteMany({ where: { cohortId, userId } })
  return count > 0
}
