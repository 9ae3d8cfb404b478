'use client'

import type { ComponentProps } from '@/lib/content/components'

export function LayerCacheSimulator({ title }: ComponentProps<'LayerCacheSimulator'>) {
  return (
    <section className="not-prose my-6 rounded-lg border p-4">
      <h3 className="font-semibold">{title}</h3>
    </section>
  )
}
