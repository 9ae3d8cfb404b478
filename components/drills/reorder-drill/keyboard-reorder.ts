import {
  announceCancelled,
  announceDropped,
  announceMoved,
  announcePickedUp,
  moveStep,
} from '@/lib/drills/reorder'

/**
 * Keyboard reordering shared by the reorder drill and the command builder:
 * Space or Enter picks a step up and drops it, the arrow keys move it one place
 * (Home and End to either end), Escape puts everything back as it was.
 * The list itself changes with every arrow press, so what the learner sees is
 * what a drop would leave, and each move is announced with its new position.
 */

export interface Grab {
  /** The key of the step being carried. */
  key: string
  /** The order when it was picked up, restored by Escape. */
  originalOrder: readonly string[]
}

export interface ReorderKeyResult {
  order: string[]
  grab: Grab | null
  announcement: string
}

export function reorderByKey(input: {
  key: string
  order: readonly string[]
  /** The step whose handle received the key. */
  stepKey: string
  grab: Grab | null
  labelOf: (stepKey: string) => string
}): ReorderKeyResult | undefined {
  const { key, order, stepKey, grab, labelOf } = input
  const index = order.indexOf(stepKey)
  if (index === -1) return undefined
  const total = order.length
  const label = labelOf(stepKey)
  const carrying = grab?.key === stepKey

  if (key === ' ' || key === 'Enter') {
    if (carrying)
      return { order: [...order], grab: null, announcement: announceDropped(label, index, total) }
    return {
      order: [...order],
      grab: { key: stepKey, originalOrder: [...order] },
      announcement: announcePickedUp(label, index, total),
    }
  }
  if (!carrying) return undefined

  if (key === 'Escape') {
    const originalOrder = [...grab.originalOrder]
    return {
      order: originalOrder,
      grab: null,
      announcement: announceCancelled(label, originalOrder.indexOf(stepKey), total),
    }
  }
  const target = targetIndex(key, index, total)
  if (target === undefined) return undefined
  const next = moveStep(order, index, target)
  return {
    order: next,
    grab,
    announcement: announceMoved(label, index, next.indexOf(stepKey), total),
  }
}

function targetIndex(key: string, index: number, total: number): number | undefined {
  switch (key) {
    case 'ArrowUp':
    case 'ArrowLeft':
      return index - 1
    case 'ArrowDown':
    case 'ArrowRight':
      return index + 1
    case 'Home':
      return 0
    case 'End':
      return total - 1
    default:
      return undefined
  }
}

/** The Move up / Move down buttons: one place per press, for switch and voice-control users. */
export function moveByOne(
  order: readonly string[],
  stepKey: string,
  direction: -1 | 1,
  labelOf: (stepKey: string) => string,
): { order: string[]; announcement: string } {
  const index = order.indexOf(stepKey)
  if (index === -1) return { order: [...order], announcement: '' }
  const next = moveStep(order, index, index + direction)
  return {
    order: next,
    announcement: announceMoved(labelOf(stepKey), index, next.indexOf(stepKey), order.length),
  }
}
