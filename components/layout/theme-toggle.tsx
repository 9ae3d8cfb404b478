'use client'

import { useEffect, useState } from 'react'
import { THEME_STORAGE_KEY } from './theme-script'

type Theme = 'system' | 'light' | 'dark'

const next: Record<Theme, Theme> = { system: 'light', light: 'dark', dark: 'system' }
const label: Record<Theme, string> = { system: 'System theme', light: 'Light theme', dark: 'Dark theme' }

function apply(theme: Theme) {
  const dark =
    theme === 'dark' || (theme === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches)
  document.documentElement.classList.toggle('dark', dark)
}

function readStoredTheme(): Theme {
  try {
    const stored = localStorage.getItem(THEME_STORAGE_KEY)
    return stored === 'light' || stored === 'dark' ? stored : 'system'
  } catch {
    return 'system'
  }
}

export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme | null>(null)

  useEffect(() => {
    setTheme(readStoredTheme())
  }, [])

  useEffect(() => {
    if (theme !== 'system') return
    const media = window.matchMedia('(prefers-color-scheme: dark)')
    const follow = () => apply('system')
    media.addEventListener('change', follow)
    return () => media.removeEventListener('change', follow)
  }, [theme])

  function cycle() {
    const chosen = next[theme ?? 'system']
    try {
      if (chosen === 'system') localStorage.removeItem(THEME_STORAGE_KEY)
      else localStorage.setItem(THEME_STORAGE_KEY, chosen)
    } catch {
      // Private browsing can refuse storage; the theme still applies for this page.
    }
    apply(chosen)
    setTheme(chosen)
  }

  const current = theme ?? 'system'
  return (
    <button
      type="button"
      onClick={cycle}
      className="inline-flex h-11 min-w-11 items-center justify-center gap-2 rounded-md px-2 text-sm text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
      aria-label={`${label[current]}. Switch to ${label[next[current]].toLowerCase()}`}
      title={`${label[current]} (click to change)`}
    >
      <span aria-hidden="true" className="text-lg leading-none">
        {current === 'dark' ? '☾' : current === 'light' ? '☀' : '◐'}
      </span>
      <span className="hidden sm:inline">{label[current].replace(' theme', '')}</span>
    </button>
  )
}
