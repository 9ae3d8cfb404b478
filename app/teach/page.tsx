import type { Metadata } from 'next'
import Link from 'next/link'
import { NewCohortForm } from '@/components/teach/new-cohort-form'
import { requireRole } from '@/lib/auth/current-user'
import { getManifest } from '@/lib/content/store'
import { formatJoinCode, listManagedCohorts } from '@/lib/data/cohorts'

export const metadata: Metadata = { title: 'Cohorts I teach' }

const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' })

export default async function TeachPage() {
  const viewer = await requireRole('INSTRUCTOR', '/teach')
  const cohorts = await listManagedCohorts(viewer)
  const courses = getManifest().courses.map(({ slug, title }) => ({ slug, title }))

  return (
    <main id="main" className="mx-auto max-w-4xl px-4 py-10">
      <h1 className="text-3xl font-bold tracking-tight">{viewer.role === 'ADMIN' ? 'All cohorts' : 'Cohorts I teach'}</h1>
      <section aria-labelledby="cohorts-heading" className="mt-8">
        <h2 id="cohorts-heading" className="sr-only">
          Cohorts
        </h2>
        {cohorts.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 p-6 dark:border-slate-700">
            No cohorts yet. Create one below and share its link or code with your students.
          </p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
            {cohorts.map((cohort) => (
              <li key={cohort.id} className="flex flex-wrap items-baseline justify-between gap-2 p-4">
                <div>
                  <Link href={`/teach/cohorts/${cohort.id}`} className="text-lg font-semibold underline-offset-2 hover:underline">
                    {cohort.name}
                  </Link>
                  <p className="text-sm text-slate-600 dark:text-slate-400">
                    {cohort.courseTitle} · started {date.format(cohort.createdAt)}
                    {viewer.role === 'ADMIN' && ` · taught by ${cohort.instructorName}`}
                  </p>
                </div>
                <p className="text-sm">
                  {cohort.students} {cohort.students === 1 ? 'student' : 'students'} ·{' '}
                  {cohort.joinCode ? `code ${formatJoinCode(cohort.joinCode)}` : 'joining off'}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="new-heading" className="mt-12 max-w-xl">
        <h2 id="new-heading" className="mb-4 text-xl font-semibold">
          New cohort
        </h2>
        <NewCohortForm courses={courses} />
      </section>
    </main>
  )
}
