import type { Metadata } from 'next'
import Link from 'next/link'

export const metadata: Metadata = { title: 'Check your email' }

/** Where Auth.js sends the browser once a sign-in link is on its way (its verify-request page). */
export default function CheckEmailPage() {
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">Check your email</h1>
      <div role="status" className="mt-4 space-y-3 text-slate-700 dark:text-slate-300">
        <p>If the address can sign in here, a sign-in link is on its way to it.</p>
        <p>
          Open the link in this browser to sign in; anything you did here before signing in comes
          with you. It works once, within an hour.
        </p>
      </div>
      <p className="mt-8 text-slate-700 dark:text-slate-300">
        Nothing arrived after a few minutes? Look in your spam folder, or{' '}
        <Link href="/sign-in/email" className="text-brand-700 underline dark:text-brand-300">
          ask for another link
        </Link>
        .
      </p>
    </main>
  )
}
