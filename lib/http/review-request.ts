import { getUserFromRequest, type CurrentUser } from '@/lib/auth/request-user'
import { getCourse } from '@/lib/content/store'
import type { ReviewFilter } from '@/lib/data/review-queue'
import { logger } from '@/lib/log'
import { isTimeZone } from '@/lib/review/stats'
import { HttpError, jsonError } from './json'

/** Shared edges of the /api/review handlers: who asks, which courses and time zone, and errors a person can act on. */

export async function requireReviewer(request: Request): Promise<CurrentUser> {
  const user = await getUserFromRequest(request)
  if (!user) throw new HttpError(401, 'Sign in to review with your account; until then review runs on this browser.')
  return user
}

/** `?tz=Europe/Paris`; UTC when absent. Days (today's new cards, statistics) are the learner's days. */
export function readTimeZone(params: URLSearchParams): string {
  const tz = params.get('tz')
  if (tz === null || tz === '') return 'UTC'
  if (!isTimeZone(tz)) throw new HttpError(400, `tz must be an IANA time zone such as "Europe/Paris" (got "${tz.slice(0, 64)}").`)
  return tz
}

/** `?course=<slug>&module=<slug>`, checked against the compiled courses. */
export function readFilter(params: URLSearchParams): ReviewFilter {
  const courseSlug = params.get('course') || undefined
  const moduleSlug = params.get('module') || undefined
  if (!courseSlug) {
    if (moduleSlug) throw new HttpError(400, 'Name the course of the module: ?course=<course-slug>&module=<module-slug>.')
    return {}
  }
  const course = getCourse(courseSlug)
  if (!course) throw new HttpError(404, `There is no course "${courseSlug.slice(0, 100)}".`)
  if (moduleSlug && !course.modules.some((module) => module.slug === moduleSlug)) {
    throw new HttpError(404, `Course "${course.slug}" has no module "${moduleSlug.slice(0, 100)}".`)
  }
  return { courseSlug, ...(moduleSlug ? { moduleSlug } : {}) }
}

export function reviewErrorResponse(error: unknown, what: string): Response {
  if (error instanceof HttpError) return jsonError(error)
  logger.error({ err: error instanceof Error ? error.message : String(error) }, `${what} failed`)
  return Response.json(
    { message: 'Review could not reach its data just now; try again in a moment.' },
    { status: 503, headers: { 'Retry-After': '5', 'Cache-Control': 'no-store' } },
  )
}

export const PRIVATE = { 'Cache-Control': 'private, no-store', Vary: 'Cookie' } as const
