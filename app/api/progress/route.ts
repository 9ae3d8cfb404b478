import { z } from 'zod'
import { getUserFromRequest } from '@/lib/auth/request-user'
import { getCourseProgress, getItemSnapshots } from '@/lib/data/progress'
import { HttpError, jsonError } from '@/lib/http/json'
import { postProgress } from '@/lib/http/progress-upload'
import { withRequestLog } from '@/lib/http/request-log'
import { logger } from '@/lib/log'

/**
 * GET: a signed-in learner's saved progress. POST: an upload from the
 * browser's outbox (lib/http/progress-upload.ts), which the production server
 * answers before Next.js routes it; this handler runs it under `next dev`.
 */
export const dynamic = 'force-dynamic'

const courseQuery = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)

/** A signed-in learner's state in one course, so another device shows the same progress. */
async function handleGET(request: Request) {
  try {
    const course = courseQuery.safeParse(new URL(request.url).searchParams.get('course'))
    if (!course.success) throw new HttpError(400, 'Name the course: /api/progress?course=<course-slug>.')
    const user = await getUserFromRequest(request)
    if (!user) throw new HttpError(401, 'Sign in to see the progress saved in your account.')
    const [lessons, items] = await Promise.all([
      getCourseProgress(user.id, course.data),
      getItemSnapshots(user.id, course.data),
    ])
    // Every course has lessons; none means the slug names no course.
    if (lessons.length === 0) throw new HttpError(404, `There is no course "${course.data}".`)
    return Response.json({ lessons, items }, { headers: { 'Cache-Control': 'private, no-store' } })
  } catch (error) {
    if (error instanceof HttpError) return jsonError(error)
    logger.error({ err: error instanceof Error ? error.message : String(error) }, 'progress read failed')
    return Response.json(
      { message: 'Saved progress could not be loaded just now; try again in a moment.' },
      { status: 503, headers: { 'Retry-After': '5', 'Cache-Control': 'no-store' } },
    )
  }
}

export const POST = postProgress

export const GET = withRequestLog('progress.read', handleGET)
