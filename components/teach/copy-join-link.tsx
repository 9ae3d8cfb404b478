'use client'

import { useEffect, useState } from 'react'

/** The join link with this server's own address, and a button that copies it. */
export function CopyJoinLink({ path }: { path: string }) {
  const [url, setUrl] = useState(path)
  const [status, setStatus] = useState('')
  useEffect(() => setUrl(new URL(path, window.location.origin).toString()), [path])

  async function copy() {
    try {
      await navigator.clipboard.writeText(url)
      setStatus('Link copied.')
    } catch {
      setStatus('Copying is blocked here; select the link and copy it yourself.')
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-3">
      <code data-testid="join-link" className="rounded bg-slate-100 px-2 py-1 break-all dark:bg-slate-800">
        {url}
      </code>
      <button
        type="button"
        onClick={() => void copy()}
        className="inline-flex h-11 items-center rounded-md border border-slate-400 px-4 font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
      >
        Copy link
      </button>
      <span role="status" className="text-sm text-slate-700 dark:text-slate-300">
        {status}
      </span>
    </div>
  )
}
