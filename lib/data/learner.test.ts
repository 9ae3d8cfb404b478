import { describe, expect, it } from 'vitest'
import { streakFrom } from './learner'

describe('the streak', () => {
  const now = new Date('2026-05-10T08:00:00Z')

  it('counts consecutive days ending today', () => {
    expect(streakFrom(['2026-05-10', '2026-05-09', '2026-05-08', '2026-05-06'], now)).toEqual({ streakDays: 3, activeToday: true })
  })

  it('is still alive on a day not yet practised, counting from yesterday', () => {
    expect(streakFrom(['2026-05-09', '2026-05-08'], now)).toEqual({ streakDays: 2, activeToday: false })
  })

  it('is broken by a missed day', () => {
    expect(streakFrom(['2026-05-08', '2026-05-07'], now)).toEqual({ streakDays: 0, activeToday: false })
    expect(streakFrom([], now)).toEqual({ streakDays: 0, activeToday: false })
  })
})
