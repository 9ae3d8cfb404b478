'use client'

import {
  DndContext,
  closestCenter,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core'
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import {
  useCallback,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react'
import { useItemProgress } from '@/components/progress/lesson-progress'
import type { ComponentProps } from '@/lib/content/components'
import {
  announceCancelled,
  announceDropped,
  announceMoved,
  announcePickedUp,
  canShowAnswer,
  checkOrder,
  moveStep,
  shuffleSteps,
} from '@/lib/drills/reorder'
import { useDragSensors, usePrefersReducedMotion } from './drag-support'
import {
  StepHandle,
  Mark,
  freshAnnouncement,
  panelClass,
  primaryButtonClass,
  secondaryButtonClass,
  stepButtonClass,
} from './drill-ui'
import { moveByOne, reorderByKey, type Grab } from './keyboard-reorder'
import {
  ANSWER_SHOWN_EVENT,
  CHECKED_EVENT,
  countMisses,
  restoreReorderView,
  type ReorderView,
} from './reorder-view'

type Step = ComponentProps<'ReorderDrill'>['steps'][number]

export const KEYBOARD_INSTRUCTIONS =
  'To move a step with the keyboard, press Space to pick it up, the arrow keys to move it, Space again to drop it, or Escape to put it back.'

type FocusTarget = { stepId: string; control: 'handle' | 'up' | 'down' } | 'result' | 'first-step'

/**
 * Put the steps of a flow back in order. The starting order is shuffled per
 * learner and attempt; a check marks every position, and after solving each
 * step shows why it sits where it does. Saved progress brings back the last
 * submission, its marks, or the solved order after a reload.
 */
export function ReorderDrill({ id, title, prompt, steps }: ComponentProps<'ReorderDrill'>) {
  const { state, record, seed } = useItemProgress(id)
  const stepIds = useMemo(() => steps.map((step) => step.id), [steps])
  const stepById = useMemo(() => new Map(steps.map((step) => [step.id, step])), [steps])
  const labelOf = useCallback(
    (stepId: string) => stepById.get(stepId)?.label ?? 'Unknown step',
    [stepById],
  )

  const attempts = state?.attempts ?? 0
  const misses = countMisses(state)
  const restored = useMemo(() => restoreReorderView(stepIds, seed, state), [stepIds, seed, state])
  // Once the learner acts, their working view takes over from the saved one.
  const [local, setLocal] = useState<ReorderView | null>(null)
  const view = local ?? restored

  const [grab, setGrab] = useState<Grab | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const announce = useCallback(
    (text: string) => setAnnouncement((previous) => freshAnnouncement(previous, text)),
    [],
  )

  const titleId = useId()
  const dndId = useId()
  const controls = useRef(new Map<string, HTMLElement>())
  const resultRef = useRef<HTMLDivElement>(null)
  const pendingFocus = useRef<FocusTarget | null>(null)

  // React may move a focused list item to a new place in the DOM, which drops focus; put it back.
  useLayoutEffect(() => {
    const target = pendingFocus.current
    if (!target) return
    pendingFocus.current = null
    let element: HTMLElement | null | undefined
    if (target === 'result') element = resultRef.current
    else if (target === 'first-step')
      element = controls.current.get(`${view && 'order' in view ? view.order[0] : ''}:handle`)
    else element = controls.current.get(`${target.stepId}:${target.control}`)
    if (element && document.activeElement !== element) element.focus()
  })

  const registerControl = useCallback((key: string, element: HTMLElement | null) => {
    if (element) controls.current.set(key, element)
    else controls.current.delete(key)
  }, [])

  const interactive = view?.phase === 'arranging' || view?.phase === 'checked'
  const order = view && 'order' in view ? view.order : stepIds

  const rearrange = (next: string[]) => {
    // Marks describe the order that was checked; once it changes they would mislead.
    if (view?.phase === 'checked' && next.every((stepId, index) => stepId === view.order[index]))
      return
    setLocal({ phase: 'arranging', order: next })
  }

  const onHandleKeyDown = (event: KeyboardEvent, stepId: string) => {
    if (!interactive) return
    const result = reorderByKey({ key: event.key, order, stepKey: stepId, grab, labelOf })
    if (!result) return
    event.preventDefault()
    setGrab(result.grab)
    rearrange(result.order)
    announce(result.announcement)
    pendingFocus.current = { stepId, control: 'handle' }
  }

  const onHandleBlur = (stepId: string, element: HTMLElement) => {
    // Focus can blink out while the item moves in the DOM; only a real departure drops the step.
    window.setTimeout(() => {
      if (document.activeElement === element) return
      setGrab((current) => (current?.key === stepId ? null : current))
    }, 0)
  }

  const onMoveButton = (stepId: string, direction: -1 | 1) => {
    const result = moveByOne(order, stepId, direction, labelOf)
    setGrab(null)
    rearrange(result.order)
    announce(result.announcement)
    pendingFocus.current = { stepId, control: direction === -1 ? 'up' : 'down' }
  }

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return
    setGrab(null)
    rearrange(moveStep(order, order.indexOf(String(active.id)), order.indexOf(String(over.id))))
  }

  const positionOf = (dragId: UniqueIdentifier) => order.indexOf(String(dragId))
  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      announcePickedUp(labelOf(String(active.id)), positionOf(active.id), order.length),
    onDragOver: ({ active, over }) =>
      over
        ? announceMoved(
            labelOf(String(active.id)),
            positionOf(active.id),
            positionOf(over.id),
            order.length,
          )
        : undefined,
    onDragEnd: ({ active, over }) =>
      over
        ? announceDropped(labelOf(String(active.id)), positionOf(over.id), order.length)
        : announceCancelled(labelOf(String(active.id)), positionOf(active.id), order.length),
    onDragCancel: ({ active }) =>
      announceCancelled(labelOf(String(active.id)), positionOf(active.id), order.length),
  }

  const check = () => {
    if (!interactive) return
    if (view.phase === 'checked') {
      // The same order would get the same marks and only inflate the attempt count.
      announce('Nothing has moved since the last check. Move a step marked Wrong place first.')
      return
    }
    const result = checkOrder(stepIds, order)
    setGrab(null)
    if (!result.valid) {
      // Cannot happen through the interface; start over rather than record a broken submission.
      setLocal({ phase: 'arranging', order: shuffleSteps(stepIds, seed, attempts) })
      return
    }
    record(CHECKED_EVENT, {
      order,
      correct: result.solved,
      ...(result.solved ? { completed: true } : {}),
    })
    if (result.solved) {
      setLocal({ phase: 'solved', order })
      pendingFocus.current = 'result'
    } else {
      setLocal({ phase: 'checked', order, result })
    }
  }

  const showAnswer = () => {
    // The attempt count tells a reload whether a check came after the reveal.
    record(ANSWER_SHOWN_EVENT, { attempts })
    setGrab(null)
    setLocal({ phase: 'revealed' })
    pendingFocus.current = 'result'
  }

  const tryAgain = () => {
    setGrab(null)
    setLocal({ phase: 'arranging', order: shuffleSteps(stepIds, seed, attempts) })
    announce('Steps shuffled. Put them in order, then check.')
    pendingFocus.current = 'first-step'
  }

  const attemptLabel =
    view?.phase === 'arranging'
      ? `Attempt ${attempts + 1}`
      : attempts > 0
        ? `Attempt ${attempts}`
        : undefined
  const reducedMotion = usePrefersReducedMotion()
  const sensors = useDragSensors()

  return (
    <section aria-labelledby={titleId} data-item-id={id} className={panelClass}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h3 id={titleId} className="text-base font-semibold">
          {title}
        </h3>
        {attemptLabel ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">{attemptLabel}</p>
        ) : null}
      </div>
      {prompt ? <p className="mt-1 text-slate-700 dark:text-slate-300">{prompt}</p> : null}

      {view === null ? (
        <Placeholder count={steps.length} />
      ) : view.phase === 'solved' || view.phase === 'revealed' ? (
        <AnswerList
          steps={
            view.phase === 'solved' ? view.order.map((stepId) => stepById.get(stepId)!) : steps
          }
        />
      ) : (
        <>
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
            Drag the steps into order, or use the Up and Down buttons. {KEYBOARD_INSTRUCTIONS}
          </p>
          <DndContext
            id={dndId}
            sensors={sensors}
            collisionDetection={closestCenter}
            onDragStart={() => setGrab(null)}
            onDragEnd={onDragEnd}
            accessibility={{
              announcements,
              screenReaderInstructions: { draggable: KEYBOARD_INSTRUCTIONS },
            }}
          >
            <SortableContext items={view.order} strategy={verticalListSortingStrategy}>
              <ol aria-label="Steps, in your order" className="mt-3 space-y-2">
                {view.order.map((stepId, index) => (
                  <SortableStep
                    key={stepId}
                    stepId={stepId}
                    label={labelOf(stepId)}
                    index={index}
                    total={view.order.length}
                    mark={
                      view.phase === 'checked' ? view.result.positions[index]?.correct : undefined
                    }
                    carried={grab?.key === stepId}
                    reducedMotion={reducedMotion}
                    registerControl={registerControl}
                    onKeyDown={onHandleKeyDown}
                    onBlur={onHandleBlur}
                    onMove={onMoveButton}
                  />
                ))}
              </ol>
            </SortableContext>
          </DndContext>
        </>
      )}

      <div
        ref={resultRef}
        tabIndex={-1}
        role="status"
        aria-live="polite"
        className="mt-3 rounded-md text-sm empty:hidden"
      >
        {view?.phase === 'checked' ? (
          <p>
            <strong>
              {view.result.correctCount} of {view.order.length} steps are in the right place.
            </strong>{' '}
            {canShowAnswer(misses)
              ? 'Move the steps marked Wrong place and check again, or show the answer.'
              : 'Move the steps marked Wrong place and check again.'}
          </p>
        ) : view?.phase === 'solved' ? (
          <p className="font-semibold text-emerald-800 dark:text-emerald-300">
            <span aria-hidden="true">✓ </span>
            Solved{attempts > 0 ? ` on attempt ${attempts}` : ''}: every step is in place. Each one
            says why it sits there.
          </p>
        ) : view?.phase === 'revealed' ? (
          <p className="font-semibold">This is the correct order, with the reason for each step.</p>
        ) : null}
      </div>

      {view ? (
        <div className="mt-3 flex flex-wrap gap-2">
          {interactive ? (
            <button type="button" className={primaryButtonClass} onClick={check}>
              Check
            </button>
          ) : null}
          {interactive && canShowAnswer(misses) ? (
            <button type="button" className={secondaryButtonClass} onClick={showAnswer}>
              Show the answer
            </button>
          ) : null}
          {view.phase !== 'arranging' ? (
            <button type="button" className={secondaryButtonClass} onClick={tryAgain}>
              Try again
            </button>
          ) : null}
        </div>
      ) : null}

      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </section>
  )
}

