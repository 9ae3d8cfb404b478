'use client'
import { lazy, Suspense, use, useEffect, useRef, useState, type ComponentType, type ReactNode } from 'react'
import type { ComponentProps } from '@/lib/content/components'

/**
 * The interactive widgets as lazily loaded islands. Each widget's code is its
 * own chunk, fetched only by a lesson that renders it, so a lesson's first load
 * carries the framework and the progress islands, not every widget, nor dnd-kit,
 * zod or the Dockerfile parser that some of them need. The prerendered HTML
 * holds every widget in full: React keeps it on screen and hydrates each widget
 * once its chunk has arrived.
 *
 * A widget starts loading when it comes within a screen of the viewport, or when
 * someone points at or tabs into it, so a long lesson on a phone does not load,
 * run and hydrate widgets several screens down while its first screen is still
 * settling.
 *
 * Each island's wrapper (display: contents, so it changes no layout) gets
 * `data-hydrated` once its widget is live, for tests that must not act on
 * inert server HTML.
 */
function island<Props extends object>(name: string, load: () => Promise<ComponentType<Props>>): ComponentType<Props> {
  const Widget = lazy(async () => ({ default: await load() }))
  function Island(props: Props) {
    const wrapper = useRef<HTMLDivElement>(null)
    // Only in the browser: the server renders every widget in full.
    const [nearby] = useState(() => (typeof window === 'undefined' ? null : settleable()))
    useEffect(() => (nearby ? whenNearby(wrapper.current, nearby.settle) : undefined), [nearby])
    return (
      <div ref={wrapper} data-island={name} className="contents">
        <Suspense>
          <WaitFor promise={nearby?.promise}>
            <Widget {...props} />
            <MarkHydrated target={wrapper} />
          </WaitFor>
        </Suspense>
      </div>
    )
  }
  return Island
}

function settleable(): { promise: Promise<void>; settle: () => void } {
  let settle = () => {}
  const promise = new Promise<void>((resolve) => {
    settle = resolve
  })
  return { promise, settle }
}

/**
 * Keeps its Suspense boundary dehydrated, with the server's HTML in place, until
 * the promise settles; the widget inside is not even rendered, so its chunk is
 * not fetched. It adds no element, so the server's HTML matches either way.
 */
function WaitFor({ promise, children }: { promise: Promise<void> | undefined; children: ReactNode }) {
  if (promise) use(promise)
  return children
}

/** Calls `near` once the widget is within a screen of the viewport or is pointed at or focused; returns the cleanup. */
function whenNearby(wrapper: HTMLElement | null, near: () => void): () => void {
  if (!wrapper || typeof IntersectionObserver === 'undefined' || typeof MutationObserver === 'undefined') {
    near()
    return () => {}
  }
  const intersection = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && done(), {
    rootMargin: '100% 0px',
  })
  // The wrapper has no box of its own; the widget's root element does. A widget the server streamed
  // after the page around it is still a placeholder <template> until React's inline script moves it in.
  // With nothing to show at all, the widget is being rendered in the browser (a lesson opened by a link
  // within the site, or React gave up hydrating it): then there is nothing to wait for.
  let watched: Element | undefined
  const watch = () => {
    if (wrapper.children.length === 0) return done()
    const widget = [...wrapper.children].find((child) => child.tagName !== 'TEMPLATE')
    if (widget === watched) return
    if (watched) intersection.unobserve(watched)
    watched = widget
    if (widget) intersection.observe(widget)
  }
  const changes = new MutationObserver(watch)
  changes.observe(wrapper, { childList: true })
  const events = ['pointerdown', 'focusin', 'keydown'] as const
  for (const type of events) wrapper.addEventListener(type, done, true)
  watch()
  function done() {
    near()
    cleanup()
  }
  function cleanup() {
    intersection.disconnect()
    changes.disconnect()
    for (const type of events) wrapper?.removeEventListener(type, done, true)
  }
  return cleanup
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
