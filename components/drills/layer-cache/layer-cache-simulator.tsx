'use client'

import {
  DndContext,
  MouseSensor,
  TouchSensor,
  closestCenter,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type Modifier,
} from '@dnd-kit/core'
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
} from 'react'
import { useItemProgress } from '@/components/progress/lesson-progress'
import type { ComponentProps } from '@/lib/content/components'
import {
  formatSeconds,
  type EditKind,
  type LayerResult,
  type ParsedInstruction,
} from '@/lib/layer-cache'
import {
  capitalise,
  createSetup,
  currentEditOptions,
  currentLines,
  initialState,
  instructionById,
  moveItem,
  reduceSimulator,
  renumberLines,
  sameOrder,
  savedOrder,
  stageGroups,
  stageOrder,
  type SimulatorAction,
  type SimulatorSetup,
  type SimulatorState,
  withStageOrder,
} from './simulator-state'

const EDIT_NAMES: Record<EditKind, string> = {
  source: 'App source',
  manifest: 'Dependency manifest',
  'base-tag': 'Base image tag',
  'system-package': 'System package',
  env: 'ENV value',
  arg: 'ARG value (--build-arg)',
  'ignored-file': 'File excluded by .dockerignore',
  none: 'No change',
}

const GOAL_NAMES: Record<EditKind, string> = {
  source: 'a source-only edit',
  manifest: 'a dependency change',
  'base-tag': 'a base image change',
  'system-package': 'a system package change',
  env: 'an ENV change',
  arg: 'a build-arg change',
  'ignored-file': 'an edit to an ignored file',
  none: 'a rebuild with no changes',
}

const BOX =
  'not-prose my-6 rounded-lg border border-slate-200 bg-white p-3 text-slate-900 sm:p-4 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100'
const BUTTON =
  'inline-flex min-h-11 items-center justify-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-900 hover:bg-slate-50 disabled:opacity-60 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700'
const PRIMARY_BUTTON =
  'inline-flex min-h-11 items-center justify-center gap-2 rounded-md bg-sky-700 px-4 text-sm font-semibold text-white hover:bg-sky-800 dark:bg-sky-300 dark:text-slate-950 dark:hover:bg-sky-200'
const ICON_BUTTON =
  'inline-flex h-11 w-11 shrink-0 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 aria-disabled:opacity-50 dark:text-slate-300 dark:hover:bg-slate-800'

type Props = ComponentProps<'LayerCacheSimulator'>

interface KeyboardGrab {
  id: string
  /** The order as it would be if dropped now; only checked by the engine on drop. */
  preview: string[]
}

type FocusTarget = { id: string; control: 'handle' | 'up' | 'down' }

/**
 * The layer-cache simulator: reorder a Dockerfile, pick what changes, build,
 * and see which layers the cache reused and why.
 */
