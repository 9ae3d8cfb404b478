/**
 * Sends the browser's outbox to the server in the background. Events leave the
 * outbox only when the server says it has them, so a dropped connection, a
 * server restart or a closed tab loses nothing: the next attempt sends them
 * again and the server stores each id once.
 */
import type { LocalProgressEvent } from './local-store'

export type SyncStatus =
  | { kind: 'saved' }
  | { kind: 'saving'; waiting: number }
  | { kind: 'offline'; waiting: number; retryInMs: number }
  | { kind: 'local'; waiting: number } // not signed in: progress stays in this browser
  | { kind: 'rejected'; waiting: number; message: string }

export const SYNC_BATCH_SIZE = 200
const MAX_BACKOFF_MS = 60_000

export interface SyncDeps {
  readOutbox: () => LocalProgressEvent[]
  acknowledge: (ids: string[]) => void
  post: (events: LocalProgressEvent[]) => Promise<{ status: number; body: unknown }>
}

export interface SyncAttempt {
  status: SyncStatus
  /** When to try again; undefined when there is nothing more to do until something changes. */
  retryInMs?: number
}

/** Backoff with jitter so a fleet of browsers does not hammer a server that just came back. */
export function backoffMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, failures - 1))
  return Math.round(base * (0.75 + random() * 0.5))
}

/** One pass: send batches until the outbox is empty or a send fails. */
export async function syncOnce(deps: SyncDeps, failures: number): Promise<SyncAttempt> {
  for (;;) {
    const outbox = deps.readOutbox()
    if (outbox.length === 0) return { status: { kind: 'saved' } }
    const batch = outbox.slice(0, SYNC_BATCH_SIZE)
    let response: { status: number; body: unknown }
    try {
      response = await deps.post(batch)
    } catch {
      const retryInMs = backoffMs(failures + 1)
      return { status: { kind: 'offline', waiting: outbox.length, retryInMs }, retryInMs }
    }
    if (response.status === 200) {
      const body = response.body as { accepted?: string[]; duplicates?: string[] }
      const stored = [...(body.accepted ?? []), ...(body.duplicates ?? [])]
      deps.acknowledge(stored)
      if (deps.readOutbox().length >= outbox.length) {
        // The server answered without confirming anything still waiting: try later rather than spin.
        const retryInMs = backoffMs(failures + 1)
        return { status: { kind: 'offline', waiting: outbox.length, retryInMs }, retryInMs }
      }
      continue
    }
    if (response.status === 401) return { status: { kind: 'local', waiting: outbox.length } }
    if (response.status === 429 || response.status >= 500) {
      const retryInMs = backoffMs(failures + 1)
      return { status: { kind: 'offline', waiting: outbox.length, retryInMs }, retryInMs }
    }
    // A 4xx other than 401/429 means this batch will never be accepted as it is (for example
    // a lesson removed from the course). Keep it in the browser rather than dropping answers.
    const message =
      (response.body as { message?: string } | null)?.message ?? 'Some answers could not be saved to your account.'
    return { status: { kind: 'rejected', waiting: outbox.length, message } }
  }
}

export function describeStatus(status: SyncStatus): string {
  switch (status.kind) {
    case 'saved':
      return 'Saved'
    case 'saving':
      return 'Saving…'
    case 'offline':
      return `Offline — ${status.waiting} ${status.waiting === 1 ? 'answer' : 'answers'} waiting`
    case 'local':
      return 'Saved in this browser'
    case 'rejected':
      return `${status.message} They are kept in this browser.`
  }
}
