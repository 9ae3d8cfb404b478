import { z } from 'zod'
import { getUserFromRequest } from '@/lib/auth/current-user'
import { isSameOriginRequest } from '@/lib/auth/same-origin'
import {
  getCourseProgress,
  getItemSnapshots,
  PROGRESS_BATCH_MAX_EVENTS,
  ProgressInputError,
  UnknownContentError,
  recordProgressEvents,
} from '@/lib/data/progress'
import { HttpError, jsonError, readJsonBody } from '@/lib/http/json'
import { clientAddress, takeRateLimits } from '@/lib/http/rate-limit'
import { withRequestLog } from '@/lib/http/request-log'
import { logger } from '@/lib/log'

/**
 * The one way progress reaches the server: a batch of events from the browser's
 * outbox. Idempotent: every event carries a client-made id, stored once per user.
 */
export const dynamic = 'force-dynamic'

const MAX_BODY_BYTES = 512 * 1024

// The events themselves are validated by the data layer, which owns their rules.
const bodySchema = z.object({ events: z.array(z.unknown()) }, { error: 'Send an object of the form {"events": [...]}.' })

async function handlePOST(request: Request) {
  try {
    if (!isSameOriginRequest(request)) {
      throw new HttpError(403, 'Progress can only be sent from Drydock\'s own pages (the Origin header is missing or foreign).')
    }
    const user = await getUserFromRequest(request)
    if (!user) {
      throw new HttpError(401, 'Sign in to save progress to your account; until then it is kept in this browser.')
    }
    const limited = takeRateLimits([
      ['progressPerUser', user.id],
      ['progressPerIp', clientAddress(request.headers)],
    ])
    if (!limited.ok) {
      throw new HttpError(429, 'Too many progress uploads; they are kept in your browser and sent again shortly.', undefined, {
        'Retry-After': String(limited.retryAfterSeconds),
      })
    }
    const parsed = bodySchema.safeParse(await readJsonBody(request, MAX_BODY_BYTES))
    if (!parsed.success) throw new HttpError(400, 'Send an object of the form {"events": [...]}.')
    if (parsed.data.events.length === 0 || parsed.data.events.length > PROGRESS_BATCH_MAX_EVENTS) {
      throw new HttpError(400, `Send between 1 and ${PROGRESS_BATCH_MAX_EVENTS} events at a time.`)
    }
    const result = await recordProgressEvents(user.id, parsed.data.events as never)
    return Response.json(result, { headers: { 'Cache-Control': 'no-store' } })
  } catch (error) {
    if (error instanceof HttpError) return jsonError(error)
    if (error instanceof ProgressInputError) {
      return jsonError(new HttpError(400, 'Some events are not valid; nothing was saved.', { issues: error.issues }))
    }
    if (error instanceof UnknownContentError) {
      return jsonError(
        new HttpError(422, 'Some events refer to lessons or items that are not in the course; nothing was saved.', {
          unknown: error.unknown,
        }),
      )
    }
    // Most likely the database is unreachable: the browser keeps the events and retries.
    logger.error({ err: error instanceof Error ? error.message : String(error) }, 'progress write failed')
    return Response.json(
      { message: 'Progress could not be saved just now; it is kept in your browser and will be sent again.' },
      { status: 503, headers: { 'Retry-After': '5', 'Cache-Control': 'no-store' } },
    )
  }
}

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

export const POST = withRequestLog('progress.write', handlePOST)

export const GET = withRequestLog('progress.read', handleGET)
