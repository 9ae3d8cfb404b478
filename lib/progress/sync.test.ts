import { describe, expect, it } from 'vitest'
import type { LocalProgressEvent } from './local-store'
import { backoffMs, describeStatus, syncOnce, type SyncDeps } from './sync'

function events(count: number): LocalProgressEvent[] {
  return Array.from({ length: count }, (_, index) => ({
    clientEventId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    courseSlug: 'docker',
    lessonSlug: 'intro',
    type: 'lesson.visited',
    payload: {},
    occurredAt: '2026-01-01T10:00:00Z',
  }))
}

function outboxOf(initial: LocalProgressEvent[], post: SyncDeps['post']) {
  let outbox = [...initial]
  const posted: number[] = []
  const deps: SyncDeps = {
    readOutbox: () => outbox,
    acknowledge: (ids) => {
      outbox = outbox.filter((event) => !ids.includes(event.clientEventId))
    },
    post: async (batch) => {
      posted.push(batch.length)
      return post(batch)
    },
  }
  return { deps, posted, remaining: () => outbox }
}

const storeAll: SyncDeps['post'] = async (batch) => ({
  status: 200,
  body: { accepted: batch.map((event) => event.clientEventId), duplicates: [] },
})

describe('syncOnce', () => {
  it('sends a long outbox in batches until it is empty', async () => {
    const { deps, posted, remaining } = outboxOf(events(450), storeAll)
    const result = await syncOnce(deps, 0)
    expect(result.status).toEqual({ kind: 'saved' })
    expect(posted).toEqual([200, 200, 50])
    expect(remaining()).toEqual([])
  })

  it('treats events the server already had as delivered', async () => {
    const { deps, remaining } = outboxOf(events(3), async (batch) => ({
      status: 200,
      body: { accepted: [], duplicates: batch.map((event) => event.clientEventId) },
    }))
    await syncOnce(deps, 0)
    expect(remaining()).toEqual([])
  })

  it('keeps everything and reports offline when the network fails', async () => {
    const { deps, remaining } = outboxOf(events(3), async () => {
      throw new TypeError('Failed to fetch')
    })
    const result = await syncOnce(deps, 2)
    expect(result.status).toMatchObject({ kind: 'offline', waiting: 3 })
    expect(result.retryInMs).toBeGreaterThan(0)
    expect(remaining()).toHaveLength(3)
    expect(describeStatus(result.status)).toBe('Offline — 3 answers waiting')
  })

  it('keeps everything when the server fails or is restarting', async () => {
    const { deps, remaining } = outboxOf(events(2), async () => ({ status: 503, body: {} }))
    expect((await syncOnce(deps, 0)).status.kind).toBe('offline')
    expect(remaining()).toHaveLength(2)
  })

  it('keeps progress in the browser for a visitor who is not signed in', async () => {
    const { deps, remaining } = outboxOf(events(2), async () => ({ status: 401, body: {} }))
    const result = await syncOnce(deps, 0)
    expect(result).toEqual({ status: { kind: 'local', waiting: 2 } })
    expect(remaining()).toHaveLength(2)
  })

  it('never drops a batch the server refuses, and says why', async () => {
    const { deps, remaining } = outboxOf(events(2), async () => ({
      status: 422,
      body: { message: 'This lesson is no longer in the course.' },
    }))
    const result = await syncOnce(deps, 0)
    expect(result.status).toEqual({ kind: 'rejected', waiting: 2, message: 'This lesson is no longer in the course.' })
    expect(remaining()).toHaveLength(2)
  })

  it('removes only what the server confirmed', async () => {
    const { deps, remaining, posted } = outboxOf(events(3), async (batch) => ({
      status: 200,
      body: { accepted: [batch[0]!.clientEventId], duplicates: [] },
    }))
    // One event confirmed per call: the pass continues until every event is confirmed.
    expect((await syncOnce(deps, 0)).status).toEqual({ kind: 'saved' })
    expect(posted).toEqual([3, 2, 1])
    expect(remaining()).toHaveLength(0)
  })

  it('backs off instead of spinning when the server confirms nothing that is waiting', async () => {
    const { deps, remaining, posted } = outboxOf(events(2), async () => ({
      status: 200,
      body: { accepted: ['11111111-1111-4111-8111-111111111111'], duplicates: [] },
    }))
    const result = await syncOnce(deps, 0)
    expect(result.status.kind).toBe('offline')
    expect(posted).toEqual([2])
    expect(remaining()).toHaveLength(2)
  })
})

describe('backoffMs', () => {
  it('grows with each failure and stops at a minute', () => {
    const fixed = () => 0.5
    expect(backoffMs(1, fixed)).toBe(1000)
    expect(backoffMs(2, fixed)).toBe(2000)
    expect(backoffMs(5, fixed)).toBe(16000)
    expect(backoffMs(30, fixed)).toBe(60000)
  })
})