function SortableStep({
  stepId,
  label,
  index,
  total,
  mark,
  carried,
  reducedMotion,
  registerControl,
  onKeyDown,
  onBlur,
  onMove,
}: {
  stepId: string
  label: string
  index: number
  total: number
  /** Whether the checked order had this step right; undefined while arranging. */
  mark: boolean | undefined
  carried: boolean
  reducedMotion: boolean
  registerControl: (key: string, element: HTMLElement | null) => void
  onKeyDown: (event: KeyboardEvent, stepId: string) => void
  onBlur: (stepId: string, element: HTMLElement) => void
  onMove: (stepId: string, direction: -1 | 1) => void
}) {
  const {
    attributes,
    listeners,
    setNodeRef,
    setActivatorNodeRef,
    transform,
    transition,
    isDragging,
  } = useSortable({
    id: stepId,
    transition: reducedMotion ? null : undefined,
  })
  const lifted = carried || isDragging
  return (
    <li
      ref={setNodeRef}
      style={{
        transform: CSS.Translate.toString(transform),
        transition: reducedMotion ? undefined : transition,
      }}
      className={`flex flex-wrap items-center gap-x-2 gap-y-1 rounded-md border bg-white p-1.5 dark:bg-slate-900 ${
        lifted
          ? 'relative z-10 border-sky-600 shadow-md dark:border-sky-300'
          : 'border-slate-200 dark:border-slate-700'
      }`}
    >
      {/* On a narrow screen the mark and buttons wrap under the label rather than squeezing it. */}
      <StepHandle
        index={index}
        sortable={{ attributes, listeners, setActivatorNodeRef }}
        controlKey={`${stepId}:handle`}
        registerControl={registerControl}
        onKeyDown={(event) => onKeyDown(event, stepId)}
        onBlur={(element) => onBlur(stepId, element)}
        carried={carried}
        className="flex min-w-0 flex-[1_1_14rem] items-center gap-2"
      >
        <span className="min-w-0 break-words">{label}</span>
      </StepHandle>
      <div className="ml-auto flex items-center gap-1.5">
        {mark === undefined ? null : mark ? (
          <Mark tone="right">Right place</Mark>
        ) : (
          <Mark tone="wrong">Wrong place</Mark>
        )}
        <button
          type="button"
          ref={(element) => registerControl(`${stepId}:up`, element)}
          aria-label={`Move ${label} up`}
          aria-disabled={index === 0 || undefined}
          className={stepButtonClass}
          onClick={() => onMove(stepId, -1)}
        >
          <span aria-hidden="true">↑</span>
          <span className="hidden sm:inline">Up</span>
        </button>
        <button
          type="button"
          ref={(element) => registerControl(`${stepId}:down`, element)}
          aria-label={`Move ${label} down`}
          aria-disabled={index === total - 1 || undefined}
          className={stepButtonClass}
          onClick={() => onMove(stepId, 1)}
        >
          <span aria-hidden="true">↓</span>
          <span className="hidden sm:inline">Down</span>
        </button>
      </div>
    </li>
  )
}

