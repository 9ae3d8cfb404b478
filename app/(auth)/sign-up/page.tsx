import type { Metadata } from 'next'
import Link from 'next/link'
import { safeRedirectPath } from '@/lib/auth/safe-redirect'
import { enabledSignInProviders, getServerEnv } from '@/lib/env'
import { OtherSignInMethods } from '../_components/other-sign-in-methods'
import { SignUpForm } from './sign-up-form'

export const metadata: Metadata = { title: 'Create an account' }

// No redirect for someone already signed in: signing in sets a cookie, Next.js then re-renders this
// page inside the action's response, and a redirect there would swallow the form's success state,
// which is what tells the page (header, progress sync) that the account changed.
export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>
}) {
  const next = safeRedirectPath((await searchParams).next)
  const query = next === '/' ? '' : `?next=${encodeURIComponent(next)}`

  return (
    <main id="main" className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">Create an account</h1>
      <p className="mt-2 mb-8 text-slate-700 dark:text-slate-300">
        Keep your progress and review schedule across browsers. Anything you have already done in
        this browser comes with you.
      </p>
      <SignUpForm next={next} />
      <OtherSignInMethods providers={enabledSignInProviders(getServerEnv())} next={next} />
      <p className="mt-8 text-slate-700 dark:text-slate-300">
        Already have an account?{' '}
        <Link href={`/sign-in${query}`} className="text-brand-700 underline dark:text-brand-300">
          Sign in
        </Link>
      </p>
    </main>
  )
}
