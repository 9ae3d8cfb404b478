import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { safeRedirectPath } from '@/lib/auth/safe-redirect'
import { enabledSignInProviders, getServerEnv } from '@/lib/env'
import { RequestLinkForm } from './request-link-form'

export const metadata: Metadata = { title: 'Email me a sign-in link' }

export default async function SignInByEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>
}) {
  if (!enabledSignInProviders(getServerEnv()).email) notFound()
  const next = safeRedirectPath((await searchParams).next)
  const query = next === '/' ? '' : `?next=${encodeURIComponent(next)}`

  return (
    <main id="main" className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">Email me a sign-in link</h1>
      <p className="mt-2 mb-8 text-slate-700 dark:text-slate-300">
        We email you a link that signs you in once, within an hour. No password needed; if you
        have no account yet, the link makes one.
      </p>
      <RequestLinkForm next={next} />
      <p className="mt-8 text-slate-700 dark:text-slate-300">
        <Link href={`/sign-in${query}`} className="text-brand-700 underline dark:text-brand-300">
          Sign in with a password instead
        </Link>
      </p>
    </main>
  )
}
