import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { Suspense } from 'react'
import { CompletionChart } from '@/components/teach/completion-chart'
import { CopyJoinLink } from '@/components/teach/copy-join-link'
import { formatCount, Heatmap } from '@/components/teach/heatmap'
import { ItemAnalysisTable } from '@/components/teach/item-analysis'
import { requireRole } from '@/lib/auth/current-user'
import { disableJoinCodeAction, renewJoinCodeAction } from '@/lib/cohorts/actions'
import { formatJoinCode } from '@/lib/data/cohorts'
import { openCohortDashboard, type ItemAnalysisRow } from '@/lib/data/dashboard'

export const metadata: Metadata = { title: 'Cohort dashboard' }

const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' })
const buttonClass =
  'inline-flex h-11 items-center rounded-md border border-slate-400 px-4 font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800'

export default async function CohortPage({
  params,
  searchParams,
}: {
  params: Promise<{ cohortId: string }>
  searchParams: Promise<{ problem?: string | string[]; page?: string | string[] }>
}) {
  const { cohortId } = await params
  const { problem, page } = await searchParams
  // ?page=N of the heatmap; anything else is the first page.
  const heatmapPage = typeof page === 'string' && /^[1-9][0-9]{0,5}$/.test(page) ? Number(page) : 1
  const viewer = await requireRole('INSTRUCTOR', `/teach/cohorts/${encodeURIComponent(cohortId)}`)
  const opened = await openCohortDashboard(viewer, cohortId)
  if (!opened) notFound()
  const dashboard = await opened.overview
  const { cohort, students } = dashboard
  const atRisk = students.filter((student) => student.risk.length > 0)

  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-10">
      <p className="text-sm">
        <Link href="/teach" className="underline underline-offset-2">
          Cohorts
        </Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">{cohort.name}</h1>
      <p className="mt-1 text-slate-600 dark:text-slate-400">
        {cohort.courseTitle} · {students.length} {students.length === 1 ? 'student' : 'students'} · median{' '}
        {formatCount(dashboard.medianCompleted)} of {dashboard.lessons.length} lessons done
      </p>

      {typeof problem === 'string' && (
        <p role="alert" className="mt-4 rounded-lg border-2 border-red-700 bg-red-50 p-3 text-red-900 dark:border-red-400 dark:bg-red-950 dark:text-red-100">
          {problem.slice(0, 200)}
        </p>
      )}

      <section aria-labelledby="join-heading" className="mt-8 rounded-lg border border-slate-200 p-5 dark:border-slate-800">
        <h2 id="join-heading" className="text-xl font-semibold">
          How students join
        </h2>
        {cohort.joinCode ? (
          <div className="mt-3 space-y-3">
            <p>
              Code <strong data-testid="join-code" className="font-mono text-lg tracking-wider">{formatJoinCode(cohort.joinCode)}</strong>
              {cohort.joinCodeExpiresAt ? ` · works until ${date.format(cohort.joinCodeExpiresAt)} (UTC)` : ' · no expiry'}
            </p>
            <CopyJoinLink path={`/join/${cohort.joinCode}`} />
          </div>
        ) : (
          <p className="mt-3">Joining is switched off. Make a new code to let students in again.</p>
        )}
        <div className="mt-4 flex flex-wrap items-end gap-4">
          <form action={renewJoinCodeAction} className="flex flex-wrap items-end gap-3">
            <input type="hidden" name="cohortId" value={cohort.id} />
            <div>
              <label htmlFor="renew-expires" className="block text-sm font-medium">
                New code closes on (optional)
              </label>
              <input id="renew-expires" name="expiresAt" type="date" className="h-11 rounded-md border border-slate-400 bg-white px-3 dark:border-slate-600 dark:bg-slate-900" />
            </div>
            <button type="submit" className={buttonClass}>
              {cohort.joinCode ? 'Replace the code' : 'Make a new code'}
            </button>
          </form>
          {cohort.joinCode && (
            <form action={disableJoinCodeAction}>
              <input type="hidden" name="cohortId" value={cohort.id} />
              <button type="submit" className={buttonClass}>
                Switch joining off
              </button>
            </form>
          )}
        </div>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">Replacing or switching off the code stops the old code and link at once. Students already in stay in.</p>
      </section>

      {students.length === 0 ? (
        <p className="mt-10 rounded-lg border border-dashed border-slate-300 p-6 dark:border-slate-700">No students yet. Share the link or the code above.</p>
      ) : (
        <>
          <section aria-labelledby="risk-heading" className="mt-10">
            <h2 id="risk-heading" className="text-xl font-semibold">
              At risk
            </h2>
            {atRisk.length === 0 ? (
              <p className="mt-2">Nobody: everyone has been active in the last week and is keeping up with the cohort.</p>
            ) : (
              <ul className="mt-2 list-disc space-y-1 pl-5" data-testid="at-risk">
                {atRisk.map((student) => (
                  <li key={student.id}>
                    <Link href={`/teach/cohorts/${cohort.id}/students/${student.id}`} className="font-medium underline underline-offset-2">
                      {student.name}
                    </Link>
                    : {student.risk.join('; ')}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="heatmap-heading" className="mt-10">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="heatmap-heading" className="text-xl font-semibold">
                Who is where
              </h2>
              <a href={`/teach/cohorts/${cohort.id}/heatmap.csv`} className="underline underline-offset-2" download>
                Download the heatmap (CSV)
              </a>
            </div>
            <div className="mt-3">
              <Heatmap dashboard={dashboard} page={heatmapPage} />
            </div>
          </section>

          <section aria-labelledby="progress-heading" className="mt-10">
            <h2 id="progress-heading" className="text-xl font-semibold">
              Completion over time
            </h2>
            <div className="mt-3">
              <CompletionChart points={dashboard.completionOverTime} />
            </div>
          </section>

          <section aria-labelledby="items-heading" className="mt-10">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="items-heading" className="text-xl font-semibold">
                What is hard
              </h2>
              <a href={`/teach/cohorts/${cohort.id}/items.csv`} className="underline underline-offset-2" download>
                Download the item analysis (CSV)
              </a>
            </div>
            <div className="mt-3">
              <Suspense fallback={<p role="status">Counting the cohort&rsquo;s answers…</p>}>
                <HardestItems items={opened.items} />
              </Suspense>
            </div>
          </section>
        </>
      )}
    </main>
  )
}

/** Streamed after the rest of the page: the item analysis is the dashboard's largest statement. */
async function HardestItems({ items }: { items: Promise<ItemAnalysisRow[]> }) {
  return <ItemAnalysisTable items={await items} limit={25} />
}
