'use client'

import {
  DndContext,
  DragOverlay,
  closestCenter,
  pointerWithin,
  useDraggable,
  useDroppable,
  type Announcements,
  type CollisionDetection,
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
  type ReactNode,
} from 'react'
import { useItemProgress } from '@/components/progress/lesson-progress'
import {
  useDragSensors,
  usePrefersReducedMotion,
} from '@/components/drills/reorder-drill/drag-support'
import {
  StepHandle,
  Mark,
  freshAnnouncement,
  panelClass,
  primaryButtonClass,
  secondaryButtonClass,
  stepButtonClass,
} from '@/components/drills/reorder-drill/drill-ui'
import {
  moveByOne,
  reorderByKey,
  type Grab,
} from '@/components/drills/reorder-drill/keyboard-reorder'
import type { ComponentProps } from '@/lib/content/components'
import { checkSequence, type StepVerdict } from '@/lib/drills/command-sequence'
import {
  announceCancelled,
  announceDropped,
  announceMoved,
  announcePickedUp,
  moveStep,
  shuffleSteps,
} from '@/lib/drills/reorder'
import {
  CHECKED_EVENT,
  restoreBuilderView,
  type BuilderView,
  type SequenceEntry,
} from './builder-view'
import { withInlineCode } from '@/components/drills/shared/inline-code'

const PALETTE_PREFIX = 'palette:'
const ENTRY_PREFIX = 'entry:'
const SEQUENCE_ZONE = 'sequence-zone'
const PALETTE_ZONE = 'palette-zone'

const KEYBOARD_INSTRUCTIONS =
  'To move a command in the sequence with the keyboard, press Space to pick it up, the arrow keys to move it, Space again to drop it, or Escape to put it back.'

const VERDICTS: Record<StepVerdict, { tone: 'right' | 'wrong' | 'warn'; text: string }> = {
  ok: { tone: 'right', text: 'Right' },
  misplaced: { tone: 'warn', text: 'Out of order' },
  distractor: { tone: 'wrong', text: 'Not needed' },
  duplicate: { tone: 'wrong', text: 'Repeated' },
}

type FocusTarget =
  | { entryKey: string; control: 'handle' | 'up' | 'down' | 'remove' }
  | { tileId: string }
  | 'first-tile'

/**
 * Sequence entries must win over the zone that holds them, and a palette tile
 * dropped outside the sequence must do nothing, so collisions are found under
 * the pointer first; an entry dragged past the list's edge still lands on the nearest entry.
 */
const detectCollisions: CollisionDetection = (args) => {
  const hits = pointerWithin(args)
  const entryHit = hits.find((hit) => String(hit.id).startsWith(ENTRY_PREFIX))
  if (entryHit) return [entryHit]
  if (hits.length > 0) return hits
  if (!String(args.active.id).startsWith(ENTRY_PREFIX)) return []
  return closestCenter({
    ...args,
    droppableContainers: args.droppableContainers.filter((container) =>
      String(container.id).startsWith(ENTRY_PREFIX),
    ),
  })
}

/**
 * Build a sequence of docker commands for a scenario from a shuffled palette
 * that includes distractors. Tiles are added by click, tap, Enter or drag, and
 * the sequence is reordered by drag, keyboard or buttons. A check marks each
 * step and explains what is missing or out of place; the last checked
 * sequence comes back after a reload.
 */
