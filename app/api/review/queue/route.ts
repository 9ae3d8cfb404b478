import { getDueQueue } from '@/lib/data/review'
import { withRequestLog } from '@/lib/http/request-log'
import { PRIVATE, readFilter, readTimeZone, requireReviewer, reviewErrorResponse } from '@/lib/http/review-request'

/**
 * The signed-in learner's review queue: due cards with their FSRS state, the
 * new cards today's limit admits, and when the next card comes due. Grades go
 * back as progress events (POST /api/progress), like every other answer.
 */
export const dynamic = 'force-dynamic'

async function handleGET(request: Request) {
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

export const GET = withRequestLog('review.queue', handleGET)
