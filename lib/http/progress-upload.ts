import { z } from 'zod'
import { getUserFromRequest } from '@/lib/auth/request-user'
import { isSameOriginRequest } from '@/lib/auth/same-origin'
import {
  PROGRESS_BATCH_MAX_EVENTS,
  ProgressInputError,
  UnknownContentError,
  recordProgressEvents,
} from '@/lib/data/progress-write'
import { logger } from '@/lib/log'
import { HttpError, jsonError, readJsonBody } from './json'
import { clientAddress, takeRateLimits } from './rate-limit'
import { withRequestLog } from './request-log'

/**
 * POST /api/progress: the one way progress reaches the server, a batch of
 * events from the browser's outbox. Idempotent: every event carries a
 * client-made id, stored once per user.
 *
 * Nothing here needs Next.js. In production the server's entry answers these
 * uploads in front of Next.js (lib/http/api-front.ts, DECISIONS #28); under
 * `next dev` the route handler in app/api/progress runs this same function.
 */

export const PROGRESS_UPLOAD_MAX_BYTES = 512 * 1024

// The events themselves are validated by the data layer, which owns their rules.
const bodySchema = z.object({ events: z.array(z.unknown()) }, { error: 'Send an object of the form {"events": [...]}.' })

async function uploadProgress(request: Request): Promise<Response> {
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
    const parsed = bodySchema.safeParse(await readJsonBody(request, PROGRESS_UPLOAD_MAX_BYTES))
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

export const postProgress = withRequestLog('progress.write', uploadProgress)
