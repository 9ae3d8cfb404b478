import { describe, expect, it } from 'vitest'
import { applyEvent, itemState, lessonStatus, type LocalProgress, type LocalProgressEvent } from './local-store'

const start: LocalProgress = { version: 1, lessons: {}, items: {}, outbox: [] }

function event(type: string, lessonSlug: string, at: string): LocalProgressEvent {
  return { clientEventId: `${type}-${lessonSlug}-${at}`, courseSlug: 'docker', lessonSlug, type, payload: {}, occurredAt: at }
}

describe('applyEvent', () => {
  it('marks a visited lesson as visited, not completed', () => {
    const state = applyEvent(start, event('lesson.visited', 'intro', '2026-01-01T10:00:00Z'))
    expect(lessonStatus(state, 'docker', 'intro')).toEqual({ visited: true, completed: false })
    expect(lessonStatus(state, 'docker', 'other')).toBeUndefined()
  })

  it('keeps the first completion time when a lesson is completed twice', () => {
    let state = applyEvent(start, event('lesson.completed', 'intro', '2026-01-01T10:00:00Z'))
    state = applyEvent(state, event('lesson.completed', 'intro', '2026-01-02T10:00:00Z'))
    expect(state.lessons['docker/intro']?.completedAt).toBe('2026-01-01T10:00:00Z')
    expect(state.outbox).toHaveLength(2)
  })

  it('lets a learner reopen a completed lesson', () => {
    let state = applyEvent(start, event('lesson.completed', 'intro', '2026-01-01T10:00:00Z'))
    state = applyEvent(state, event('lesson.reopened', 'intro', '2026-01-01T11:00:00Z'))
    expect(lessonStatus(state, 'docker', 'intro')).toEqual({ visited: true, completed: false })
  })
})

describe('item state', () => {
  function answer(correct: boolean, at: string, extra: Record<string, unknown> = {}): LocalProgressEvent {
    return { clientEventId: at, courseSlug: 'docker', lessonSlug: 'intro', itemId: 'build-order', type: 'reorder.checked', payload: { correct, ...extra }, occurredAt: at }
  }

  it('counts attempts and remembers the first and the latest result', () => {
    let state = applyEvent(start, answer(false, '2026-01-01T10:00:00Z', { order: ['b', 'a', 'c'] }))
    state = applyEvent(state, answer(true, '2026-01-01T10:01:00Z', { order: ['a', 'b', 'c'], completed: true }))
    expect(itemState(state, 'docker', 'build-order')).toMatchObject({
      attempts: 2,
      firstTryCorrect: false,
      lastCorrect: true,
      completed: true,
      last: { 'reorder.checked': { order: ['a', 'b', 'c'] } },
    })
  })

  it('keeps an item completed after a later miss', () => {
    let state = applyEvent(start, answer(true, '2026-01-01T10:00:00Z', { completed: true }))
    state = applyEvent(state, answer(false, '2026-01-01T10:05:00Z'))
    expect(itemState(state, 'docker', 'build-order')?.completed).toBe(true)
    expect(itemState(state, 'docker', 'other')).toBeUndefined()
  })
})

describe('mergeServerState', () => {
  it('shows on this device what the account did on another, without losing local answers', async () => {
    const { mergeServerState } = await import('./local-store')
    let local = applyEvent(start, {
      clientEventId: 'a',
      courseSlug: 'docker',
      lessonSlug: 'intro',
      itemId: 'deck-card-1',
      type: 'card.rated',
      payload: { rating: 'again' },
      occurredAt: '2026-01-01T10:00:00.000Z',
    })
    local = mergeServerState(local, 'docker', {
      lessons: [
        { lessonSlug: 'intro', visited: true, completed: true, lastVisitedAt: '2026-01-01T09:00:00.000Z' },
        { lessonSlug: 'never-opened', visited: false, completed: false, lastVisitedAt: null },
      ],
      items: [
        {
          itemId: 'deck-card-1',
          completed: true,
          attempts: 0,
          firstTryCorrect: null,
          lastCorrect: null,
          last: { 'card.rated': { rating: 'got-it', completed: true } },
          updatedAt: '2026-01-02T10:00:00.000Z',
        },
        {
          itemId: 'build-order',
          completed: false,
          attempts: 2,
          firstTryCorrect: false,
          lastCorrect: false,
          last: { 'reorder.checked': { order: ['b', 'a'] } },
          updatedAt: '2026-01-02T10:00:00.000Z',
        },
      ],
    })
    expect(lessonStatus(local, 'docker', 'intro')).toEqual({ visited: true, completed: true })
    expect(lessonStatus(local, 'docker', 'never-opened')).toBeUndefined()
    expect(itemState(local, 'docker', 'deck-card-1')?.last['card.rated']).toEqual({ rating: 'got-it', completed: true })
    expect(itemState(local, 'docker', 'build-order')).toMatchObject({ attempts: 2, lastCorrect: false })
    // The local event still waits to be sent.
    expect(local.outbox).toHaveLength(1)
  })
})
