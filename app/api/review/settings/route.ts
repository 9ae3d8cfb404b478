import { isSameOriginRequest } from '@/lib/auth/same-origin'
import { getReviewSettings, saveReviewSettings } from '@/lib/data/review'
import { HttpError, readJsonBody } from '@/lib/http/json'
import { withRequestLog } from '@/lib/http/request-log'
import { PRIVATE, requireReviewer, reviewErrorResponse } from '@/lib/http/review-request'
import { reviewSettingsSchema } from '@/lib/review/stats'

/** The signed-in learner's review settings: desired retention and new cards per day. */
export const dynamic = 'force-dynamic'

async function handleGET(request: Request) {
  try {
    const user = await requireReviewer(request)
    return Response.json(await getReviewSettings(user.id), { headers: PRIVATE })
  } catch (error) {
    return reviewErrorResponse(error, 'review settings read')
  }
}

async function handlePUT(request: Request) {
  try {
    if (!isSameOriginRequest(request)) {
      throw new HttpError(403, 'Settings can only be changed from Drydock\'s own pages (the Origin header is missing or foreign).')
    }
    const user = await requireReviewer(request)
    const parsed = reviewSettingsSchema.safeParse(await readJsonBody(request, 4096))
    if (!parsed.success) {
      throw new HttpError(400, 'Send {"desiredRetention": 0.7–0.97, "newCardsPerDay": 0–200}.', {
        issues: parsed.error.issues.map((issue) => issue.message),
      })
    }
    return Response.json(await saveReviewSettings(user.id, parsed.data), { headers: PRIVATE })
  } catch (error) {
    return reviewErrorResponse(error, 'review settings write')
  }
}

export const GET = withRequestLog('review.settings.read', handleGET)
export const PUT = withRequestLog('review.settings.write', handlePUT)
