import { describe, expect, it } from 'vitest'
import { shuffleSteps } from '@/lib/drills/reorder'
import type { ItemLocalState } from '@/lib/progress/local-store'
import { countMisses, restoreReorderView } from './reorder-view'

const ids = ['source', 'dockerfile', 'image', 'config', 'service']

function stateWith(
  attempts: number,
  last: ItemLocalState['last'],
  completed = false,
): ItemLocalState {
  return { attempts, completed, last, updatedAt: '2025-01-01T00:00:00.000Z' }
}

describe('restoreReorderView', () => {
  it('shows nothing until the learner seed is known, so the solution never flashes', () => {
    expect(restoreReorderView(ids, '', undefined)).toBeNull()
  })

  it('starts a fresh learner on the first shuffle', () => {
    expect(restoreReorderView(ids, 'learner:drill', undefined)).toEqual({
      phase: 'arranging',
      order: shuffleSteps(ids, 'learner:drill', 0),
    })
  })

  it('brings back the last wrong submission with its marks', () => {
    const order = ['dockerfile', 'source', 'image', 'config', 'service']
    const view = restoreReorderView(
      ids,
      'seed',
      stateWith(1, { 'reorder.checked': { order, correct: false } }),
    )
    expect(view?.phase).toBe('checked')
    if (view?.phase !== 'checked') return
    expect(view.order).toEqual(order)
    expect(view.result.positions.map((position) => position.correct)).toEqual([
      false,
      false,
      true,
      true,
      true,
    ])
  })

  it('brings back a solved drill as solved', () => {
    const view = restoreReorderView(
      ids,
      'seed',
      stateWith(2, { 'reorder.checked': { order: ids, correct: true, completed: true } }, true),
    )
    expect(view).toEqual({ phase: 'solved', order: ids })
  })

  it('keeps the answer on screen until the learner checks again', () => {
    const wrong = { order: [...ids].reverse(), correct: false }
    expect(
      restoreReorderView(
        ids,
        'seed',
        stateWith(3, { 'reorder.checked': wrong, 'reorder.answer-shown': { attempts: 3 } }),
      ),
    ).toEqual({ phase: 'revealed' })
    expect(
      restoreReorderView(
        ids,
        'seed',
        stateWith(4, { 'reorder.checked': wrong, 'reorder.answer-shown': { attempts: 3 } }),
      )?.phase,
    ).toBe('checked')
  })

  it('reshuffles when the saved order no longer fits the steps', () => {
    const view = restoreReorderView(
      ids,
      'seed',
      stateWith(1, { 'reorder.checked': { order: ['source', 'gone'], correct: false } }),
    )
    expect(view).toEqual({ phase: 'arranging', order: shuffleSteps(ids, 'seed', 1) })
  })
})

describe('countMisses', () => {
  it('counts wrong checks until the drill is solved', () => {
    expect(countMisses(undefined)).toBe(0)
    expect(countMisses(stateWith(3, {}))).toBe(3)
    expect(countMisses(stateWith(3, {}, true))).toBe(0)
  })
})
