import type { Metadata } from 'next'
import Link from 'next/link'
import { JoinCohortForm } from '@/components/learner/join-cohort-form'
import { SuccessNotice } from '@/components/forms/form-parts'
import { requireUser } from '@/lib/auth/current-user'
import { leaveCohortAction } from '@/lib/cohorts/actions'
import { getManifest, listLessons } from '@/lib/content/store'
import { listMemberships } from '@/lib/data/cohorts'
import { getLearnerOverview } from '@/lib/data/learner'

export const metadata: Metadata = { title: 'My learning' }

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ joined?: string | string[] }> }) {
  const user = await requireUser('/dashboard')
  const { joined } = await searchParams
  const [overview, memberships] = await Promise.all([getLearnerOverview(user.id), listMemberships(user.id)])
  const { courses } = getManifest()
  const lessonsById = new Map<string, { course: (typeof courses)[number]; lesson: ReturnType<typeof listLessons>[number] }>(
    courses.flatMap((course) => listLessons(course).map((lesson) => [`${course.slug}/${lesson.slug}`, { course, lesson }] as const)),
  )
  const progress = new Map(overview.courses.map((row) => [row.courseSlug, row]))
  const joinedCourse = typeof joined === 'string' ? courses.find((course) => course.slug === joined) : undefined

  return (
    <main id="main" className="mx-auto max-w-4xl px-4 py-10">
      <h1 className="text-3xl font-bold tracking-tight">My learning</h1>
      {joinedCourse && (
        <div className="mt-6">
          <SuccessNotice>
            You joined the cohort. Your instructor now sees your progress in{' '}
            <Link href={`/courses/${joinedCourse.slug}`} className="font-medium underline">
              {joinedCourse.title}
            </Link>
            .
          </SuccessNotice>
        </div>
      )}

      <dl className="mt-8 grid gap-4 sm:grid-cols-3">
        <div className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <dt className="text-sm text-slate-600 dark:text-slate-400">Streak</dt>
          <dd className="text-2xl font-semibold" data-testid="streak">
            {overview.streakDays} {overview.streakDays === 1 ? 'day' : 'days'}
          </dd>
          <dd className="text-sm">{overview.activeToday ? 'You practised today.' : overview.streakDays > 0 ? 'Practise today to keep it.' : 'Any exercise starts one.'}</dd>
        </div>
        <div className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <dt className="text-sm text-slate-600 dark:text-slate-400">Cards due</dt>
          <dd className="text-2xl font-semibold" data-testid="cards-due">
            {overview.cardsDue}
          </dd>
          <dd className="text-sm">
            {overview.cardsDue > 0 ? (
              <Link href="/review" className="font-medium underline">
                Review them now
              </Link>
            ) : (
              'Nothing due; flip cards in lessons to add some.'
            )}
          </dd>
        </div>
        <div className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <dt className="text-sm text-slate-600 dark:text-slate-400">Cohorts</dt>
          <dd className="text-2xl font-semibold">{memberships.length}</dd>
          <dd className="text-sm">{memberships.length === 0 ? 'Join one with a code below.' : 'Listed below.'}</dd>
        </div>
      </dl>

      <section aria-labelledby="courses-heading" className="mt-10">
        <h2 id="courses-heading" className="text-xl font-semibold">
          My courses
        </h2>
        <ul className="mt-3 space-y-3">
          {courses.map((course) => {
            const total = listLessons(course).length
            const row = progress.get(course.slug)
            const done = row?.completedLessons ?? 0
            return (
              <li key={course.slug} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
                <Link href={`/courses/${course.slug}`} className="font-semibold underline-offset-2 hover:underline">
                  {course.title}
                </Link>
                <p className="mt-1 text-sm">
                  {done} of {total} lessons done{row && row.startedLessons > done ? `, ${row.startedLessons - done} started` : ''}
                </p>
                <progress value={done} max={Math.max(total, 1)} className="mt-2 h-2 w-full accent-brand-600" aria-label={`${course.title}: ${done} of ${total} lessons done`} />
              </li>
            )
          })}
        </ul>
      </section>

      <section aria-labelledby="weak-heading" className="mt-10">
        <h2 id="weak-heading" className="text-xl font-semibold">
          Worth another look
        </h2>
        {overview.weakest.length === 0 ? (
          <p className="mt-2">Nothing stands out yet: lessons appear here when their exercises go wrong on the first try.</p>
        ) : (
          <ul className="mt-3 space-y-2" data-testid="weakest">
            {overview.weakest.map((row) => {
              const found = lessonsById.get(row.lessonId)
              if (!found) return null
              return (
                <li key={row.lessonId}>
                  <Link href={`/courses/${found.course.slug}/${found.lesson.slug}`} className="font-medium underline underline-offset-2">
                    {found.lesson.title}
                  </Link>{' '}
                  <span className="text-slate-700 dark:text-slate-300">
                    — {row.firstTryRight} of {row.answered} right first time
                  </span>
                </li>
              )
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="cohorts-heading" className="mt-10">
        <h2 id="cohorts-heading" className="text-xl font-semibold">
          My cohorts
        </h2>
        {memberships.length > 0 && (
          <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
            {memberships.map((membership) => (
              <li key={membership.cohortId} className="flex flex-wrap items-center justify-between gap-3 p-4">
                <div>
                  <p className="font-medium">{membership.name}</p>
                  <p className="text-sm text-slate-600 dark:text-slate-400">
                    {membership.courseTitle} · {membership.instructorName}
                  </p>
                </div>
                <form action={leaveCohortAction}>
                  <input type="hidden" name="cohortId" value={membership.cohortId} />
                  <button type="submit" className="inline-flex h-11 items-center rounded-md border border-slate-400 px-4 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
                    Leave <span className="sr-only">{membership.name}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <div className="mt-6 max-w-md">
          <h3 className="mb-3 font-semibold">Join a cohort</h3>
          <JoinCohortForm />
        </div>
      </section>
    </main>
  )
}
