import type { Metadata } from 'next'
import Link from 'next/link'
import { SyncStatusText } from '@/components/progress/progress-sync'
import { Rehearsal } from '@/components/review/rehearsal'
import { getReviewDeck } from '@/lib/content/store'

export const metadata: Metadata = {
  title: 'Mock interview',
  description: 'Interview questions from your courses, one at a time, against the clock.',
}

/** A static shell; the island keeps answers in the browser and saves only the self-ratings. */
export default function RehearsePage() {
  const { version, courses } = getReviewDeck()
  // Only interview questions travel to the browser here.
  const deck = { version, courses: courses.map((course) => ({ ...course, cards: course.cards.filter((card) => card.kind === 'interview') })) }
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-10">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600 dark:text-slate-400">
        <Link href="/review" className="hover:underline">
          Review
        </Link>
      </nav>
      <div className="mt-2 flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-3xl font-bold tracking-tight">Mock interview</h1>
        <SyncStatusText className="text-sm text-slate-600 dark:text-slate-400" />
      </div>
      <p className="mt-2 max-w-2xl text-slate-700 dark:text-slate-300">
        Questions one at a time, with a clock running. Answer in writing or aloud, then compare with the senior angle and
        rate yourself honestly: what you miss comes back sooner in review.
      </p>
      <Rehearsal deck={deck} />
    </main>
  )
}