/** The solved or revealed order, each step with its one-line reason. */
function AnswerList({ steps }: { steps: Step[] }) {
  return (
    <ol aria-label="Steps, in the correct order" className="mt-3 space-y-2">
      {steps.map((step, index) => (
        <li
          key={step.id}
          className="flex gap-2 rounded-md border border-emerald-600/40 bg-emerald-50/60 p-2.5 dark:border-emerald-400/40 dark:bg-emerald-950/30"
        >
          <span
            aria-hidden="true"
            className="w-6 shrink-0 text-right text-sm text-slate-600 tabular-nums dark:text-slate-300"
          >
            {index + 1}.
          </span>
          <div className="min-w-0">
            <p className="font-medium">{step.label}</p>
            <p className="text-sm text-slate-700 dark:text-slate-300">{step.explanation}</p>
          </div>
        </li>
      ))}
    </ol>
  )
}

/** Before hydration the learner's shuffle is unknown; showing steps now would show them in the answer's order. */
function Placeholder({ count }: { count: number }) {
  return (
    <div aria-busy="true" className="mt-3">
      <p className="sr-only">Shuffling the steps…</p>
      <ul aria-hidden="true" className="space-y-2">
        {Array.from({ length: count }, (_, index) => (
          <li
            key={index}
            className="h-11 animate-pulse rounded-md bg-slate-100 motion-reduce:animate-none dark:bg-slate-800"
          />
        ))}
      </ul>
    </div>
  )
}
