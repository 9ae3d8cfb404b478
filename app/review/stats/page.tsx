import type { Metadata } from 'next'
import Link from 'next/link'
import { ReviewStatsView } from '@/components/review/review-stats'

export const metadata: Metadata = { title: 'Review statistics' }

/** A static shell; the figures are the learner's own, fetched (signed in) or computed (not) in the browser. */
export default function ReviewStatsPage() {
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-10">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600 dark:text-slate-400">
        <Link href="/review" className="hover:underline">
          Review
        </Link>
      </nav>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">Review statistics</h1>
      <ReviewStatsView />
    </main>
  )
}
