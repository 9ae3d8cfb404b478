import type { Metadata } from 'next'
import Link from 'next/link'
import { providerSignInProblem } from '@/lib/auth/messages'

export const metadata: Metadata = { title: 'Could not sign you in' }

/** Auth.js's error page, for a link that expired, a refused account, or a provider that failed. */
export default async function SignInProblemPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string | string[] }>
}) {
  const { error } = await searchParams
  const message = providerSignInProblem(typeof error === 'string' ? error : 'Default')

  return (
    <main id="main" className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">Could not sign you in</h1>
      <p
        role="alert"
        className="mt-6 rounded-lg border-2 border-red-700 bg-red-50 p-4 text-red-900 dark:border-red-400 dark:bg-red-950 dark:text-red-100"
      >
        {message}
      </p>
      <p className="mt-8 text-slate-700 dark:text-slate-300">
        <Link href="/sign-in" className="text-brand-700 underline dark:text-brand-300">
          Back to sign in
        </Link>
      </p>
    </main>
  )
}
