import type { Metadata } from 'next'
import Link from 'next/link'
import { safeRedirectPath } from '@/lib/auth/safe-redirect'
import { SuccessNotice } from '@/components/forms/form-parts'
import { SignInForm } from './sign-in-form'

export const metadata: Metadata = { title: 'Sign in' }

// No redirect for someone already signed in: signing in sets a cookie, Next.js then re-renders this
// page inside the action's response, and a redirect there would swallow the form's success state,
// which is what tells the page (header, progress sync) that the account changed.
export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[]; ended?: string | string[] }>
}) {
  const { next: rawNext, ended } = await searchParams
  const next = safeRedirectPath(rawNext)
  const query = next === '/' ? '' : `?next=${encodeURIComponent(next)}`

  return (
    <main id="main" className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">Sign in</h1>
      <p className="mt-2 mb-8 text-slate-700 dark:text-slate-300">
        Your progress follows you to any browser you sign in on.
      </p>
      {ended === 'everywhere' && <SuccessNotice>You are signed out on every device.</SuccessNotice>}
      <SignInForm next={next} />
      <p className="mt-8 text-slate-700 dark:text-slate-300">
        New here?{' '}
        <Link href={`/sign-up${query}`} className="text-brand-700 underline dark:text-brand-300">
          Create an account
        </Link>
      </p>
    </main>
  )
}
