'use client'

import { useEffect } from 'react'
import { itemState, lessonStatus, recordLocalEvent } from '@/lib/progress/local-store'
import { SyncStatusText } from './progress-sync'
import { useLocalProgress } from './use-local-progress'

/**
 * Records the visit, completes the lesson by itself once every interactive item in it is done,
 * and offers "mark complete" for reading-only lessons (or to finish early).
 */
export function LessonTracker({
  courseSlug,
  lessonSlug,
  itemIds = [],
}: {
  courseSlug: string
  lessonSlug: string
  itemIds?: string[]
}) {
  const progress = useLocalProgress()
  const status = lessonStatus(progress, courseSlug, lessonSlug)
  const itemsDone = itemIds.filter((id) => itemState(progress, courseSlug, id)?.completed).length
  const allItemsDone = itemIds.length > 0 && itemsDone === itemIds.length
  const completed = Boolean(status?.completed)

  useEffect(() => {
    recordLocalEvent({ courseSlug, lessonSlug, type: 'lesson.visited' })
  }, [courseSlug, lessonSlug])

  useEffect(() => {
    if (allItemsDone && status && !completed) {
      recordLocalEvent({ courseSlug, lessonSlug, type: 'lesson.completed', payload: { automatic: true } })
    }
    // Only the transition to "all done" completes the lesson; reopening it afterwards is respected.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [allItemsDone])

  return (
    <div className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <div className="grow">
        <p className="text-sm text-slate-700 dark:text-slate-300" aria-live="polite">
          {completed ? 'You have completed this lesson.' : 'Finished reading and working through this lesson?'}
        </p>
        {itemIds.length > 0 ? (
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400" data-testid="lesson-items-done">
            {itemsDone} of {itemIds.length} exercises done
          </p>
        ) : null}
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
