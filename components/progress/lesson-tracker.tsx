'use client'

import { useEffect } from 'react'
import { lessonStatus, recordLocalEvent } from '@/lib/progress/local-store'
import { SyncStatusText } from './progress-sync'
import { useLocalProgress } from './use-local-progress'

/** Records the visit and offers "mark complete" at the end of a lesson. */
export function LessonTracker({ courseSlug, lessonSlug }: { courseSlug: string; lessonSlug: string }) {
  const status = lessonStatus(useLocalProgress(), courseSlug, lessonSlug)

  useEffect(() => {
    recordLocalEvent({ courseSlug, lessonSlug, type: 'lesson.visited' })
  }, [courseSlug, lessonSlug])

  const completed = Boolean(status?.completed)
  return (
    <div className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <div className="grow">
        <p className="text-sm text-slate-700 dark:text-slate-300" aria-live="polite">
          {completed ? 'You have completed this lesson.' : 'Finished reading and working through this lesson?'}
        </p>
        <SyncStatusText className="mt-1 text-xs text-slate-600 dark:text-slate-400" />
      </div>
      <button
        type="button"
        onClick={() =>
          recordLocalEvent({ courseSlug, lessonSlug, type: completed ? 'lesson.reopened' : 'lesson.completed' })
        }
        className={
          completed
            ? 'min-h-11 rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800'
            : 'min-h-11 rounded-md bg-emerald-700 px-4 py-2 text-sm font-medium text-white hover:bg-emerald-800'
        }
      >
        {completed ? 'Mark as not complete' : 'Mark lesson complete'}
      </button>
    </div>
  )
}
