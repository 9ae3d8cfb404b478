import type { ReactNode } from 'react'

/** Drill text is authored as plain strings; `backticked` parts are commands or names and read better as code. */
export function withInlineCode(text: string): ReactNode[] {
  return text.split('`').map((part, index) =>
    index % 2 === 1 ? (
      <code
        key={index}
        className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.9em] dark:bg-slate-800"
      >
        {part}
      </code>
    ) : (
      part
    ),
  )
}