export function LayerCacheSimulator({
  id,
  title,
  dockerfile,
  dockerignore,
  edits,
  challenge,
}: Props) {
  const progress = useItemProgress(id)
  // Props come from a compiled lesson and never change while the page is open.
  const [setup] = useState(() => createSetup({ dockerfile, dockerignore, edits, challenge }))
  const [sim, setSim] = useState<SimulatorState>(() => initialState(setup))
  const simRef = useRef(sim)
  const [grab, setGrab] = useState<KeyboardGrab | null>(null)
  const grabRef = useRef(grab)
  const [announcement, setAnnouncement] = useState('')
  const [restoredNote, setRestoredNote] = useState(false)
  const [edit, setEdit] = useState<EditKind>(() => defaultEdit(setup))
  const controls = useRef(new Map<string, HTMLButtonElement>())
  const pendingFocus = useRef<FocusTarget | null>(null)

  const titleId = useId()
  const baseId = useId()
  const reducedMotion = usePrefersReducedMotion()

  const dispatch = useCallback(
    (action: SimulatorAction): SimulatorState => {
      const next = reduceSimulator(setup, simRef.current, action)
      simRef.current = next
      setSim(next)
      return next
    },
    [setup],
  )

  const announce = useCallback((message: string) => {
    // A repeated message would not be read again; the trailing space makes it a change.
    setAnnouncement((previous) => (previous === message ? `${message}\u00a0` : message))
  }, [])

  const updateGrab = useCallback((next: KeyboardGrab | null) => {
    grabRef.current = next
    setGrab(next)
  }, [])

  // Bring back the order the learner last built with; builds themselves start again from a cold cache.
  const savedBuild = progress.state?.last['layer-cache.built']
  const restoredOnce = useRef(false)
  useEffect(() => {
    if (restoredOnce.current || !savedBuild) return
    restoredOnce.current = true
    const order = savedOrder(savedBuild.order)
    if (!order || simRef.current.builtOrder !== null || sameOrder(order, simRef.current.order))
      return
    const next = dispatch({ type: 'restore-order', order })
    if (sameOrder(next.order, order)) setRestoredNote(true)
  }, [savedBuild, dispatch])

  const order = grab?.preview ?? sim.order
  const groups = stageGroups(setup, order)
  const lines = currentLines(setup, order)
  const settledLines = currentLines(setup, sim.order)
  const multiStage = groups.length > 1

  // Moving a row re-inserts it in the DOM, which can drop focus; put it back on the control the learner used.
  useLayoutEffect(() => {
    const target = pendingFocus.current
    if (!target) return
    pendingFocus.current = null
    const element = controls.current.get(`${target.control}:${target.id}`)
    if (element && document.activeElement !== element) element.focus()
  }, [order])

  const positionText = (insId: string, ids: readonly string[] = order): string => {
    const ins = instructionById(setup, insId)
    if (!ins) return ''
    const stageIds = stageOrder(setup, ids, ins.stage)
    const where = multiStage
      ? ` in stage ${setup.parsed.stages[ins.stage]?.label ?? ins.stage + 1}`
      : ''
    return `position ${stageIds.indexOf(insId) + 1} of ${stageIds.length}${where}`
  }
  const labelOf = (insId: string): string => instructionById(setup, insId)?.label ?? insId

  function refusalText(state: SimulatorState): string {
    return renumberLines(state.refusal?.messages.join(' ') ?? '', currentLines(setup, state.order))
  }

  function moveBy(insId: string, delta: -1 | 1, control: 'up' | 'down') {
    const ins = instructionById(setup, insId)
    if (!ins) return
    const ids = stageOrder(setup, sim.order, ins.stage)
    const from = ids.indexOf(insId)
    const to = from + delta
    if (to < 0 || to >= ids.length) {
      announce(`${ins.label} is already ${delta < 0 ? 'first' : 'last'} in its stage.`)
      return
    }
    pendingFocus.current = { id: insId, control }
    const next = dispatch({ type: 'move', id: insId, toIndex: to })
    if (next.refusal) announce(`Not moved: ${refusalText(next)}`)
    else announce(`${ins.label} moved to ${positionText(insId, next.order)}.`)
  }

  function onHandleKeyDown(event: KeyboardEvent<HTMLButtonElement>, insId: string) {
    const current = grabRef.current
    const label = labelOf(insId)
    if (!current || current.id !== insId) {
      if (event.key === ' ' || event.key === 'Enter') {
        event.preventDefault()
        updateGrab({ id: insId, preview: simRef.current.order })
        dispatch({ type: 'dismiss-refusal' })
        announce(
          `Picked up ${label}, ${positionText(insId, simRef.current.order)}. Use the up and down arrow keys to move it, Space to drop it, Escape to cancel.`,
        )
      }
      return
    }
    const ins = instructionById(setup, insId)
    if (!ins) return
    if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      event.preventDefault()
      const ids = stageOrder(setup, current.preview, ins.stage)
      const from = ids.indexOf(insId)
      const to = from + (event.key === 'ArrowUp' ? -1 : 1)
      if (to < 0 || to >= ids.length) {
        announce(`${label} is already ${to < 0 ? 'first' : 'last'} in its stage.`)
        return
      }
      const preview = withStageOrder(setup, current.preview, ins.stage, moveItem(ids, from, to))
      pendingFocus.current = { id: insId, control: 'handle' }
      updateGrab({ id: insId, preview })
      announce(`${label}, ${positionText(insId, preview)}.`)
    } else if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault()
      updateGrab(null)
      pendingFocus.current = { id: insId, control: 'handle' }
      const stageIds = stageOrder(setup, current.preview, ins.stage)
      if (sameOrder(current.preview, simRef.current.order)) {
        announce(`Dropped ${label} where it was, ${positionText(insId, simRef.current.order)}.`)
        return
      }
      const next = dispatch({ type: 'move', id: insId, toIndex: stageIds.indexOf(insId) })
      if (next.refusal) {
        announce(
          `Not moved: ${refusalText(next)} ${label} is back at ${positionText(insId, next.order)}.`,
        )
      } else {
        announce(`Dropped ${label} at ${positionText(insId, next.order)}.`)
      }
    } else if (event.key === 'Escape') {
      event.preventDefault()
      cancelGrab()
    }
  }

  function cancelGrab() {
    const current = grabRef.current
    if (!current) return
    updateGrab(null)
    pendingFocus.current = { id: current.id, control: 'handle' }
    announce(
      `Move cancelled. ${labelOf(current.id)} is back at ${positionText(current.id, simRef.current.order)}.`,
    )
  }

  function onHandleBlur(insId: string) {
    // Focus can blink out while the row is re-inserted; only a real move of focus elsewhere cancels.
    requestAnimationFrame(() => {
      const current = grabRef.current
      const handle = controls.current.get(`handle:${insId}`)
      if (current?.id === insId && document.activeElement !== handle) {
        updateGrab(null)
        announce(
          `Move cancelled. ${labelOf(insId)} is back at ${positionText(insId, simRef.current.order)}.`,
        )
      }
    })
  }

  function onDragStart(event: DragStartEvent) {
    const insId = String(event.active.id)
    if (grabRef.current) updateGrab(null)
    dispatch({ type: 'dismiss-refusal' })
    announce(`Picked up ${labelOf(insId)}, ${positionText(insId, simRef.current.order)}.`)
  }

  function onDragEnd(event: DragEndEvent) {
    const insId = String(event.active.id)
    const overId = event.over ? String(event.over.id) : null
    const ins = instructionById(setup, insId)
    if (!ins || !overId || overId === insId) {
      announce(
        `Dropped ${labelOf(insId)} where it was, ${positionText(insId, simRef.current.order)}.`,
      )
      return
    }
    const ids = stageOrder(setup, simRef.current.order, ins.stage)
    const to = ids.indexOf(overId)
    if (to < 0) return
    const next = dispatch({ type: 'move', id: insId, toIndex: to })
    if (next.refusal) announce(`Not moved: ${refusalText(next)}`)
    else announce(`Dropped ${ins.label} at ${positionText(insId, next.order)}.`)
  }

  function onBuild() {
    restoredOnce.current = true
    const wasFirst = simRef.current.buildState === null
    const next = dispatch({ type: 'build', edit })
    const result = next.latest
    if (!result) {
      announce(`Build refused: ${refusalText(next)}`)
      return
    }
    progress.record('layer-cache.built', {
      order: next.order,
      edit: result.edit.kind,
      totalSeconds: result.totalSeconds,
    })
    let sentence = `Build ${result.buildNumber}: ${renumberLines(result.summary, currentLines(setup, next.order))}`
    if (next.outcome) {
      sentence += next.outcome.passed ? ' Challenge solved.' : ' Challenge not met yet.'
      if (next.outcome.passed) {
        progress.record('layer-cache.challenge-solved', {
          seconds: next.outcome.seconds,
          completed: true,
        })
      }
    }
    if (wasFirst && setup.challenge) sentence += ' Now pick a change and build again.'
    announce(sentence)
  }

  function onReset() {
    updateGrab(null)
    const next = dispatch({ type: 'reset-order' })
    setRestoredNote(false)
    announce(
      sameOrder(next.order, setup.originalOrder) ? 'Order reset to the original Dockerfile.' : '',
    )
  }

  const registerControl = (key: string) => (element: HTMLButtonElement | null) => {
    if (element) controls.current.set(key, element)
    else controls.current.delete(key)
  }

  const savedSolved = progress.state?.last['layer-cache.challenge-solved']
  const solvedSeconds = sim.outcome?.passed
    ? sim.outcome.seconds
    : typeof savedSolved?.seconds === 'number'
      ? savedSolved.seconds
      : null
  const built = sim.buildState !== null
  const orderChangedSinceBuild = sim.builtOrder !== null && !sameOrder(sim.builtOrder, sim.order)
  const instructionsHelpId = `${baseId}-reorder-help`

  return (
    <section aria-labelledby={titleId} data-item-id={id} className={BOX}>
      <h3 id={titleId} className="text-lg font-semibold">
        {title}
      </h3>

      {setup.challenge ? (
        <div
          data-testid="layer-cache-challenge"
          className="mt-3 rounded-md border border-sky-300 bg-sky-50 p-3 text-sm dark:border-sky-700 dark:bg-sky-950/40"
        >
          <p>
            <strong>Challenge:</strong> make {GOAL_NAMES[setup.challenge.edit]} rebuild in under{' '}
            {formatSeconds(setup.challenge.maxSeconds)}.
          </p>
          {solvedSeconds !== null ? (
            <p className="mt-1 flex items-center gap-1.5 font-semibold text-emerald-800 dark:text-emerald-300">
              <CheckIcon /> Solved: rebuilt in {formatSeconds(solvedSeconds)}.
            </p>
          ) : (
            <p className="mt-1 text-slate-700 dark:text-slate-300">Not solved yet.</p>
          )}
        </div>
      ) : null}

      <div className="mt-4 space-y-6">
        <div>
          <h4 className="font-semibold">Dockerfile</h4>
          <p id={instructionsHelpId} className="mt-1 text-sm text-slate-700 dark:text-slate-300">
            Drag an instruction by its handle, or focus the handle and press Space to pick it up,
            the arrow keys to move it, Space to drop it and Escape to cancel. Instructions move
            within their stage.
          </p>
          {restoredNote ? (
            <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
              Your order from last time is back. The build cache starts empty, so the next build is
              a first build.
            </p>
          ) : null}

          {setup.parsed.globalArgs.length > 0 ? (
            <div className="mt-3">
              {multiStage ? <h5 className="text-sm font-semibold">Before the first FROM</h5> : null}
              <ul className="mt-1 space-y-1">
                {setup.parsed.globalArgs.map((arg) => (
                  <li
                    key={arg.id}
                    className="rounded-md border border-slate-200 px-3 py-2 font-mono text-sm dark:border-slate-700"
                  >
                    {arg.text}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}

          {groups.map((group) => (
            <StageList
              key={group.index}
              dndId={`${baseId}-stage-${group.index}`}
              heading={multiStage ? `Stage ${group.index + 1}: ${group.label}` : null}
              ids={group.ids}
              lines={lines}
              setup={setup}
              reducedMotion={reducedMotion}
              grabbedId={grab?.id ?? null}
              refusedId={sim.refusal?.id ?? null}
              describedBy={instructionsHelpId}
              positionText={positionText}
              registerControl={registerControl}
              onHandleKeyDown={onHandleKeyDown}
              onHandleBlur={onHandleBlur}
              onMove={moveBy}
              onDragStart={onDragStart}
              onDragOver={(event: DragOverEvent) => {
                if (event.over && event.over.id !== event.active.id) {
                  const overIndex = group.ids.indexOf(String(event.over.id))
                  announce(
                    `${labelOf(String(event.active.id))} is over position ${overIndex + 1} of ${group.ids.length}.`,
                  )
                }
              }}
              onDragEnd={onDragEnd}
              onDragCancel={(event) =>
                announce(
                  `Move cancelled. ${labelOf(String(event.active.id))} is back where it was.`,
                )
              }
            />
          ))}

          {sim.refusal ? (
            <div
              data-testid="layer-cache-refusal"
              className="mt-3 flex gap-2 rounded-md border border-rose-300 bg-rose-50 p-3 text-sm text-rose-900 dark:border-rose-700 dark:bg-rose-950/40 dark:text-rose-100"
            >
              <CrossIcon />
              <p>
                <strong>Not moved:</strong>{' '}
                {renumberLines(sim.refusal.messages.join(' '), settledLines)}
              </p>
            </div>
          ) : null}

          <div className="mt-3 flex flex-wrap items-center gap-3">
            <button
              type="button"
              className={BUTTON}
              onClick={onReset}
              disabled={sameOrder(sim.order, setup.originalOrder) && grab === null}
            >
              Reset order
            </button>
            <IgnoreSummary patterns={dockerignore ?? null} />
          </div>
        </div>

        <div>
          <h4 className="font-semibold">Build</h4>
          <fieldset disabled={!built} className="mt-2">
            <legend className="text-sm font-medium">Change before the next build</legend>
            {!built ? (
              <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
                The first build starts from an empty cache, so every layer runs. Pick a change after
                it.
              </p>
            ) : null}
            <div className="mt-2 space-y-1">
              {currentEditOptions(setup, sim).map((option) => {
                const descriptionId = `${baseId}-edit-${option.kind}`
                return (
                  <label
                    key={option.kind}
                    className={`flex min-h-11 items-start gap-3 rounded-md px-2 py-2 ${option.available ? 'cursor-pointer hover:bg-slate-50 dark:hover:bg-slate-800' : 'opacity-80'}`}
                  >
                    <input
                      type="radio"
                      name={`${baseId}-edit`}
                      value={option.kind}
                      checked={edit === option.kind}
                      disabled={!option.available}
                      onChange={() => setEdit(option.kind)}
                      aria-describedby={descriptionId}
                      className="mt-1 h-5 w-5 shrink-0 accent-sky-700"
                    />
                    <span>
                      <span className="block text-sm font-medium">{EDIT_NAMES[option.kind]}</span>
                      <span
                        id={descriptionId}
                        className="block text-sm text-slate-700 dark:text-slate-300"
                      >
                        {option.available
                          ? renumberLines(option.description, settledLines)
                          : `Not available: ${option.description}`}
                      </span>
                    </span>
                  </label>
                )
              })}
            </div>
          </fieldset>
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <button
              type="button"
              className={PRIMARY_BUTTON}
              onClick={onBuild}
              disabled={grab !== null}
            >
              Build
            </button>
            {orderChangedSinceBuild ? (
              <p className="text-sm text-slate-700 dark:text-slate-300">
                The order changed since the last build: layers from the first moved one down have no
                cache entry yet.
              </p>
            ) : null}
          </div>
        </div>

        {sim.latest ? (
          <BuildResults
            sim={sim}
            lines={currentLines(setup, sim.builtOrder ?? sim.order)}
            firstBuild={sim.latest.buildNumber === 1}
            multiStage={multiStage}
          />
        ) : null}
      </div>

      <p role="status" className="sr-only" data-testid="layer-cache-announcer">
        {announcement}
      </p>
    </section>
  )
}

function defaultEdit(setup: SimulatorSetup): EditKind {
  const available = setup.editOptions.filter((o) => o.available).map((o) => o.kind)
  if (setup.challenge && available.includes(setup.challenge.edit)) return setup.challenge.edit
  return available.includes('source') ? 'source' : (available[0] ?? 'none')
}

// Keeps a dragged row in its column; sideways drift would only confuse where it will land.
const verticalOnly: Modifier = ({ transform }) => ({ ...transform, x: 0 })

// Announcements go through the widget's own polite region, so dnd-kit's assertive one stays quiet.
const silent: Announcements = {
  onDragStart: () => undefined,
  onDragMove: () => undefined,
  onDragOver: () => undefined,
  onDragEnd: () => undefined,
  onDragCancel: () => undefined,
}

interface StageListProps {
  dndId: string
  heading: string | null
  ids: string[]
  lines: ReadonlyMap<number, number>
  setup: SimulatorSetup
  reducedMotion: boolean
  grabbedId: string | null
  refusedId: string | null
  describedBy: string
  positionText: (id: string) => string
  registerControl: (key: string) => (element: HTMLButtonElement | null) => void
  onHandleKeyDown: (event: KeyboardEvent<HTMLButtonElement>, id: string) => void
  onHandleBlur: (id: string) => void
  onMove: (id: string, delta: -1 | 1, control: 'up' | 'down') => void
  onDragStart: (event: DragStartEvent) => void
  onDragOver: (event: DragOverEvent) => void
  onDragEnd: (event: DragEndEvent) => void
  onDragCancel: (event: DragEndEvent) => void
}

function StageList(props: StageListProps) {
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    // A short press-and-hold on touch, so a swipe over the list still scrolls the page.
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
  )
  const headingId = `${props.dndId}-heading`
  return (
    <div className="mt-3">
      {props.heading ? (
        <h5 id={headingId} className="text-sm font-semibold">
          {props.heading}
        </h5>
      ) : null}
      <DndContext
        id={props.dndId}
        sensors={sensors}
        collisionDetection={closestCenter}
        modifiers={[verticalOnly]}
        accessibility={{ announcements: silent, screenReaderInstructions: { draggable: '' } }}
        onDragStart={props.onDragStart}
        onDragOver={props.onDragOver}
        onDragEnd={props.onDragEnd}
        onDragCancel={props.onDragCancel}
      >
        <SortableContext items={props.ids} strategy={verticalListSortingStrategy}>
          <ol
            aria-labelledby={props.heading ? headingId : undefined}
            aria-label={props.heading ? undefined : 'Instructions'}
            className="mt-1 space-y-1"
          >
            {props.ids.map((insId, index) => {
              const ins = instructionById(props.setup, insId)
              if (!ins) return null
              return (
                <InstructionRow
                  key={insId}
                  ins={ins}
                  first={index === 0}
                  last={index === props.ids.length - 1}
                  {...props}
                />
              )
            })}
          </ol>
        </SortableContext>
      </DndContext>
    </div>
  )
}

function InstructionRow({
  ins,
  first,
  last,
  lines,
  reducedMotion,
  grabbedId,
  refusedId,
  describedBy,
  positionText,
  registerControl,
  onHandleKeyDown,
  onHandleBlur,
  onMove,
}: StageListProps & { ins: ParsedInstruction; first: boolean; last: boolean }) {
  const { listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({
      id: ins.id,
      transition: reducedMotion ? null : undefined,
    })
  const grabbed = grabbedId === ins.id
  const refused = refusedId === ins.id
  const handleRef = registerControl(`handle:${ins.id}`)
  const state = grabbed || isDragging ? 'picked up' : refused ? 'refused' : 'idle'
  return (
    <li
      ref={setNodeRef}
      data-testid="layer-cache-instruction"
      data-instruction-id={ins.id}
      data-state={state}
      style={{
        transform: CSS.Translate.toString(transform),
        transition: reducedMotion ? undefined : transition,
      }}
      className={`relative flex items-start gap-1 rounded-md border bg-white dark:bg-slate-900 ${
        grabbed || isDragging
          ? 'z-10 border-sky-600 shadow-md ring-2 ring-sky-600 dark:border-sky-400 dark:ring-sky-400'
          : refused
            ? 'border-rose-500 dark:border-rose-400'
            : 'border-slate-200 dark:border-slate-700'
      }`}
    >
      <button
        type="button"
        ref={(element) => {
          setActivatorNodeRef(element)
          handleRef(element)
        }}
        {...listeners}
        onKeyDown={(event) => onHandleKeyDown(event, ins.id)}
        onBlur={() => onHandleBlur(ins.id)}
        aria-label={`Reorder ${ins.label}, ${positionText(ins.id)}${grabbed ? ', picked up' : ''}`}
        aria-describedby={describedBy}
        className="inline-flex h-11 w-11 shrink-0 cursor-grab touch-none items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 active:cursor-grabbing dark:text-slate-300 dark:hover:bg-slate-800"
      >
        <GripIcon />
      </button>
      <span className="w-5 shrink-0 py-2.5 text-right font-mono text-xs leading-5 text-slate-600 tabular-nums dark:text-slate-400">
        <span className="sr-only">Line </span>
        {lines.get(ins.line)}
      </span>
      <code className="min-w-0 flex-1 py-2.5 font-mono text-sm break-words whitespace-pre-wrap">
        {ins.text}
      </code>
      {refused ? <span className="sr-only">(refused)</span> : null}
      {/* Stacked on a phone so the instruction keeps enough width to read. */}
      <div className="flex shrink-0 flex-col sm:flex-row">
        <button
          type="button"
          ref={registerControl(`up:${ins.id}`)}
          aria-disabled={first}
          aria-label={`Move ${ins.label} up`}
          title="Move up"
          onClick={() => onMove(ins.id, -1, 'up')}
          className={ICON_BUTTON}
        >
          <ArrowIcon direction="up" />
        </button>
        <button
          type="button"
          ref={registerControl(`down:${ins.id}`)}
          aria-disabled={last}
          aria-label={`Move ${ins.label} down`}
          title="Move down"
          onClick={() => onMove(ins.id, 1, 'down')}
          className={ICON_BUTTON}
        >
          <ArrowIcon direction="down" />
        </button>
      </div>
    </li>
  )
}

function IgnoreSummary({ patterns }: { patterns: string[] | null }) {
  if (!patterns || patterns.length === 0) {
    return (
      <p className="text-sm text-slate-700 dark:text-slate-300">
        No .dockerignore: every file in the project folder goes into the build context.
      </p>
    )
  }
  return (
    <details className="text-sm">
      <summary className="flex min-h-11 cursor-pointer items-center">
        .dockerignore ({patterns.length} patterns)
      </summary>
      <pre className="mt-1 rounded-md bg-slate-100 p-2 font-mono text-sm dark:bg-slate-800">
        {patterns.join('\n')}
      </pre>
    </details>
  )
}

function BuildResults({
  sim,
  lines,
  firstBuild,
  multiStage,
}: {
  sim: SimulatorState
  firstBuild: boolean
  multiStage: boolean
  lines: ReadonlyMap<number, number>
}) {
  const result = sim.latest
  const relined = (text: string) => renumberLines(text, lines)
  if (!result) return null
  const entry = sim.history[sim.history.length - 1]
  return (
    <div data-testid="layer-cache-results">
      <h4 className="font-semibold">Build #{result.buildNumber} result</h4>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
        {relined(entry?.editSummary ?? '')}
      </p>
      <p data-testid="layer-cache-totals" className="mt-2 font-semibold tabular-nums">
        This build: {formatSeconds(result.totalSeconds)}
        {firstBuild ? (
          <span className="font-normal"> (a first build runs every layer, whatever the order)</span>
        ) : sim.latestBestSeconds !== null ? (
          <> · best possible order: {formatSeconds(sim.latestBestSeconds)}</>
        ) : null}
      </p>
      <p className="text-sm text-slate-700 dark:text-slate-300">{relined(result.summary)}</p>

      {sim.outcome ? (
        <div
          data-testid="layer-cache-outcome"
          className={`mt-3 flex gap-2 rounded-md border p-3 text-sm ${
            sim.outcome.passed
              ? 'border-emerald-400 bg-emerald-50 text-emerald-900 dark:border-emerald-700 dark:bg-emerald-950/40 dark:text-emerald-100'
              : 'border-amber-400 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100'
          }`}
        >
          {sim.outcome.passed ? <CheckIcon /> : <CrossIcon />}
          <p>
            <strong>{sim.outcome.passed ? 'Challenge solved.' : 'Challenge not met.'}</strong>{' '}
            {relined(sim.outcome.message)}
          </p>
        </div>
      ) : null}

      {result.warnings.length > 0 ? (
        <ul className="mt-3 space-y-1 text-sm">
          {result.warnings.map((warning) => (
            <li
              key={warning}
              className="rounded-md border border-amber-400 bg-amber-50 p-2 text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100"
            >
              <strong>Warning:</strong> {relined(warning)}
            </li>
          ))}
        </ul>
      ) : null}

      {result.stages.map((stage) => (
        <div key={stage.index} className="mt-3">
          {multiStage ? (
            <h5 className="text-sm font-semibold">
              Stage {stage.index + 1}: {stage.label} · {formatSeconds(stage.seconds)},{' '}
              {stage.rebuilt} rebuilt, {stage.reused} reused
            </h5>
          ) : null}
          <ol
            className="mt-1 space-y-1"
            aria-label={multiStage ? `Layers of stage ${stage.label}` : 'Layers'}
          >
            {result.instructions
              .filter((layer) => layer.stage === stage.index)
              .map((layer) => (
                <LayerRow key={layer.id} layer={layer} reason={relined(layer.reason)} />
              ))}
          </ol>
        </div>
      ))}

      {sim.history.length > 0 ? (
        <table
          className="mt-4 w-full text-left text-sm tabular-nums"
          data-testid="layer-cache-history"
        >
          <caption className="text-left font-semibold">Build history</caption>
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-700">
              <th scope="col" className="py-1 pr-2">
                Build
              </th>
              <th scope="col" className="py-1 pr-2">
                Change
              </th>
              <th scope="col" className="py-1 text-right">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {sim.history.map((item) => (
              <tr
                key={item.buildNumber}
                className="border-b border-slate-100 align-top dark:border-slate-800"
              >
                <td className="py-1 pr-2">#{item.buildNumber}</td>
                <td className="py-1 pr-2">
                  {item.buildNumber === 1 ? 'First build' : EDIT_NAMES[item.edit]}
                  {item.orderChanged ? ' (new order)' : ''}
                </td>
                <td className="py-1 text-right">{formatSeconds(item.totalSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  )
}

function LayerRow({ layer, reason }: { layer: LayerResult; reason: string }) {
  const reused = layer.status === 'reused'
  const rule = capitalise(stripLead(reason))
  return (
    <li
      data-testid="layer-cache-layer"
      data-status={layer.status}
      className="rounded-md border border-slate-200 px-2 py-1 dark:border-slate-700"
    >
      <div className="flex flex-wrap items-start gap-x-2 gap-y-1">
        <span
          className={`inline-flex shrink-0 items-center gap-1 rounded px-1.5 py-0.5 text-xs font-semibold ${
            reused
              ? 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200'
              : 'bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-200'
          }`}
        >
          {reused ? <CheckIcon /> : <RebuildIcon />}
          {reused ? 'Reused' : 'Rebuilt'}
        </span>
        {/* On a phone the instruction gets a line of its own under the mark and the seconds. */}
        <code className="order-last min-w-0 basis-full font-mono text-sm break-words sm:order-none sm:basis-0 sm:flex-1">
          {layer.label}
        </code>
        <span className="ml-auto shrink-0 text-sm tabular-nums sm:ml-0">
          {formatSeconds(layer.costSeconds)}
          {reused && layer.rebuildSeconds > 0 ? (
            <span className="text-slate-700 dark:text-slate-300">
              {' '}
              (saved {formatSeconds(layer.rebuildSeconds)})
            </span>
          ) : null}
        </span>
      </div>
      <details>
        <summary className="flex min-h-11 cursor-pointer items-center text-sm text-sky-800 dark:text-sky-300">
          Why?
          <span className="sr-only">
            {' '}
            {layer.label} was {layer.status}
          </span>
        </summary>
        <p className="pb-2 text-sm">{rule}</p>
      </details>
    </li>
  )
}

/** The engine's reasons lead with "<instruction> rebuilt:", which the row already shows. */
function stripLead(reason: string): string {
  for (const marker of [' rebuilt: ', ' reused: ']) {
    const at = reason.indexOf(marker)
    if (at >= 0) return reason.slice(at + marker.length)
  }
  return reason
}

function subscribeReducedMotion(onChange: () => void): () => void {
  const query = window.matchMedia('(prefers-reduced-motion: reduce)')
  query.addEventListener('change', onChange)
  return () => query.removeEventListener('change', onChange)
}

function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(
    subscribeReducedMotion,
    () => window.matchMedia('(prefers-reduced-motion: reduce)').matches,
    () => false,
  )
}

function GripIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5" fill="currentColor">
      <circle cx="7" cy="5" r="1.5" />
      <circle cx="13" cy="5" r="1.5" />
      <circle cx="7" cy="10" r="1.5" />
      <circle cx="13" cy="10" r="1.5" />
      <circle cx="7" cy="15" r="1.5" />
      <circle cx="13" cy="15" r="1.5" />
    </svg>
  )
}

function ArrowIcon({ direction }: { direction: 'up' | 'down' }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 20 20"
      className="h-5 w-5"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      {direction === 'up' ? <path d="M10 16V4m-5 5 5-5 5 5" /> : <path d="M10 4v12m-5-5 5 5 5-5" />}
    </svg>
  )
}

function CheckIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 20 20"
      className="h-4 w-4 shrink-0"
      fill="none"
      stroke="currentColor"
      strokeWidth="2.5"
    >
      <path d="m4 10 4 4 8-8" />
    </svg>
  )
}

function CrossIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 20 20"
      className="mt-0.5 h-4 w-4 shrink-0"
      fill="none"
      stroke="currentColor"
      strokeWidth="2.5"
    >
      <path d="m5 5 10 10M15 5 5 15" />
    </svg>
  )
}

function RebuildIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 20 20"
      className="h-4 w-4 shrink-0"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      <path d="M16 10a6 6 0 1 1-1.8-4.3M16 3v4h-4" />
    </svg>
  )
}
