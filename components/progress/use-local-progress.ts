'use client'

import { useSyncExternalStore } from 'react'
import { readLocalProgress, serverSnapshot, subscribeLocalProgress } from '@/lib/progress/local-store'

/** The browser's progress; the static HTML renders as "no progress" and the island fills in after hydration. */
export function useLocalProgress() {
  return useSyncExternalStore(subscribeLocalProgress, readLocalProgress, serverSnapshot)
}
