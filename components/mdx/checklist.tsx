import { useId, type ReactNode } from 'react'
import type { ComponentProps } from '@/lib/content/components'

/**
 * The static form of a checklist: the steps in order. The interactive version
 * (ticking steps off, saving progress under `id`) replaces this renderer.
 */
export function Checklist({ id, title, items }: ComponentProps<'Checklist'>) {
  const titleId = useId()
  return (
    <section
      aria-labelledby={titleId}
      data-item-id={id}
      className="not-prose my-6 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <p id={titleId} className="font-semibold text-slate-900 dark:text-slate-100">
        {title}
      </p>
      <ol className="mt-3 list-decimal space-y-1.5 pl-6 text-slate-800 marker:text-slate-500 dark:text-slate-200">
        {items.map((item, index) => (
          <li key={index}>{withInlineCode(item)}</li>
        ))}
      </ol>
    </section>
  )
}

/** Steps are plain strings, but commands in them read better as code: `docker ps` becomes <code>. */
function withInlineCode(text: string): ReactNode[] {
  return text.split('`').map((part, index) =>
    index % 2 === 1 ? (
      <code key={index} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.9em] dark:bg-slate-800">
        {part}
      </code>
    ) : (
      part
    ),
  )
}
