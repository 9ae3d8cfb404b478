'use client'

import { useId } from 'react'
import { useItemProgress } from '@/components/progress/lesson-progress'
import type { ComponentProps } from '@/lib/content/components'
import { withInlineCode } from '@/components/drills/shared/inline-code'
import { tickedSteps, toggleStep } from './ticked-steps'

/**
 * A walkthrough the learner ticks off step by step. Every tick saves the whole
 * list of ticked steps, so the latest event alone restores the checklist.
 */
export function Checklist({ id, title, items }: ComponentProps<'Checklist'>) {
  const titleId = useId()
  const stepId = useId()
  const { state, record } = useItemProgress(id)
  const ticked = tickedSteps(state?.last['checklist.ticked'], items.length)
  const done = ticked.length
  const allDone = done === items.length

  function toggle(index: number) {
    const next = toggleStep(ticked, index)
    record('checklist.ticked', { ticked: next, completed: next.length === items.length })
  }

  return (
    <section
      aria-labelledby={titleId}
      data-item-id={id}
      className="not-prose my-6 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <p id={titleId} className="font-semibold text-slate-900 dark:text-slate-100">
          {title}
        </p>
        <p
          aria-live="polite"
          data-testid="checklist-counter"
          className={`text-sm ${allDone ? 'font-medium text-emerald-800 dark:text-emerald-300' : 'text-slate-600 dark:text-slate-400'}`}
        >
          {done} of {items.length} done
          {allDone ? <span aria-hidden="true"> ✓</span> : null}
        </p>
      </div>
      <ol className="mt-3 list-decimal space-y-1 pl-6 text-slate-800 marker:text-slate-500 dark:text-slate-200">
        {items.map((item, index) => {
          const checked = ticked.includes(index)
          return (
            <li key={index} className="pl-1">
              <label
                htmlFor={`${stepId}-${index}`}
                className="-ml-1 flex min-h-11 cursor-pointer items-start gap-3 rounded-md px-1 py-2 hover:bg-slate-50 dark:hover:bg-slate-800/60"
              >
                <input
                  id={`${stepId}-${index}`}
                  type="checkbox"
                  checked={checked}
                  onChange={() => toggle(index)}
                  className="mt-0.5 size-5 shrink-0 cursor-pointer accent-emerald-700 dark:accent-emerald-400"
                />
                <span className={checked ? 'text-slate-600 dark:text-slate-400' : ''}>
                  {withInlineCode(item)}
                </span>
              </label>
            </li>
          )
        })}
      </ol>
    </section>
  )
}
