'use client'

import { useId, useState, type ReactNode } from 'react'

/** Always open on wide screens; a toggle on narrow ones so the lesson text comes first on a phone. */
export function SidebarDisclosure({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false)
  const panelId = useId()
  return (
    <div>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        className="flex min-h-11 w-full items-center justify-between rounded-md border border-slate-300 px-3 text-sm font-medium lg:hidden dark:border-slate-700"
      >
        Course contents
        <span aria-hidden="true">{open ? '▴' : '▾'}</span>
      </button>
      <div id={panelId} className={`${open ? 'mt-3 block' : 'hidden'} lg:mt-0 lg:block`}>
        {children}
      </div>
    </div>
  )
}
