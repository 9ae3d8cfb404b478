'use client'

import Link from 'next/link'
import { usePathname, useRouter } from 'next/navigation'
import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { signInPath } from '@/lib/auth/safe-redirect'
import { announceSessionChange, SESSION_CHANGE_EVENT } from '@/lib/auth/session-events'
import { requestSignOut } from '@/lib/auth/sign-out-client'

/**
 * The header's account area. Pages are static HTML shared by everyone, so
 * who is signed in is asked from the browser (GET /api/session) rather than
 * rendered into them.
 */

interface SessionView {
  email: string
  name: string | null
  role: 'STUDENT' | 'INSTRUCTOR' | 'ADMIN'
}

const itemClass =
  'flex h-11 w-full items-center rounded px-3 text-left text-slate-800 hover:bg-slate-100 dark:text-slate-100 dark:hover:bg-slate-800'

/** The first letter or digit of the name, else of the email. */
function initialOf(user: SessionView): string {
  const source = user.name?.trim() || user.email
  return source.match(/[\p{L}\p{N}]/u)?.[0] ?? '?'
}

export function AccountMenu() {
  // undefined until the first answer, so a signed-in reader never sees "Sign in" flash.
  const [user, setUser] = useState<SessionView | null | undefined>(undefined)
  const [open, setOpen] = useState(false)
  const [signingOut, setSigningOut] = useState(false)
  const [signOutFailed, setSignOutFailed] = useState(false)
  const pathname = usePathname()
  const router = useRouter()
  const menuId = useId()
  const container = useRef<HTMLDivElement>(null)
  const toggle = useRef<HTMLButtonElement>(null)

  const load = useCallback(async () => {
    try {
      const response = await fetch('/api/session', {
        cache: 'no-store',
        credentials: 'same-origin',
      })
      if (!response.ok) throw new Error(`session check answered ${response.status}`)
      const body = (await response.json()) as { user: SessionView | null }
      setUser(body.user)
    } catch {
      // Offline or a server hiccup: keep what we knew, and offer sign-in if we knew nothing.
      setUser((known) => known ?? null)
    }
  }, [])

  useEffect(() => {
    void load()
    const onSessionChange = () => void load()
    // Another tab may have signed in or out while this one was in the background.
    const onVisible = () => {
      if (document.visibilityState === 'visible') void load()
    }
    window.addEventListener(SESSION_CHANGE_EVENT, onSessionChange)
    document.addEventListener('visibilitychange', onVisible)
    return () => {
      window.removeEventListener(SESSION_CHANGE_EVENT, onSessionChange)
      document.removeEventListener('visibilitychange', onVisible)
    }
  }, [load])

  useEffect(() => setOpen(false), [pathname])

  useEffect(() => {
    if (!open) return
    const onPointer = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false)
    }
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      setOpen(false)
      toggle.current?.focus()
    }
    document.addEventListener('pointerdown', onPointer)
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('pointerdown', onPointer)
      document.removeEventListener('keydown', onKey)
    }
  }, [open])

  async function handleSignOut() {
    if (signingOut) return
    setSigningOut(true)
    setSignOutFailed(false)
    try {
      await requestSignOut()
      setUser(null)
      setOpen(false)
      announceSessionChange()
      if (pathname === '/account' || pathname.startsWith('/account/')) router.replace('/')
      else router.refresh()
    } catch {
      setSignOutFailed(true)
    } finally {
      setSigningOut(false)
    }
  }

  if (user === undefined) return <span aria-hidden="true" className="inline-block h-11 w-20" />

  if (user === null) {
    return (
      <Link
        href={signInPath(pathname)}
        className="inline-flex h-11 items-center rounded-md px-3 font-medium text-brand-700 hover:bg-slate-100 dark:text-brand-300 dark:hover:bg-slate-800"
      >
        Sign in
      </Link>
    )
  }

  return (
    <div ref={container} className="relative">
      <button
        ref={toggle}
        type="button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((isOpen) => !isOpen)}
        className="inline-flex h-11 items-center gap-1 rounded-md px-2 text-slate-700 hover:bg-slate-100 sm:max-w-[16rem] sm:px-3 dark:text-slate-200 dark:hover:bg-slate-800"
      >
        <span className="sr-only">Signed in as {user.email}</span>
        {/* A phone's header has no room for an address: it shows an initial, and the menu names the account. */}
        <span
          aria-hidden="true"
          className="grid h-8 w-8 place-items-center rounded-full bg-brand-600 text-sm font-semibold text-white uppercase sm:hidden"
        >
          {initialOf(user)}
        </span>
        <span aria-hidden="true" className="hidden truncate sm:block" data-testid="account-menu-email">
          {user.email}
        </span>
        <span aria-hidden="true" className="text-xs">
          ▾
        </span>
      </button>
      <ul
        id={menuId}
        hidden={!open}
        className="absolute right-0 mt-1 w-64 max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
      >
        <li className="truncate px-3 py-2 text-sm text-slate-600 sm:hidden dark:text-slate-300">{user.email}</li>
        <li>
          <Link href="/dashboard" className={itemClass} onClick={() => setOpen(false)}>
            My learning
          </Link>
        </li>
        <li>
          <Link href="/review/stats" className={itemClass} onClick={() => setOpen(false)}>
            Review statistics
          </Link>
        </li>
        <li>
          <Link href="/rehearse" className={itemClass} onClick={() => setOpen(false)}>
            Mock interview
          </Link>
        </li>
        {(user.role === 'INSTRUCTOR' || user.role === 'ADMIN') && (
          <li>
            <Link href="/teach" className={itemClass} onClick={() => setOpen(false)}>
              Cohorts I teach
            </Link>
          </li>
        )}
        {user.role === 'ADMIN' && (
          <li>
            <Link href="/admin" className={itemClass} onClick={() => setOpen(false)}>
              Users and roles
            </Link>
          </li>
        )}
        <li>
          <Link href="/account" className={itemClass} onClick={() => setOpen(false)}>
            Account
          </Link>
        </li>
        <li>
          <button
            type="button"
            className={itemClass}
            onClick={() => void handleSignOut()}
            aria-disabled={signingOut || undefined}
          >
            {signingOut ? 'Signing out…' : 'Sign out'}
          </button>
        </li>
        {signOutFailed && (
          <li role="alert" className="px-3 py-2 text-sm text-red-700 dark:text-red-300">
            Could not sign out. Check your connection and try again.
          </li>
        )}
      </ul>
    </div>
  )
}
