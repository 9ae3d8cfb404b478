import type { Metadata } from 'next'
import Link from 'next/link'
import { ReviewSession } from '@/components/review/review-session'
import { getReviewDeck } from '@/lib/content/store'

export const metadata: Metadata = {
  title: 'Review',
  description: 'Flip cards and interview questions from your courses, when spaced repetition says they are due.',
}

/**
 * A static shell: the queue is the learner's own, so the island asks the API
 * (signed in) or replays this browser's progress (not signed in).
 */
export default function ReviewPage() {
  const deck = getReviewDeck()
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-10">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-3xl font-bold tracking-tight">Review</h1>
        <nav aria-label="Review" className="flex gap-4 text-sm">
          <Link href="/review/stats" className="font-medium underline underline-offset-2">
            Statistics
          </Link>
          <Link href="/rehearse" className="font-medium underline underline-offset-2">
            Mock interview
          </Link>
        </nav>
      </div>
      <p className="mt-2 max-w-2xl text-slate-700 dark:text-slate-300">
        Cards you met in lessons come back just before you would forget them. Recall the answer, flip, and say how it went.
      </p>
      <ReviewSession deck={deck} />
    </main>
  )
}
