'use client'
import { lazy, Suspense, useEffect, useRef, type ComponentType } from 'react'
import type { ComponentProps } from '@/lib/content/components'

/**
 * The interactive widgets as lazily loaded islands. Each widget's code is its
 * own chunk, fetched only by a lesson that renders it and only once the page's
 * own script is running, so a lesson's first load carries the framework and the
 * progress islands, not every widget, nor dnd-kit, zod or the Dockerfile parser
 * that some of them need. The prerendered HTML still holds every widget in full:
 * React keeps it on screen and hydrates each widget when its chunk arrives.
 *
 * Each island's wrapper (display: contents, so it changes no layout) gets
 * `data-hydrated` once its widget is live, for tests that must not act on
 * inert server HTML.
 */
function island<Props extends object>(name: string, load: () => Promise<ComponentType<Props>>): ComponentType<Props> {
  const Widget = lazy(async () => ({ default: await load() }))
  function Island(props: Props) {
    const wrapper = useRef<HTMLDivElement>(null)
    return (
      <div ref={wrapper} data-island={name} className="contents">
        <Suspense>
          <Widget {...props} />
          <MarkHydrated target={wrapper} />
        </Suspense>
      </div>
    )
  }
  return Island
}

/** Rendered beside the widget in its Suspense boundary, so its effect runs once the widget has hydrated. */
function MarkHydrated({ target }: { target: { current: HTMLElement | null } }) {
  useEffect(() => {
    target.current?.setAttribute('data-hydrated', '')
  }, [target])
  return null
}

export const Checklist = island<ComponentProps<'Checklist'>>('Checklist', () =>
  import('./checklist/checklist').then((m) => m.Checklist),
)
export const CommandBuilder = island<ComponentProps<'CommandBuilder'>>('CommandBuilder', () =>
  import('./command-builder/command-builder').then((m) => m.CommandBuilder),
)
export const FlipDeck = island<ComponentProps<'FlipDeck'>>('FlipDeck', () =>
  import('./flip-deck/flip-deck').then((m) => m.FlipDeck),
)
export const InterviewQuestion = island<ComponentProps<'InterviewQuestion'>>('InterviewQuestion', () =>
  import('./interview-question/interview-question').then((m) => m.InterviewQuestion),
)
export const LayerCacheSimulator = island<ComponentProps<'LayerCacheSimulator'>>('LayerCacheSimulator', () =>
  import('./layer-cache/layer-cache-simulator').then((m) => m.LayerCacheSimulator),
)
export const Quiz = island<ComponentProps<'Quiz'>>('Quiz', () => import('./quiz/quiz').then((m) => m.Quiz))
export const ReorderDrill = island<ComponentProps<'ReorderDrill'>>('ReorderDrill', () =>
  import('./reorder-drill/reorder-drill').then((m) => m.ReorderDrill),
)
