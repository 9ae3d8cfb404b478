import Link from 'next/link'
import { AccountMenu } from './account-menu'
import { ThemeToggle } from './theme-toggle'

export function SiteHeader() {
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-950/90">
      <div className="mx-auto flex h-14 max-w-7xl items-center justify-between gap-2 px-4 sm:gap-4">
        <Link
          href="/"
          className="flex items-center gap-2 text-lg font-semibold tracking-tight text-slate-900 dark:text-white"
        >
          <span aria-hidden="true" className="grid h-7 w-7 place-items-center rounded bg-brand-600 text-sm text-white">
            D
          </span>
          {/* Phones keep the mark and give its room to the navigation. */}
          <span className="sr-only sm:not-sr-only">Drydock</span>
        </Link>
        <nav aria-label="Main" className="flex items-center gap-1 text-sm">
          <Link
            href="/"
            className="inline-flex h-11 items-center rounded-md px-2 text-slate-700 sm:px-3 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
          >
            Courses
          </Link>
          <Link
            href="/review"
            className="inline-flex h-11 items-center rounded-md px-2 text-slate-700 sm:px-3 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
          >
            Review
          </Link>
          <ThemeToggle />
          <AccountMenu />
        </nav>
      </div>
    </header>
  )
}
