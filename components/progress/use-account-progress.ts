'use client'

import { useEffect } from 'react'
import { applyServerState, type ServerCourseState } from '@/lib/progress/local-store'

/**
 * Brings the signed-in learner's saved state for a course into this browser, so a second device shows
 * the same progress. Visitors without an account get a quick 401 and keep their local state.
 */
export function useAccountProgress(courseSlug: string) {
  useEffect(() => {
    let cancelled = false
    const load = async () => {
      try {
        const response = await fetch(`/api/progress?course=${encodeURIComponent(courseSlug)}`, {
          credentials: 'same-origin',
          cache: 'no-store',
        })
        if (!response.ok || cancelled) return
        applyServerState(courseSlug, (await response.json()) as ServerCourseState)
      } catch {
        // Offline: the local state is all there is for now.
      }
    }
    void load()
    window.addEventListener('drydock:session-change', load)
    return () => {
      cancelled = true
      window.removeEventListener('drydock:session-change', load)
    }
  }, [courseSlug])
}