export function CommandBuilder(props: ComponentProps<'CommandBuilder'>) {
  const { id, scenario, palette } = props
  const { state, record, seed } = useItemProgress(id)
  const commandOf = useMemo(
    () => new Map(palette.map((tile) => [tile.id, tile.command])),
    [palette],
  )
  const commandOfTile = useCallback(
    (tileId: string) => commandOf.get(tileId) ?? 'Unknown command',
    [commandOf],
  )

  const restored = useMemo(() => restoreBuilderView(props, state), [props, state])
  const [local, setLocal] = useState<BuilderView | null>(null)
  const view = local ?? restored
  const { entries, result } = view
  const entryKeys = useMemo(() => entries.map((entry) => entry.key), [entries])
  const tileOfEntry = useMemo(
    () => new Map(entries.map((entry) => [entry.key, entry.tileId])),
    [entries],
  )
  const commandOfEntry = useCallback(
    (entryKey: string) => commandOfTile(tileOfEntry.get(entryKey) ?? ''),
    [commandOfTile, tileOfEntry],
  )

  const paletteOrder = useMemo(
    () =>
      seed
        ? shuffleSteps(
            palette.map((tile) => tile.id),
            seed,
            0,
          )
        : null,
    [palette, seed],
  )
  const attempts = state?.attempts ?? 0

  const [grab, setGrab] = useState<Grab | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const announce = useCallback(
    (text: string) => setAnnouncement((previous) => freshAnnouncement(previous, text)),
    [],
  )
  const [notice, setNotice] = useState('')
  const [dragging, setDragging] = useState<{ activeId: string; overId: string | null } | null>(null)

  const nextKey = useRef(0)
  const newEntry = (tileId: string): SequenceEntry => ({
    key: `added-${nextKey.current++}`,
    tileId,
  })

  const headingId = useId()
  const paletteHeadingId = useId()
  const sequenceHeadingId = useId()
  const dndId = useId()
  const controls = useRef(new Map<string, HTMLElement>())
  const pendingFocus = useRef<FocusTarget | null>(null)
  const registerControl = useCallback((key: string, element: HTMLElement | null) => {
    if (element) controls.current.set(key, element)
    else controls.current.delete(key)
  }, [])

  // Moving a focused entry in the DOM can drop focus, and removed entries take it with them; put it somewhere useful.
  useLayoutEffect(() => {
    const target = pendingFocus.current
    if (!target) return
    pendingFocus.current = null
    let element: HTMLElement | undefined
    if (target === 'first-tile')
      element = paletteOrder ? controls.current.get(`tile:${paletteOrder[0]}`) : undefined
    else if ('tileId' in target) element = controls.current.get(`tile:${target.tileId}`)
    else element = controls.current.get(`${target.entryKey}:${target.control}`)
    if (element && document.activeElement !== element) element.focus()
  })

  const update = (next: SequenceEntry[]) => {
    setNotice('')
    setLocal({ entries: next, result: null })
  }
  const reorderTo = (keys: string[]) => {
    if (keys.every((key, index) => key === entryKeys[index])) return
    const byKey = new Map(entries.map((entry) => [entry.key, entry]))
    update(keys.map((key) => byKey.get(key)!))
  }

  const addTile = (tileId: string, at = entries.length) => {
    const next = [...entries]
    next.splice(at, 0, newEntry(tileId))
    update(next)
    setGrab(null)
    announce(`Added ${commandOfTile(tileId)} at position ${at + 1} of ${next.length}.`)
  }

  const removeEntry = (entryKey: string) => {
    const index = entryKeys.indexOf(entryKey)
    if (index === -1) return
    const next = entries.filter((entry) => entry.key !== entryKey)
    update(next)
    setGrab(null)
    const neighbour = next[index] ?? next[index - 1]
    pendingFocus.current = neighbour ? { entryKey: neighbour.key, control: 'remove' } : 'first-tile'
    announce(
      `Removed ${commandOfEntry(entryKey)}. ${next.length === 1 ? '1 command' : `${next.length} commands`} in the sequence.`,
    )
  }

  const onHandleKeyDown = (event: KeyboardEvent, entryKey: string) => {
    const outcome = reorderByKey({
      key: event.key,
      order: entryKeys,
      stepKey: entryKey,
      grab,
      labelOf: commandOfEntry,
    })
    if (!outcome) return
    event.preventDefault()
    setGrab(outcome.grab)
    reorderTo(outcome.order)
    announce(outcome.announcement)
    pendingFocus.current = { entryKey, control: 'handle' }
  }

  const onHandleBlur = (entryKey: string, element: HTMLElement) => {
    // Focus can blink out while the entry moves in the DOM; only a real departure drops it.
    window.setTimeout(() => {
      if (document.activeElement === element) return
      setGrab((current) => (current?.key === entryKey ? null : current))
    }, 0)
  }

  const onMoveButton = (entryKey: string, direction: -1 | 1) => {
    const outcome = moveByOne(entryKeys, entryKey, direction, commandOfEntry)
    setGrab(null)
    reorderTo(outcome.order)
    announce(outcome.announcement)
    pendingFocus.current = { entryKey, control: direction === -1 ? 'up' : 'down' }
  }

  const check = () => {
    setGrab(null)
    if (entries.length === 0) {
      setNotice('Add at least one command to the sequence first.')
      return
    }
    if (result) {
      // The same sequence would get the same verdicts and only inflate the attempt count.
      setNotice('Nothing has changed since the last check.')
      return
    }
    const sequence = entries.map((entry) => entry.tileId)
    const outcome = checkSequence(props, sequence)
    record(CHECKED_EVENT, {
      sequence,
      correct: outcome.correct,
      ...(outcome.correct ? { completed: true } : {}),
    })
    setNotice('')
    setLocal({ entries, result: outcome })
  }

  const clear = () => {
    setGrab(null)
    update([])
    announce('Sequence cleared.')
  }

  // Dragging ----------------------------------------------------------------

  const dragLabel = (dragId: UniqueIdentifier) => {
    const text = String(dragId)
    return text.startsWith(PALETTE_PREFIX)
      ? commandOfTile(text.slice(PALETTE_PREFIX.length))
      : commandOfEntry(text.slice(ENTRY_PREFIX.length))
  }
  const entryIndex = (dragId: UniqueIdentifier | undefined) =>
    dragId === undefined ? -1 : entryKeys.indexOf(String(dragId).slice(ENTRY_PREFIX.length))
  /** Where a palette tile dropped on `overId` would land, or -1 outside the sequence. */
  const insertionIndex = (overId: UniqueIdentifier | undefined) => {
    if (overId === SEQUENCE_ZONE) return entries.length
    return String(overId).startsWith(ENTRY_PREFIX) ? entryIndex(overId) : -1
  }

  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      String(active.id).startsWith(PALETTE_PREFIX)
        ? `Picked up ${dragLabel(active.id)}. Drop it on the sequence to add it.`
        : announcePickedUp(dragLabel(active.id), entryIndex(active.id), entries.length),
    onDragOver: ({ active, over }) => {
      if (!over) return undefined
      if (String(active.id).startsWith(PALETTE_PREFIX)) {
        const at = insertionIndex(over.id)
        return at === -1
          ? undefined
          : `${dragLabel(active.id)} would go to position ${at + 1} of ${entries.length + 1}.`
      }
      if (over.id === PALETTE_ZONE)
        return `Drop ${dragLabel(active.id)} here to remove it from the sequence.`
      const to = entryIndex(over.id)
      return to === -1
        ? undefined
        : announceMoved(dragLabel(active.id), entryIndex(active.id), to, entries.length)
    },
    onDragEnd: ({ active, over }) => {
      if (String(active.id).startsWith(PALETTE_PREFIX)) {
        const at = insertionIndex(over?.id)
        return at === -1
          ? `${dragLabel(active.id)} was not added.`
          : `Added ${dragLabel(active.id)} at position ${at + 1} of ${entries.length + 1}.`
      }
      if (over?.id === PALETTE_ZONE) return `Removed ${dragLabel(active.id)} from the sequence.`
      const to = entryIndex(over?.id)
      return to === -1
        ? announceCancelled(dragLabel(active.id), entryIndex(active.id), entries.length)
        : announceDropped(dragLabel(active.id), to, entries.length)
    },
    onDragCancel: ({ active }) =>
      String(active.id).startsWith(PALETTE_PREFIX)
        ? `${dragLabel(active.id)} was not added.`
        : announceCancelled(dragLabel(active.id), entryIndex(active.id), entries.length),
  }

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(null)
    if (!over) return
    const activeId = String(active.id)
    if (activeId.startsWith(PALETTE_PREFIX)) {
      const at = insertionIndex(over.id)
      if (at !== -1) {
        const tileId = activeId.slice(PALETTE_PREFIX.length)
        const next = [...entries]
        next.splice(at, 0, newEntry(tileId))
        update(next)
      }
      return
    }
    const entryKey = activeId.slice(ENTRY_PREFIX.length)
    if (over.id === PALETTE_ZONE) {
      update(entries.filter((entry) => entry.key !== entryKey))
      return
    }
    const from = entryIndex(active.id)
    const to = entryIndex(over.id)
    if (from !== -1 && to !== -1 && from !== to) reorderTo(moveStep(entryKeys, from, to))
  }

  const reducedMotion = usePrefersReducedMotion()
  const sensors = useDragSensors()
  const activeTileId = dragging?.activeId.startsWith(PALETTE_PREFIX)
    ? dragging.activeId.slice(PALETTE_PREFIX.length)
    : null
  const dropMarker = activeTileId ? insertionIndex(dragging?.overId ?? undefined) : -1
  const placed = new Set(entries.map((entry) => entry.tileId))
  const okCount = result?.steps.filter((step) => step.verdict === 'ok').length ?? 0
  const attemptLabel = result ? `Attempt ${attempts}` : seed ? `Attempt ${attempts + 1}` : undefined

  return (
    // A group, not a region: lessons hold several builders under the same heading, and landmarks need unique names.
    <div role="group" aria-labelledby={headingId} data-item-id={id} className={panelClass}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h3 id={headingId} className="text-base font-semibold">
          Build the command sequence
        </h3>
        {attemptLabel ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">{attemptLabel}</p>
        ) : null}
      </div>
      <p className="mt-1 text-slate-800 dark:text-slate-200">{withInlineCode(scenario)}</p>

      {paletteOrder === null ? (
        <div aria-busy="true" className="mt-3">
          <p className="sr-only">Loading the commands…</p>
          <ul aria-hidden="true" className="space-y-2">
            {palette.map((tile) => (
              <li
                key={tile.id}
                className="h-11 animate-pulse rounded-md bg-slate-100 motion-reduce:animate-none dark:bg-slate-800"
              />
            ))}
          </ul>
        </div>
      ) : (
        <>
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
            Click a command to add it to the end of your sequence, or drag it to a place in the
            sequence. {KEYBOARD_INSTRUCTIONS}
          </p>
          <DndContext
            id={dndId}
            sensors={sensors}
            collisionDetection={detectCollisions}
            onDragStart={({ active }) => {
              setGrab(null)
              setDragging({ activeId: String(active.id), overId: null })
            }}
            onDragOver={({ active, over }) =>
              setDragging({ activeId: String(active.id), overId: over ? String(over.id) : null })
            }
            onDragEnd={onDragEnd}
            onDragCancel={() => setDragging(null)}
            accessibility={{
              announcements,
              screenReaderInstructions: { draggable: KEYBOARD_INSTRUCTIONS },
            }}
          >
            <div className="mt-3 grid gap-4 md:grid-cols-2">
              <DropZone id={PALETTE_ZONE} highlight={false}>
                <h4 id={paletteHeadingId} className="text-sm font-semibold">
                  Commands
                </h4>
                <ul aria-labelledby={paletteHeadingId} className="mt-2 space-y-2">
                  {paletteOrder.map((tileId) => {
                    const tile = palette.find((candidate) => candidate.id === tileId)!
                    return (
                      <PaletteTile
                        key={tile.id}
                        tileId={tile.id}
                        command={tile.command}
                        note={tile.note}
                        placed={placed.has(tile.id)}
                        registerControl={registerControl}
                        onAdd={() => {
                          addTile(tile.id)
                          pendingFocus.current = { tileId: tile.id }
                        }}
                      />
                    )
                  })}
                </ul>
              </DropZone>

              <DropZone id={SEQUENCE_ZONE} highlight={activeTileId !== null}>
                <h4 id={sequenceHeadingId} className="text-sm font-semibold">
                  Your sequence
                </h4>
                {entries.length === 0 ? (
                  <p className="mt-2 rounded-md border-2 border-dashed border-slate-300 p-4 text-center text-sm text-slate-600 dark:border-slate-600 dark:text-slate-300">
                    Empty. Click or drag commands here.
                  </p>
                ) : (
                  <SortableContext
                    items={entryKeys.map((key) => `${ENTRY_PREFIX}${key}`)}
                    strategy={verticalListSortingStrategy}
                  >
                    <ol aria-labelledby={sequenceHeadingId} className="mt-2 space-y-2">
                      {entries.map((entry, index) => (
                        <SequenceItem
                          key={entry.key}
                          entryKey={entry.key}
                          command={commandOfTile(entry.tileId)}
                          index={index}
                          total={entries.length}
                          verdict={result?.steps[index]?.verdict}
                          carried={grab?.key === entry.key}
                          dropBefore={dropMarker === index}
                          reducedMotion={reducedMotion}
                          registerControl={registerControl}
                          onKeyDown={onHandleKeyDown}
                          onBlur={onHandleBlur}
                          onMove={onMoveButton}
                          onRemove={removeEntry}
                        />
                      ))}
                    </ol>
                  </SortableContext>
                )}
                {dropMarker === entries.length && entries.length > 0 ? (
                  <div aria-hidden="true" className="mt-2 h-1 rounded bg-sky-600 dark:bg-sky-300" />
                ) : null}
              </DropZone>
            </div>
            <DragOverlay dropAnimation={reducedMotion ? null : undefined}>
              {activeTileId ? (
                <div className="rounded-md border border-sky-600 bg-white px-3 py-2 font-mono text-sm shadow-lg dark:border-sky-300 dark:bg-slate-900">
                  {commandOfTile(activeTileId)}
                </div>
              ) : null}
            </DragOverlay>
          </DndContext>

          <div role="status" aria-live="polite" className="mt-3 text-sm empty:hidden">
            {notice ? <p>{notice}</p> : null}
            {result?.correct ? (
              <p className="font-semibold text-emerald-800 dark:text-emerald-300">
                <span aria-hidden="true">✓ </span>
                Correct: this sequence does the job.
              </p>
            ) : result ? (
              <>
                <p className="font-semibold">
                  Not yet: {okCount} of {result.steps.length}{' '}
                  {result.steps.length === 1 ? 'step is' : 'steps are'} right
                  {result.missing.length > 0
                    ? `, and ${result.missing.length === 1 ? '1 command is' : `${result.missing.length} commands are`} missing`
                    : ''}
                  .
                </p>
                {result.messages.length > 0 ? (
                  <ul className="mt-1 list-disc space-y-1 pl-5">
                    {result.messages.map((message) => (
                      <li key={message}>{message}</li>
                    ))}
                  </ul>
                ) : null}
              </>
            ) : null}
          </div>

          <div className="mt-3 flex flex-wrap gap-2">
            <button type="button" className={primaryButtonClass} onClick={check}>
              Check
            </button>
            <button type="button" className={secondaryButtonClass} onClick={clear}>
              Clear
            </button>
          </div>
        </>
      )}

      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  )
}

