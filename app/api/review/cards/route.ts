import { getCourseCards } from '@/lib/data/review'
import { HttpError } from '@/lib/http/json'
import { withRequestLog } from '@/lib/http/request-log'
import { PRIVATE, readFilter, requireReviewer, reviewErrorResponse } from '@/lib/http/review-request'

/** Every scheduled card of one course for the signed-in learner (a mock interview picks the weakest). */
export const dynamic = 'force-dynamic'

async function handleGET(request: Request) {
  try {
    const { courseSlug } = readFilter(new URL(request.url).searchParams)
    if (!courseSlug) throw new HttpError(400, 'Name the course: /api/review/cards?course=<course-slug>.')
    const user = await requireReviewer(request)
    return Response.json({ cards: await getCourseCards(user.id, courseSlug) }, { headers: PRIVATE })
  } catch (error) {
    return reviewErrorResponse(error, 'review cards read')
  }
}

export const GET = withRequestLog('review.cards', handleGET)
