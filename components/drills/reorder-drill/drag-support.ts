import { PointerSensor, TouchSensor, useSensor, useSensors } from '@dnd-kit/core'
import type { PointerEvent as ReactPointerEvent } from 'react'
import { useSyncExternalStore } from 'react'

/**
 * Pointer events also fire for fingers, and a PointerSensor would claim them
 * before the TouchSensor could. Leaving touches to the TouchSensor lets a
 * finger that moves at once scroll the page, and only a press-and-hold drags.
 */
class MousePointerSensor extends PointerSensor {
  static activators = [
    {
      eventName: 'onPointerDown' as const,
      handler: ({ nativeEvent: event }: ReactPointerEvent) =>
        event.isPrimary && event.button === 0 && event.pointerType !== 'touch',
    },
  ]
}

export function useDragSensors() {
  return useSensors(
    // A few pixels of travel before a drag starts, so a plain click still reaches buttons.
    useSensor(MousePointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
  )
}

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)'

function subscribeReducedMotion(onChange: () => void) {
  const query = window.matchMedia(REDUCED_MOTION)
  query.addEventListener('change', onChange)
  return () => query.removeEventListener('change', onChange)
}

/** dnd-kit animates with inline styles, which a CSS media query cannot switch off. */
export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(
    subscribeReducedMotion,
    () => window.matchMedia(REDUCED_MOTION).matches,
    () => false,
  )
}
