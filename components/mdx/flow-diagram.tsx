import type { ComponentProps } from '@/lib/content/components'

/**
 * A left-to-right flow of boxes (top to bottom on narrow screens). The steps
 * are an ordered list, so assistive technology reads them in order with a
 * count; the arrows only repeat that visually and are hidden from it.
 */
export function FlowDiagram({ title, steps }: ComponentProps<'FlowDiagram'>) {
  return (
    <figure className="not-prose my-8">
      <figcaption className="mb-3 text-sm font-semibold text-slate-700 dark:text-slate-300">{title}</figcaption>
      {/* role="list" because Safari drops list semantics from unstyled lists. */}
      <ol role="list" className="flex flex-col md:flex-row md:flex-wrap md:gap-y-3">
        {steps.map((step, index) => (
          <li key={index} className="flex flex-col items-center md:min-w-[7.5rem] md:flex-1 md:flex-row md:items-stretch">
            <div className="flex w-full flex-col justify-center rounded-lg border border-slate-300 bg-white px-3 py-2 text-center shadow-sm md:w-auto md:flex-1 dark:border-slate-700 dark:bg-slate-900">
              <span className="block text-sm font-medium text-slate-900 dark:text-slate-100">{step.label}</span>
              {step.detail ? (
                <span className="mt-1 block text-xs text-slate-600 dark:text-slate-400">{step.detail}</span>
              ) : null}
            </div>
            {index < steps.length - 1 ? (
              <span aria-hidden="true" className="shrink-0 px-1.5 py-1 text-lg leading-none text-slate-400 md:self-center dark:text-slate-500">
                <span className="md:hidden">↓</span>
                <span className="hidden md:inline">→</span>
              </span>
            ) : null}
          </li>
        ))}
      </ol>
    </figure>
  )
}
