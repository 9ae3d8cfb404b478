import { getDueQueue } from '@/lib/data/review-queue'
import { withRequestLog } from './request-log'
import { PRIVATE, readFilter, readTimeZone, requireReviewer, reviewErrorResponse } from './review-request'

/**
 * GET /api/review/queue: the signed-in learner's review queue. Grades go back
 * as progress events (POST /api/progress), like every other answer. Nothing
 * here needs Next.js: the production entry answers it in front of Next.js
 * (lib/http/api-front.ts); under `next dev` the route runs this same function.
 */
async function readReviewQueue(request: Request): Promise<Response> {
  try {
    const params = new URL(request.url).searchParams
    const filter = readFilter(params)
    const timeZone = readTimeZone(params)
    const user = await requireReviewer(request)
    return Response.json(await getDueQueue(user.id, { timeZone, filter }), { headers: PRIVATE })
  } catch (error) {
    return reviewErrorResponse(error, 'review queue read')
  }
}

export const getReviewQueue = withRequestLog('review.queue', readReviewQueue)
