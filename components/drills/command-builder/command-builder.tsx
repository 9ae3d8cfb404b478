'use client'

import type { ComponentProps } from '@/lib/content/components'

/** Placeholder until the interactive builder lands. */
export function CommandBuilder({ id, scenario }: ComponentProps<'CommandBuilder'>) {
  return (
    <section data-item-id={id} className="not-prose my-6 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <p>{scenario}</p>
    </section>
  )
}
