'use client'

import Link from 'next/link'

/** Shown when a page fails to render; the details stay in the server log, keyed by the digest. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-20">
      <h1 className="text-3xl font-bold tracking-tight">Something went wrong on our side</h1>
      <p className="mt-4 text-slate-700 dark:text-slate-300">
        The page could not be shown. Anything you had already answered is saved in this browser and will be sent
        again. Try once more; if it keeps happening, tell whoever runs this site
        {error.digest ? (
          <>
            {' '}
            and quote the reference <code className="font-mono">{error.digest}</code>
          </>
        ) : null}
        .
      </p>
      <div className="mt-6 flex flex-wrap gap-3">
        <button
          type="button"
          onClick={reset}
          className="min-h-11 rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
        >
          Try again
        </button>
        <Link href="/" className="inline-flex min-h-11 items-center px-2 text-brand-700 underline dark:text-brand-300">
          Go to the course list
        </Link>
      </div>
    </main>
  )
}
