'use client'

import Link from 'next/link'
import { countCompleted, findResumeTarget } from '@/lib/progress/resume'
import { lessonStatus } from '@/lib/progress/local-store'
import { useAccountProgress } from './use-account-progress'
import { useLocalProgress } from './use-local-progress'

interface Props {
  courseSlug: string
  lessons: { slug: string; title: string }[]
  /** Show the continue link as a prominent button (course page) or a quiet link (catalogue). */
  variant?: 'primary' | 'quiet'
}

export function CourseProgress({ courseSlug, lessons, variant = 'primary' }: Props) {
  useAccountProgress(courseSlug)
  const progress = useLocalProgress()
  const slugs = lessons.map((lesson) => lesson.slug)
  const statusOf = (slug: string) => lessonStatus(progress, courseSlug, slug)
  const done = countCompleted(slugs, statusOf)
  const target = findResumeTarget(slugs, statusOf)
  const percent = lessons.length === 0 ? 0 : Math.round((done / lessons.length) * 100)
  const targetTitle = lessons.find((lesson) => lesson.slug === target.lessonSlug)?.title

  const linkClass =
    variant === 'primary'
      ? 'inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700'
      : 'inline-flex min-h-11 items-center font-medium text-brand-700 underline-offset-4 hover:underline dark:text-brand-300'

  return (
    <div className="space-y-3">
      <div>
        <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="course-progress-text">
          {done} of {lessons.length} lessons complete
        </p>
        <div
          role="progressbar"
          aria-label="Course progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${done} of ${lessons.length} lessons complete`}
          className="mt-1 h-2 w-full max-w-sm overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
        >
          <div className="h-full rounded-full bg-brand-600 dark:bg-brand-400" style={{ width: `${percent}%` }} />
        </div>
      </div>
      {target.lessonSlug ? (
        <Link href={`/courses/${courseSlug}/${target.lessonSlug}`} className={linkClass}>
          {target.state === 'not-started' ? 'Start the course' : 'Continue where you left off'}
          <span className="sr-only">: {targetTitle}</span>
          <span aria-hidden="true">&nbsp;→</span>
        </Link>
      ) : (
        <p className="font-medium text-emerald-700 dark:text-emerald-400">Course complete. Well done.</p>
      )}
    </div>
  )
}
