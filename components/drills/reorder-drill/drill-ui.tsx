import type { useSortable } from '@dnd-kit/sortable'
import type { KeyboardEvent, ReactNode } from 'react'

/** Shared looks for the drill islands, so the reorder drill and the command builder read as one family. */

export const panelClass =
  'not-prose my-6 rounded-lg border border-slate-200 bg-white p-4 text-slate-900 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100'

export const primaryButtonClass =
  'inline-flex min-h-11 items-center justify-center rounded-md bg-sky-700 px-4 text-sm font-semibold text-white hover:bg-sky-800 dark:bg-sky-300 dark:text-slate-950 dark:hover:bg-sky-200'

export const secondaryButtonClass =
  'inline-flex min-h-11 items-center justify-center rounded-md border border-slate-300 bg-white px-4 text-sm font-medium text-slate-800 hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800'

/** Square 44px buttons beside each step: Move up, Move down, Remove. */
export const stepButtonClass =
  'inline-flex min-h-11 min-w-11 shrink-0 items-center justify-center gap-1 rounded-md border border-slate-300 px-2 text-sm text-slate-700 hover:bg-slate-100 aria-disabled:cursor-not-allowed aria-disabled:opacity-60 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800'

export type MarkTone = 'right' | 'wrong' | 'warn'

const TONES: Record<MarkTone, { icon: string; className: string }> = {
  right: {
    icon: '✓',
    className:
      'border-emerald-600 bg-emerald-50 text-emerald-900 dark:border-emerald-400 dark:bg-emerald-950 dark:text-emerald-200',
  },
  wrong: {
    icon: '✗',
    className:
      'border-rose-600 bg-rose-50 text-rose-900 dark:border-rose-400 dark:bg-rose-950 dark:text-rose-200',
  },
  warn: {
    icon: '↕',
    className:
      'border-amber-600 bg-amber-50 text-amber-900 dark:border-amber-400 dark:bg-amber-950 dark:text-amber-200',
  },
}

/** A verdict as an icon and a word, so it never rests on colour alone. */
export function Mark({ tone, children }: { tone: MarkTone; children: ReactNode }) {
  const style = TONES[tone]
  return (
    <span
      className={`inline-flex shrink-0 items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-semibold ${style.className}`}
    >
      <span aria-hidden="true">{style.icon}</span>
      {children}
    </span>
  )
}

/** Six dots: the usual sign that something can be dragged. */
export function GripIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 10 16"
      width="10"
      height="16"
      className="shrink-0 fill-current opacity-60"
    >
      {[2, 8].map((x) => [2, 8, 14].map((y) => <circle key={`${x}-${y}`} cx={x} cy={y} r="1.5" />))}
    </svg>
  )
}

/** Repeating the same sentence in a live region is not read again; a trailing no-break space makes it new. */
export function freshAnnouncement(previous: string, next: string): string {
  return previous === next ? `${next}\u00a0` : next
}

/**
 * A sortable step's number and drag handle: one button that a pointer drags and the keyboard lifts (Space or Enter),
 * marked "Moving" while it is carried. The drill keeps the keys and the announcements.
 */
export function StepHandle({
  index,
  sortable,
  controlKey,
  registerControl,
  onKeyDown,
  onBlur,
  carried,
  className,
  children,
}: {
  index: number
  sortable: Pick<ReturnType<typeof useSortable>, 'attributes' | 'listeners' | 'setActivatorNodeRef'>
  /** The key the drill uses to give focus back to this handle after a move. */
  controlKey: string
  registerControl: (key: string, element: HTMLElement | null) => void
  onKeyDown: (event: KeyboardEvent) => void
  onBlur: (element: HTMLElement) => void
  carried: boolean
  className: string
  children: ReactNode
}) {
  return (
    <div className={className}>
      <span
        aria-hidden="true"
        className="w-6 shrink-0 text-right text-sm text-slate-500 tabular-nums dark:text-slate-400"
      >
        {index + 1}.
      </span>
      <button
        type="button"
        ref={(element) => {
          sortable.setActivatorNodeRef(element)
          registerControl(controlKey, element)
        }}
        {...sortable.attributes}
        {...sortable.listeners}
        aria-roledescription="movable step"
        onKeyDown={onKeyDown}
        onBlur={(event) => onBlur(event.currentTarget)}
        className="flex min-h-11 min-w-0 flex-1 cursor-grab touch-manipulation items-center gap-2 rounded-md px-2 text-left active:cursor-grabbing"
      >
        <GripIcon />
        {children}
        {carried ? (
          <span className="ml-auto shrink-0 rounded bg-sky-100 px-1.5 text-xs font-semibold text-sky-900 dark:bg-sky-900 dark:text-sky-100">
            Moving
          </span>
        ) : null}
      </button>
    </div>
  )
}