function DropZone({
  id,
  highlight,
  children,
}: {
  id: string
  highlight: boolean
  children: ReactNode
}) {
  const { setNodeRef, isOver } = useDroppable({ id })
  return (
    <div
      ref={setNodeRef}
      className={`rounded-md p-2 ${
        highlight && isOver ? 'bg-sky-50 ring-2 ring-sky-600 dark:bg-sky-950 dark:ring-sky-300' : ''
      }`}
    >
      {children}
    </div>
  )
}

function PaletteTile({
  tileId,
  command,
  note,
  placed,
  registerControl,
  onAdd,
}: {
  tileId: string
  command: string
  note: string | undefined
  placed: boolean
  registerControl: (key: string, element: HTMLElement | null) => void
  onAdd: () => void
}) {
  const { setNodeRef, listeners, isDragging } = useDraggable({ id: `${PALETTE_PREFIX}${tileId}` })
  const noteId = useId()
  const placedId = useId()
  // The name stays "Add <command>" so voice control and tests can target it; note and state are descriptions.
  const describedBy =
    [note ? noteId : '', placed ? placedId : ''].filter(Boolean).join(' ') || undefined
  return (
    <li>
      <button
        type="button"
        ref={(element) => {
          setNodeRef(element)
          registerControl(`tile:${tileId}`, element)
        }}
        {...listeners}
        aria-label={`Add ${command}`}
        aria-describedby={describedBy}
        onClick={onAdd}
        className={`flex min-h-11 w-full cursor-grab touch-manipulation flex-col items-start rounded-md border px-3 py-2 text-left hover:bg-slate-50 dark:hover:bg-slate-800 ${
          isDragging
            ? 'border-sky-600 opacity-60 dark:border-sky-300'
            : 'border-slate-300 dark:border-slate-600'
        }`}
      >
        <span className="flex w-full items-start gap-2">
          <span aria-hidden="true" className="font-semibold text-sky-700 dark:text-sky-300">
            +
          </span>
          <code className="min-w-0 flex-1 font-mono text-sm break-words">{command}</code>
          {placed ? (
            <span id={placedId} className="shrink-0 text-xs text-slate-600 dark:text-slate-300">
              <span aria-hidden="true">✓ </span>in sequence
            </span>
          ) : null}
        </span>
        {note ? (
          <span id={noteId} className="mt-0.5 text-xs text-slate-600 dark:text-slate-300">
            {note}
          </span>
        ) : null}
      </button>
    </li>
  )
}

