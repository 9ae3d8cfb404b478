import { describe, expect, it } from 'vitest'
import { progressEventSchema } from './progress-write'

const event = (type: string) => ({
  clientEventId: '00000000-0000-4000-8000-000000000000',
  courseSlug: 'docker-fundamentals',
  lessonSlug: 'layers',
  type,
  payload: {},
  occurredAt: '2026-11-22T10:00:00.000Z',
})

describe('progress event types', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'refuses the type "%s" as malformed instead of failing on it',
    (type) => {
      const result = progressEventSchema.safeParse(event(type))
      expect(result.success).toBe(false)
      expect(result.error?.issues.some((issue) => issue.path[0] === 'type')).toBe(true)
    },
  )

  it('still checks the payload of a review grade', () => {
    expect(progressEventSchema.safeParse({ ...event('review.graded'), itemId: 'card-1', payload: { rating: 3 } }).success).toBe(true)
    expect(progressEventSchema.safeParse({ ...event('review.graded'), itemId: 'card-1', payload: { rating: 7 } }).success).toBe(false)
  })
})
