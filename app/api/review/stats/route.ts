import { getReviewStats } from '@/lib/data/review'
import { withRequestLog } from '@/lib/http/request-log'
import { PRIVATE, readTimeZone, requireReviewer, reviewErrorResponse } from '@/lib/http/review-request'

/** Reviews per day, true retention and the due forecast of the signed-in learner, in their time zone. */
export const dynamic = 'force-dynamic'

async function handleGET(request: Request) {
  try {
    const timeZone = readTimeZone(new URL(request.url).searchParams)
    const user = await requireReviewer(request)
    return Response.json(await getReviewStats(user.id, { timeZone }), { headers: PRIVATE })
  } catch (error) {
    return reviewErrorResponse(error, 'review stats read')
  }
}

export const GET = withRequestLog('review.stats', handleGET)