function SequenceItem({
  entryKey,
  command,
  index,
  total,
  verdict,
  carried,
  dropBefore,
  reducedMotion,
  registerControl,
  onKeyDown,
  onBlur,
  onMove,
  onRemove,
}: {
  entryKey: string
  command: string
  index: number
  total: number
  verdict: StepVerdict | undefined
  carried: boolean
  dropBefore: boolean
  reducedMotion: boolean
  registerControl: (key: string, element: HTMLElement | null) => void
  onKeyDown: (event: KeyboardEvent, entryKey: string) => void
  onBlur: (entryKey: string, element: HTMLElement) => void
  onMove: (entryKey: string, direction: -1 | 1) => void
  onRemove: (entryKey: string) => void
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
    id: `${ENTRY_PREFIX}${entryKey}`,
    transition: reducedMotion ? null : undefined,
  })
  const lifted = carried || isDragging
  const shown = verdict ? VERDICTS[verdict] : undefined
  return (
    <li
      ref={setNodeRef}
      style={{
        transform: CSS.Translate.toString(transform),
        transition: reducedMotion ? undefined : transition,
      }}
      className={`rounded-md border bg-white p-1.5 dark:bg-slate-900 ${
        lifted
          ? 'relative z-10 border-sky-600 shadow-md dark:border-sky-300'
          : 'border-slate-200 dark:border-slate-700'
      } ${dropBefore ? 'border-t-4 border-t-sky-600 dark:border-t-sky-300' : ''}`}
    >
      <StepHandle
        index={index}
        sortable={{ attributes, listeners, setActivatorNodeRef }}
        controlKey={`${entryKey}:handle`}
        registerControl={registerControl}
        onKeyDown={(event) => onKeyDown(event, entryKey)}
        onBlur={(element) => onBlur(entryKey, element)}
        carried={carried}
        className="flex items-center gap-2"
      >
        <code className="min-w-0 font-mono text-sm break-words">{command}</code>
      </StepHandle>
      <div className="mt-1 flex flex-wrap items-center justify-end gap-1.5">
        {shown ? <Mark tone={shown.tone}>{shown.text}</Mark> : null}
        <button
          type="button"
          ref={(element) => registerControl(`${entryKey}:up`, element)}
          aria-label={`Move ${command} up`}
          aria-disabled={index === 0 || undefined}
          className={stepButtonClass}
          onClick={() => onMove(entryKey, -1)}
        >
          <span aria-hidden="true">↑</span>
          <span className="hidden sm:inline">Up</span>
        </button>
        <button
          type="button"
          ref={(element) => registerControl(`${entryKey}:down`, element)}
          aria-label={`Move ${command} down`}
          aria-disabled={index === total - 1 || undefined}
          className={stepButtonClass}
          onClick={() => onMove(entryKey, 1)}
        >
          <span aria-hidden="true">↓</span>
          <span className="hidden sm:inline">Down</span>
        </button>
        <button
          type="button"
          ref={(element) => registerControl(`${entryKey}:remove`, element)}
          aria-label={`Remove ${command}`}
          className={stepButtonClass}
          onClick={() => onRemove(entryKey)}
        >
          <span aria-hidden="true">✕</span>
          <span className="hidden sm:inline">Remove</span>
        </button>
      </div>
    </li>
  )
}
