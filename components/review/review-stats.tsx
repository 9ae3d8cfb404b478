'use client'

import { useEffect, useState } from 'react'
import { readLocalProgress } from '@/lib/progress/local-store'
import { buildLocalStats, readLocalSettings } from '@/lib/review/local'
import { DEFAULT_REVIEW_SETTINGS } from '@/lib/review/scheduler'
import type { ReviewStats } from '@/lib/review/stats'
import { learnerTimeZone, type Source } from './review-data'
import { ForecastChart, ReviewsPerDayChart } from './stats-charts'

/** The statistics page's island: the account's figures when signed in, this browser's otherwise. */
export function ReviewStatsView() {
  const [loaded, setLoaded] = useState<{ source: Source; stats: ReviewStats } | undefined>()

  useEffect(() => {
    let cancelled = false
    const load = async () => {
      const timeZone = learnerTimeZone()
      try {
        const response = await fetch(`/api/review/stats?tz=${encodeURIComponent(timeZone)}`, { credentials: 'same-origin', cache: 'no-store' })
        if (response.ok) {
          const stats = (await response.json()) as ReviewStats
          if (!cancelled) setLoaded({ source: 'account', stats })
          return
        }
      } catch {
        // Offline: this browser's figures.
      }
      const stats = buildLocalStats({
        progress: readLocalProgress(),
        desiredRetention: (readLocalSettings() ?? DEFAULT_REVIEW_SETTINGS).desiredRetention,
        now: new Date(),
        timeZone,
      })
      if (!cancelled) setLoaded({ source: 'browser', stats })
    }
    void load()
    window.addEventListener('drydock:session-change', load)
    return () => {
      cancelled = true
      window.removeEventListener('drydock:session-change', load)
    }
  }, [])

  if (!loaded) {
    return (
      <p role="status" className="mt-8">
        Loading your statistics…
      </p>
    )
  }
  const { stats, source } = loaded
  const { reviewed, recalled } = stats.retention
  const retention = reviewed > 0 ? Math.round((recalled / reviewed) * 1000) / 10 : undefined
  const scheduled = stats.cards.learning + stats.cards.review + stats.cards.relearning
  return (
    <div className="mt-6">
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="stats-source">
        {source === 'account' ? 'From your account' : 'From this browser; sign in to keep them in your account'}
      </p>
      <dl className="mt-4 grid gap-4 sm:grid-cols-3">
        <div className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <dt className="text-sm text-slate-600 dark:text-slate-400">True retention, last 30 days</dt>
          <dd className="text-2xl font-semibold" data-testid="true-retention">
            {retention === undefined ? '—' : `${retention}%`}
          </dd>
          <dd className="text-sm">
            {reviewed > 0 ? `${recalled} of ${reviewed} reviews of learned cards recalled` : 'No learned card has come back yet.'}
          </dd>
        </div>
        <div className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <dt className="text-sm text-slate-600 dark:text-slate-400">Due today</dt>
          <dd className="text-2xl font-semibold" data-testid="due-today">
            {stats.forecast[0]?.due ?? 0}
          </dd>
        </div>
        <div className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <dt className="text-sm text-slate-600 dark:text-slate-400">Cards scheduled</dt>
          <dd className="text-2xl font-semibold" data-testid="cards-scheduled">
            {scheduled}
          </dd>
          <dd className="text-sm">
            {stats.cards.learning} learning, {stats.cards.review} in review, {stats.cards.relearning} relearning
          </dd>
        </div>
      </dl>
      <section aria-labelledby="reviews-heading" className="mt-10">
        <h2 id="reviews-heading" className="text-xl font-semibold">
          Reviews per day
        </h2>
        <ReviewsPerDayChart days={stats.reviewsPerDay} />
      </section>
      <section aria-labelledby="forecast-heading" className="mt-10">
        <h2 id="forecast-heading" className="text-xl font-semibold">
          Due in the next 30 days
        </h2>
        <ForecastChart forecast={stats.forecast} />
      </section>
    </div>
  )
}
