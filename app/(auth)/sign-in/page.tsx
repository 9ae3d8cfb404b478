import type { Metadata } from 'next'
import Link from 'next/link'
import { providerSignInProblem } from '@/lib/auth/messages'
import { safeRedirectPath } from '@/lib/auth/safe-redirect'
import { enabledSignInProviders, getServerEnv } from '@/lib/env'
import { SuccessNotice } from '@/components/forms/form-parts'
import { OtherSignInMethods } from '../_components/other-sign-in-methods'
import { SignInForm } from './sign-in-form'

export const metadata: Metadata = { title: 'Sign in' }

// No redirect for someone already signed in: signing in sets a cookie, Next.js then re-renders this
// page inside the action's response, and a redirect there would swallow the form's success state,
// which is what tells the page (header, progress sync) that the account changed.
export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[]; ended?: string | string[]; error?: string | string[] }>
}) {
  const { next: rawNext, ended, error } = await searchParams
  // Auth.js comes back here with ?error= when a provider sign-in fails.
  const problem = providerSignInProblem(typeof error === 'string' ? error : undefined)
  const next = safeRedirectPath(rawNext)
  const query = next === '/' ? '' : `?next=${encodeURIComponent(next)}`

  return (
    <main id="main" className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">Sign in</h1>
      <p className="mt-2 mb-8 text-slate-700 dark:text-slate-300">
        Your progress follows you to any browser you sign in on.
      </p>
      {ended === 'everywhere' && <SuccessNotice>You are signed out on every device.</SuccessNotice>}
      {problem && (
        <p
          role="alert"
          className="mb-6 rounded-lg border-2 border-red-700 bg-red-50 p-4 text-red-900 dark:border-red-400 dark:bg-red-950 dark:text-red-100"
        >
          {problem}
        </p>
      )}
      <SignInForm next={next} />
      <OtherSignInMethods providers={enabledSignInProviders(getServerEnv())} next={next} />
      <p className="mt-8 text-slate-700 dark:text-slate-300">
        New here?{' '}
        <Link href={`/sign-up${query}`} className="text-brand-700 underline dark:text-brand-300">
          Create an account
        </Link>
      </p>
    </main>
  )
}
