import Link from 'next/link'

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-20">
      <p className="text-sm font-semibold text-brand-700 dark:text-brand-300">404</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">This page is not here</h1>
      <p className="mt-4 text-slate-700 dark:text-slate-300">
        The address may be mistyped, or the lesson may have moved when its course was updated. Your progress is
        kept either way.
      </p>
      <ul className="mt-6 list-disc space-y-2 pl-5">
        <li>
          <Link href="/" className="text-brand-700 underline dark:text-brand-300">
            See all courses
          </Link>{' '}
          and pick up from the course page, which links to where you left off.
        </li>
      </ul>
    </main>
  )
}
