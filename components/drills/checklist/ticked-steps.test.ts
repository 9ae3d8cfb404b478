import { describe, expect, it } from 'vitest'
import { tickedSteps, toggleStep } from './ticked-steps'

describe('tickedSteps', () => {
  it('restores the saved ticks in step order', () => {
    expect(tickedSteps({ ticked: [3, 0, 2], completed: false }, 5)).toEqual([0, 2, 3])
  })

  it('is empty before the first tick', () => {
    expect(tickedSteps(undefined, 5)).toEqual([])
  })

  it('drops steps the lesson no longer has, repeats and anything that is not a step number', () => {
    expect(tickedSteps({ ticked: [1, 1, 7, -1, 2.5, '3', null, 4] }, 5)).toEqual([1, 4])
    expect(tickedSteps({ ticked: 'all' }, 5)).toEqual([])
  })
})

describe('toggleStep', () => {
  it('ticks a step into its place and unticks it again', () => {
    expect(toggleStep([0, 3], 1)).toEqual([0, 1, 3])
    expect(toggleStep([0, 1, 3], 1)).toEqual([0, 3])
  })
})
