'use client'

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { itemState, learnerSeed, recordLocalEvent, type ItemLocalState } from '@/lib/progress/local-store'
import { useAccountProgress } from './use-account-progress'
import { useLocalProgress } from './use-local-progress'

interface LessonProgressValue {
  courseSlug: string
  lessonSlug: string
}

const LessonProgressContext = createContext<LessonProgressValue | null>(null)

/** Tells every interactive piece in a lesson which course and lesson its events belong to. */
export function LessonProgressProvider({
  courseSlug,
  lessonSlug,
  children,
}: LessonProgressValue & { children: ReactNode }) {
  useAccountProgress(courseSlug)
  const value = useMemo(() => ({ courseSlug, lessonSlug }), [courseSlug, lessonSlug])
  return <LessonProgressContext.Provider value={value}>{children}</LessonProgressContext.Provider>
}

export interface ItemProgress {
  /** What this browser has recorded for the item; undefined before the first interaction. */
  state: ItemLocalState | undefined
  /**
   * Records an interaction. Conventions the server shares: `payload.correct` (boolean) for a graded
   * answer, `payload.completed: true` when the item is done. Saved locally at once, sent in the background.
   */
  record: (type: string, payload?: Record<string, unknown>) => void
  /** Stable per learner and item: use it to seed shuffles. Empty in the static HTML and the first render. */
  seed: string
}

export function useItemProgress(itemId: string): ItemProgress {
  const context = useContext(LessonProgressContext)
  if (!context) throw new Error('useItemProgress must be used inside a lesson (LessonProgressProvider)')
  const { courseSlug, lessonSlug } = context
  const progress = useLocalProgress()
  // Set after hydration: the static HTML cannot know the learner, and must match the first client render.
  const [seed, setSeed] = useState('')
  useEffect(() => setSeed(`${learnerSeed()}:${itemId}`), [itemId])
  const record = useCallback(
    (type: string, payload: Record<string, unknown> = {}) => {
      recordLocalEvent({ courseSlug, lessonSlug, itemId, type, payload })
    },
    [courseSlug, lessonSlug, itemId],
  )
  return { state: itemState(progress, courseSlug, itemId), record, seed }
}
