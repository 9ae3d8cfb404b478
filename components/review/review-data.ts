'use client'

import { readLocalProgress } from '@/lib/progress/local-store'
import { buildLocalQueue, readLocalSettings, writeLocalSettings, type ReviewFilter, type ReviewQueue } from '@/lib/review/local'
import { DEFAULT_REVIEW_SETTINGS, REVIEW_EVENT_TYPES, type ReviewSettings } from '@/lib/review/scheduler'
import type { ReviewDeck } from '@/lib/content/types'

/**
 * Where the review pages get their data: the account (signed in) or this
 * browser (not signed in, or the server cannot be reached). Each call says which.
 */

export type Source = 'account' | 'browser'

export function learnerTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
  } catch {
    return 'UTC'
  }
}

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value)
  return search.toString()
}

const reviewTypes = new Set<string>(REVIEW_EVENT_TYPES)

/**
 * Grades made on this device reach the server through the progress outbox. Before reading the account's
 * queue, give a pending upload a moment to land, so a card just graded is not shown as still due.
 */
async function waitForPendingGrades(timeoutMs = 4000): Promise<void> {
  const pending = () => readLocalProgress().outbox.some((event) => reviewTypes.has(event.type))
  if (!pending()) return
  await new Promise<void>((resolve) => {
    const done = () => {
      window.removeEventListener('drydock:progress-change', check)
      clearTimeout(timer)
      resolve()
    }
    const check = () => {
      if (!pending()) done()
    }
    const timer = setTimeout(done, timeoutMs)
    window.addEventListener('drydock:progress-change', check)
  })
}

export async function loadQueue(deck: ReviewDeck, filter: ReviewFilter): Promise<{ source: Source; queue: ReviewQueue }> {
  const timeZone = learnerTimeZone()
  try {
    const url = `/api/review/queue?${query({ course: filter.courseSlug, module: filter.moduleSlug, tz: timeZone })}`
    const first = await fetch(url, { credentials: 'same-origin', cache: 'no-store' })
    if (first.ok) {
      const local = readLocalSettings()
      let queue = (await first.json()) as ReviewQueue
      let stale = false
      // Settings chosen before signing in come along to the account, like the progress does.
      if (!queue.settings.saved && local) stale = (await saveSettings('account', local)) !== undefined
      if (readLocalProgress().outbox.some((event) => reviewTypes.has(event.type))) {
        await waitForPendingGrades()
        stale = true
      }
      if (stale) {
        const again = await fetch(url, { credentials: 'same-origin', cache: 'no-store' })
        if (again.ok) queue = (await again.json()) as ReviewQueue
      }
      return { source: 'account', queue }
    }
  } catch {
    // Offline: fall back to what this browser knows.
  }
  return {
    source: 'browser',
    queue: buildLocalQueue({
      deck,
      progress: readLocalProgress(),
      settings: readLocalSettings() ?? { ...DEFAULT_REVIEW_SETTINGS, saved: false },
      now: new Date(),
      timeZone,
      filter,
    }),
  }
}

/** Saves the settings where the learner's review lives; returns what was saved, or undefined on failure. */
export async function saveSettings(
  source: Source,
  { desiredRetention, newCardsPerDay }: ReviewSettings,
): Promise<(ReviewSettings & { saved: boolean }) | undefined> {
  const settings = { desiredRetention, newCardsPerDay }
  writeLocalSettings(settings)
  if (source === 'browser') return { ...settings, saved: true }
  try {
    const response = await fetch('/api/review/settings', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(settings),
    })
    return response.ok ? ((await response.json()) as ReviewSettings & { saved: boolean }) : undefined
  } catch {
    return undefined
  }
}

export function formatDue(due: Date, now = new Date()): string {
  const sameDay = due.toDateString() === now.toDateString()
  const time = due.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
  if (sameDay) return `today at ${time}`
  const tomorrow = new Date(now)
  tomorrow.setDate(now.getDate() + 1)
  if (due.toDateString() === tomorrow.toDateString()) return `tomorrow at ${time}`
  return due.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: due.getFullYear() === now.getFullYear() ? undefined : 'numeric' })
}
