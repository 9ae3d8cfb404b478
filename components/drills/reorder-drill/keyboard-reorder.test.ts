import { describe, expect, it } from 'vitest'
import { moveByOne, reorderByKey, type Grab } from './keyboard-reorder'

const labels: Record<string, string> = {
  a: 'Dockerfile',
  b: 'Image artifact',
  c: 'Running service',
}
const labelOf = (key: string) => labels[key] ?? key
const order = ['a', 'b', 'c']

function press(key: string, current: readonly string[], stepKey: string, grab: Grab | null) {
  return reorderByKey({ key, order: current, stepKey, grab, labelOf })
}

describe('reorderByKey', () => {
  it('picks a step up with Space and names it with its position', () => {
    const result = press(' ', order, 'b', null)
    expect(result?.grab).toEqual({ key: 'b', originalOrder: order })
    expect(result?.order).toEqual(order)
    expect(result?.announcement).toContain('Image artifact, position 2 of 3')
  })

  it('moves the carried step with the arrow keys and says where it went', () => {
    const grab = press(' ', order, 'a', null)!.grab
    const moved = press('ArrowDown', order, 'a', grab)
    expect(moved?.order).toEqual(['b', 'a', 'c'])
    expect(moved?.announcement).toBe('Moved Dockerfile to position 2 of 3.')
    const end = press('End', moved!.order, 'a', grab)
    expect(end?.order).toEqual(['b', 'c', 'a'])
  })

  it('says the step is already first instead of repeating its position', () => {
    const grab = press(' ', order, 'a', null)!.grab
    expect(press('ArrowUp', order, 'a', grab)?.announcement).toBe(
      'Dockerfile is already first, position 1 of 3.',
    )
  })

  it('drops with Space or Enter at the current position', () => {
    const grab = press('Enter', order, 'c', null)!.grab
    const moved = press('ArrowUp', order, 'c', grab)!
    const dropped = press(' ', moved.order, 'c', moved.grab)
    expect(dropped?.grab).toBeNull()
    expect(dropped?.order).toEqual(['a', 'c', 'b'])
    expect(dropped?.announcement).toBe('Dropped Running service at position 2 of 3.')
  })

  it('restores the order from before the pick-up on Escape', () => {
    const grab = press(' ', order, 'a', null)!.grab
    const moved = press('End', order, 'a', grab)!
    const cancelled = press('Escape', moved.order, 'a', grab)
    expect(cancelled?.order).toEqual(order)
    expect(cancelled?.grab).toBeNull()
    expect(cancelled?.announcement).toBe('Cancelled. Dockerfile returned to position 1 of 3.')
  })

  it('leaves arrows and Escape to the page when nothing is carried', () => {
    expect(press('ArrowDown', order, 'a', null)).toBeUndefined()
    expect(press('Escape', order, 'a', null)).toBeUndefined()
    expect(press('Tab', order, 'a', { key: 'a', originalOrder: order })).toBeUndefined()
  })

  it('picks up the focused step when another one was being carried', () => {
    const result = press(' ', order, 'b', { key: 'a', originalOrder: order })
    expect(result?.grab?.key).toBe('b')
  })
})

describe('moveByOne', () => {
  it('moves one place and announces the new position', () => {
    expect(moveByOne(order, 'b', 1, labelOf)).toEqual({
      order: ['a', 'c', 'b'],
      announcement: 'Moved Image artifact to position 3 of 3.',
    })
  })

  it('keeps the order at an edge and says so', () => {
    expect(moveByOne(order, 'c', 1, labelOf)).toEqual({
      order,
      announcement: 'Running service is already last, position 3 of 3.',
    })
  })
})
