'use client'

import { useRouter } from 'next/navigation'
import { useState, useTransition } from 'react'
import { announceSessionChange } from '@/lib/auth/session-events'
import { requestSignOutEverywhere } from '@/lib/auth/sign-out-client'

export function SignOutEverywhereButton({ count }: { count: number }) {
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const [failed, setFailed] = useState(false)

  function signOutAll() {
    if (pending) return
    setFailed(false)
    startTransition(async () => {
      try {
        await requestSignOutEverywhere()
      } catch {
        setFailed(true)
        return
      }
      announceSessionChange()
      router.replace('/sign-in?ended=everywhere')
    })
  }

  return (
    <>
      <button
        type="button"
        onClick={signOutAll}
        aria-disabled={pending || undefined}
        className="inline-flex h-11 items-center rounded-md border border-slate-400 px-4 font-medium hover:bg-slate-100 aria-disabled:opacity-70 dark:border-slate-600 dark:hover:bg-slate-800"
      >
        {pending
          ? 'Signing out…'
          : count > 1
            ? `Sign out everywhere (${count} sessions)`
            : 'Sign out everywhere'}
      </button>
      {failed && (
        <p role="alert" className="mt-2 text-red-700 dark:text-red-300">
          That did not work. Check your connection and try again.
        </p>
      )}
    </>
  )
}
