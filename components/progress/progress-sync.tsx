'use client'

import { useEffect, useSyncExternalStore } from 'react'
import { acknowledgeEvents, readLocalProgress, type LocalProgressEvent } from '@/lib/progress/local-store'
import { describeStatus, syncOnce, type SyncDeps, type SyncStatus } from '@/lib/progress/sync'

/**
 * Runs on every page: sends the browser's outbox whenever it grows, when the
 * connection comes back, and when the learner signs in (which is how progress
 * made without an account is merged into it).
 */
let status: SyncStatus = { kind: 'saved' }
const listeners = new Set<() => void>()

function setStatus(next: SyncStatus) {
  status = next
  listeners.forEach((listener) => listener())
}

const deps: SyncDeps = {
  readOutbox: () => readLocalProgress().outbox,
  acknowledge: acknowledgeEvents,
  post: async (events: LocalProgressEvent[]) => {
    const response = await fetch('/api/progress', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ events }),
    })
    const body: unknown = await response.json().catch(() => null)
    return { status: response.status, body }
  },
}

let running = false
let again = false
let failures = 0
let retryTimer: ReturnType<typeof setTimeout> | undefined

async function kick() {
  if (running) {
    again = true
    return
  }
  running = true
  clearTimeout(retryTimer)
  const waiting = deps.readOutbox().length
  if (waiting > 0 && status.kind !== 'local') setStatus({ kind: 'saving', waiting })
  try {
    const result = await syncOnce(deps, failures)
    failures = result.status.kind === 'offline' ? failures + 1 : 0
    setStatus(result.status)
    if (result.retryInMs !== undefined) retryTimer = setTimeout(() => void kick(), result.retryInMs)
  } finally {
    running = false
  }
  if (again) {
    again = false
    void kick()
  }
}

export function ProgressSync() {
  useEffect(() => {
    let debounce: ReturnType<typeof setTimeout> | undefined
    const onChange = () => {
      // A visitor without an account keeps progress locally; no request per click.
      if (status.kind === 'local') return
      clearTimeout(debounce)
      debounce = setTimeout(() => void kick(), 300)
    }
    const now = () => void kick()
    const onSession = () => {
      setStatus({ kind: 'saved' })
      failures = 0
      void kick()
    }
    window.addEventListener('drydock:progress-change', onChange)
    window.addEventListener('online', now)
    window.addEventListener('drydock:session-change', onSession)
    void kick()
    return () => {
      clearTimeout(debounce)
      window.removeEventListener('drydock:progress-change', onChange)
      window.removeEventListener('online', now)
      window.removeEventListener('drydock:session-change', onSession)
    }
  }, [])
  return null
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

const initial: SyncStatus = { kind: 'saved' }

/** "Saved", "Saving…", "Offline — 3 answers waiting" or "Saved in this browser". */
export function SyncStatusText({ className }: { className?: string }) {
  const current = useSyncExternalStore(subscribe, () => status, () => initial)
  const icon = current.kind === 'offline' || current.kind === 'rejected' ? '⚠' : current.kind === 'saving' ? '…' : '✓'
  return (
    <p className={className} role="status" data-testid="sync-status" data-state={current.kind}>
      <span aria-hidden="true">{icon} </span>
      {describeStatus(current)}
    </p>
  )
}
