import type { Metadata } from 'next'
import Link from 'next/link'
import { JoinCohortForm } from '@/components/learner/join-cohort-form'
import { getCurrentUser } from '@/lib/auth/current-user'
import { previewJoin } from '@/lib/data/cohorts'

export const metadata: Metadata = { title: 'Join a cohort' }

export default async function JoinPage({ params }: { params: Promise<{ code: string }> }) {
  const { code: raw } = await params
  const code = decodeURIComponent(raw).slice(0, 64)
  const [preview, user] = await Promise.all([previewJoin(code), getCurrentUser()])
  const here = `/join/${encodeURIComponent(code)}`

  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">Join a cohort</h1>
      {!preview ? (
        <div className="mt-6 space-y-4">
          <p>This link does not open a cohort any more. It may have been replaced, switched off or expired; ask your instructor for the current link or code.</p>
          <p>
            <Link href="/dashboard" className="underline underline-offset-2">
              Enter a code instead
            </Link>
          </p>
        </div>
      ) : (
        <div className="mt-6 space-y-6">
          <p className="text-lg">
            <strong>{preview.name}</strong>, taught by {preview.instructorName}, working through <strong>{preview.courseTitle}</strong>.
          </p>
          <p className="text-slate-700 dark:text-slate-300">
            Your instructor will see your progress in this course: which lessons you finished and how you answered its exercises. Nothing else about your account.
          </p>
          {user ? (
            <JoinCohortForm code={code} submitLabel={`Join ${preview.name}`} />
          ) : (
            <p className="flex flex-wrap gap-3">
              <Link href={`/sign-up?next=${encodeURIComponent(here)}`} className="inline-flex h-11 items-center rounded-md bg-brand-600 px-5 font-medium text-white hover:bg-brand-700">
                Create an account to join
              </Link>
              <Link href={`/sign-in?next=${encodeURIComponent(here)}`} className="inline-flex h-11 items-center rounded-md border border-slate-400 px-5 font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
                Sign in
              </Link>
            </p>
          )}
        </div>
      )}
    </main>
  )
}
