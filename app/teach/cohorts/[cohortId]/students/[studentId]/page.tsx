import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { requireRole } from '@/lib/auth/current-user'
import { removeStudentAction } from '@/lib/cohorts/actions'
import { getStudentTimeline, TIMELINE_LIMIT } from '@/lib/data/dashboard'

export const metadata: Metadata = { title: 'Student timeline' }

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })

const EVENT_WORDS: Record<string, string> = {
  'lesson.visited': 'Opened the lesson',
  'lesson.completed': 'Completed the lesson',
  'card.flipped': 'Flipped a card',
  'card.rated': 'Rated a card',
  'quiz.answered': 'Answered a quiz question',
  'reorder.checked': 'Checked a reorder drill',
  'reorder.answer-shown': 'Revealed a reorder answer',
  'command.checked': 'Checked a command sequence',
  'interview.revealed': 'Revealed an interview answer',
  'interview.point-checked': 'Ticked an interview point',
  'interview.rated': 'Rated an interview answer',
  'checklist.ticked': 'Ticked a checklist step',
  'layer-cache.built': 'Ran a simulated build',
  'layer-cache.challenge-solved': 'Solved a layer-cache challenge',
}

export default async function StudentTimelinePage({ params }: { params: Promise<{ cohortId: string; studentId: string }> }) {
  const { cohortId, studentId } = await params
  const viewer = await requireRole('INSTRUCTOR', `/teach/cohorts/${encodeURIComponent(cohortId)}`)
  const timeline = await getStudentTimeline(viewer, cohortId, studentId)
  if (!timeline) notFound()
  const { cohort, student, entries } = timeline

  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-10">
      <p className="text-sm">
        <Link href={`/teach/cohorts/${cohort.id}`} className="underline underline-offset-2">
          {cohort.name}
        </Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">{student.name}</h1>
      <p className="mt-1 text-slate-600 dark:text-slate-400">
        {student.email} · joined {dateTime.format(student.joinedAt)} UTC
      </p>

      <section aria-labelledby="timeline-heading" className="mt-8">
        <h2 id="timeline-heading" className="text-xl font-semibold">
          Activity, newest first
        </h2>
        {entries.length === 0 ? (
          <p className="mt-2">No activity in {cohort.courseTitle} yet.</p>
        ) : (
          <ol className="mt-3 space-y-2" data-testid="timeline">
            {entries.map((entry, index) => (
              <li key={index} className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  <time dateTime={entry.at.toISOString()}>{dateTime.format(entry.at)} UTC</time> · {entry.lessonTitle}
                </p>
                <p>
                  {EVENT_WORDS[entry.type] ?? entry.type}
                  {entry.itemLabel && entry.type !== 'lesson.visited' && entry.type !== 'lesson.completed' ? `: ${entry.itemLabel}` : ''}
                  {entry.correct === true && <span className="ml-2 font-medium text-emerald-800 dark:text-emerald-300">✓ right</span>}
                  {entry.correct === false && <span className="ml-2 font-medium text-red-800 dark:text-red-300">✗ wrong</span>}
                </p>
              </li>
            ))}
          </ol>
        )}
        {timeline.truncated && <p className="mt-3 text-sm">Showing the latest {TIMELINE_LIMIT} events.</p>}
      </section>

      <section aria-labelledby="remove-heading" className="mt-12">
        <h2 id="remove-heading" className="text-xl font-semibold">
          Remove from the cohort
        </h2>
        <p className="mt-2">Their progress stays in their own account; they just leave this cohort and its dashboard.</p>
        <form action={removeStudentAction} className="mt-3">
          <input type="hidden" name="cohortId" value={cohort.id} />
          <input type="hidden" name="studentId" value={student.id} />
          <button type="submit" className="inline-flex h-11 items-center rounded-md border-2 border-red-700 px-4 font-medium text-red-800 hover:bg-red-50 dark:border-red-400 dark:text-red-200 dark:hover:bg-red-950">
            Remove {student.name}
          </button>
        </form>
      </section>
    </main>
  )
}
