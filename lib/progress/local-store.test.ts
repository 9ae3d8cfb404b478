import { describe, expect, it } from 'vitest'
import { applyEvent, lessonStatus, type LocalProgress, type LocalProgressEvent } from './local-store'

const start: LocalProgress = { version: 1, lessons: {}, outbox: [] }

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
