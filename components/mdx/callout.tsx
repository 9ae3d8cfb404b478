import { useId, type ReactNode } from 'react'
import type { CalloutKind, ComponentProps } from '@/lib/content/components'

const KINDS: Record<CalloutKind, { label: string; box: string; labelClass: string }> = {
  principle: {
    label: 'Theory principle',
    box: 'border-violet-500 bg-violet-50 dark:border-violet-400 dark:bg-violet-950/40',
    labelClass: 'text-violet-800 dark:text-violet-200',
  },
  beginner: {
    label: 'First time?',
    box: 'border-emerald-500 bg-emerald-50 dark:border-emerald-400 dark:bg-emerald-950/40',
    labelClass: 'text-emerald-800 dark:text-emerald-200',
  },
  production: {
    label: 'In production',
    box: 'border-amber-500 bg-amber-50 dark:border-amber-400 dark:bg-amber-950/40',
    labelClass: 'text-amber-900 dark:text-amber-200',
  },
  note: {
    label: 'Note',
    box: 'border-slate-400 bg-slate-50 dark:border-slate-500 dark:bg-slate-900',
    labelClass: 'text-slate-700 dark:text-slate-200',
  },
}

/**
 * A side note with a visible kind label. The label (and title) also name the
 * landmark, so a screen reader's landmark list reads "Theory principle: …".
 */
export function Callout({ kind, title, children }: ComponentProps<'Callout'> & { children?: ReactNode }) {
  const labelId = useId()
  const style = KINDS[kind]
  return (
    <aside aria-labelledby={labelId} className={`my-6 rounded-r-lg border-l-4 px-4 py-3 ${style.box}`}>
      <div id={labelId} className={`text-sm font-semibold ${style.labelClass}`}>
        <span className="text-xs tracking-wide uppercase">{style.label}</span>
        {title ? (
          <>
            <span className="sr-only">: </span>
            <span className="mt-0.5 block text-base text-slate-900 dark:text-slate-100">{title}</span>
          </>
        ) : null}
      </div>
      {/* Children are lesson markdown styled by the surrounding prose; trim its outer margins to the box. */}
      <div className="mt-2 [&>:first-child]:mt-0 [&>:last-child]:mb-0">{children}</div>
    </aside>
  )
}
