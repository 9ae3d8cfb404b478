'use client'

import { lessonStatus } from '@/lib/progress/local-store'
import { useLocalProgress } from './use-local-progress'

/** A small mark beside a lesson title: completed, started, or nothing; spoken as text, not only shown by colour. */
export function LessonStatusMark({ courseSlug, lessonSlug }: { courseSlug: string; lessonSlug: string }) {
  const status = lessonStatus(useLocalProgress(), courseSlug, lessonSlug)
  if (status?.completed) {
    return (
      <span className="inline-flex shrink-0 items-center text-emerald-700 dark:text-emerald-400" title="Completed">
        <span aria-hidden="true">✓</span>
        <span className="sr-only">(completed)</span>
      </span>
    )
  }
  if (status?.visited) {
    return (
      <span className="inline-flex shrink-0 items-center text-amber-700 dark:text-amber-400" title="Started">
        <span aria-hidden="true">◐</span>
        <span className="sr-only">(started)</span>
      </span>
    )
  }
  return (
    <span aria-hidden="true" className="inline-flex shrink-0 text-slate-400 dark:text-slate-600">
      ○
    </span>
  )
}
