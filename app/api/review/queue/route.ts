import { getReviewQueue } from '@/lib/http/review-queue'

/**
 * The signed-in learner's review queue (lib/http/review-queue.ts), which the
 * production server answers before Next.js routes it; this handler runs it
 * under `next dev`.
 */
export const dynamic = 'force-dynamic'

export const GET = getReviewQueue
