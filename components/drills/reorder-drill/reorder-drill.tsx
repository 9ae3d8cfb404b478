'use client'

import type { ComponentProps } from '@/lib/content/components'

/** Placeholder until the interactive drill lands: lists the steps without revealing their order. */
export function ReorderDrill({ id, title, steps }: ComponentProps<'ReorderDrill'>) {
  return (
    <section data-item-id={id} className="not-prose my-6 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <h3 className="font-semibold">{title}</h3>
      <p>{steps.length} steps</p>
    </section>
  )
}
