'use client'

import { useRouter } from 'next/navigation'
import { useEffect } from 'react'
import type { FormState } from '@/lib/auth/form-state'
import { announceSessionChange } from '@/lib/auth/session-events'

/** After a successful sign-in or sign-up: tell the page, then go where the person was heading. */
export function useSignedInRedirect(state: FormState) {
  const router = useRouter()
  useEffect(() => {
    if (state.status !== 'success') return
    announceSessionChange()
    router.replace(state.redirectTo ?? '/')
  }, [state, router])
}
