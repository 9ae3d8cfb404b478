import { describe, expect, it } from 'vitest'
import { countCompleted, findResumeTarget, type LessonStatus } from './resume'

const lessons = ['setup-problem', 'containers-are-processes', 'images-and-containers']

function statuses(map: Record<string, Partial<LessonStatus>>) {
  return (slug: string): LessonStatus | undefined =>
    map[slug] ? { visited: false, completed: false, ...map[slug] } : undefined
}

describe('findResumeTarget', () => {
  it('offers the first lesson to a learner who has not started', () => {
    expect(findResumeTarget(lessons, statuses({}))).toEqual({ state: 'not-started', lessonSlug: 'setup-problem' })
  })

  it('continues at the first unfinished lesson, even when a later one is done', () => {
    const target = findResumeTarget(
      lessons,
      statuses({ 'setup-problem': { completed: true }, 'images-and-containers': { completed: true } }),
    )
    expect(target).toEqual({ state: 'in-progress', lessonSlug: 'containers-are-processes' })
  })

  it('treats a visited but unfinished first lesson as in progress', () => {
    expect(findResumeTarget(lessons, statuses({ 'setup-problem': { visited: true } }))).toEqual({
      state: 'in-progress',
      lessonSlug: 'setup-problem',
    })
  })

  it('reports a finished course', () => {
    const all = Object.fromEntries(lessons.map((slug) => [slug, { completed: true }]))
    expect(findResumeTarget(lessons, statuses(all))).toEqual({ state: 'finished', lessonSlug: null })
    expect(countCompleted(lessons, statuses(all))).toBe(3)
  })
})
