import type { Metadata } from 'next'
import { requireUser, type CurrentUser } from '@/lib/auth/current-user'
import { readSessionToken } from '@/lib/auth/session'
import { listSessions } from '@/lib/data/sessions'
import { ChangePasswordForm } from './change-password-form'
import { DeleteAccountForm } from './delete-account-form'
import { SignOutEverywhereButton } from './sign-out-everywhere-button'

export const metadata: Metadata = { title: 'Your account' }

const ROLE_LABELS: Record<CurrentUser['role'], string> = {
  STUDENT: 'Student',
  INSTRUCTOR: 'Instructor',
  ADMIN: 'Administrator',
}

// The server's clock zone would differ from the reader's; UTC, said out loud, is never wrong.
const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
})
const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' })

export default async function AccountPage() {
  const user = await requireUser('/account')
  const sessions = await listSessions(user.id, await readSessionToken())

  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">Your account</h1>

      <dl className="mt-8 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
        <dt className="font-medium text-slate-600 dark:text-slate-400">Email</dt>
        <dd className="break-all" data-testid="account-email">
          {user.email}
        </dd>
        {user.name && (
          <>
            <dt className="font-medium text-slate-600 dark:text-slate-400">Name</dt>
            <dd>{user.name}</dd>
          </>
        )}
        <dt className="font-medium text-slate-600 dark:text-slate-400">Role</dt>
        <dd>{ROLE_LABELS[user.role]}</dd>
      </dl>

      <section aria-labelledby="sessions-heading" className="mt-12">
        <h2 id="sessions-heading" className="text-xl font-semibold">
          Where you are signed in
        </h2>
        <p className="mt-2 text-slate-700 dark:text-slate-300">
          Each browser you sign in on has its own session, which ends after 30 days without a visit.
        </p>
        <ul className="mt-4 divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {sessions.map((session) => (
            <li key={session.id} className="p-4" data-testid="account-session">
              <p className="font-medium">
                Signed in {dateTime.format(session.createdAt)} UTC
                {session.current && (
                  <span className="ml-2 rounded bg-brand-100 px-2 py-0.5 text-sm text-brand-700 dark:bg-slate-800 dark:text-brand-300">
                    This browser
                  </span>
                )}
              </p>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                Last used {date.format(session.lastUsedAt)} · ends {date.format(session.expires)}{' '}
                unless used
              </p>
            </li>
          ))}
        </ul>
        <div className="mt-4">
          <SignOutEverywhereButton count={sessions.length} />
        </div>
      </section>

      <section aria-labelledby="password-heading" className="mt-12">
        <h2 id="password-heading" className="text-xl font-semibold">
          Change your password
        </h2>
        <p className="mt-2 mb-6 text-slate-700 dark:text-slate-300">
          Every other browser is signed out when you change it.
        </p>
        <ChangePasswordForm email={user.email} />
      </section>

      <section aria-labelledby="data-heading" className="mt-12">
        <h2 id="data-heading" className="text-xl font-semibold">
          Your data
        </h2>
        <p className="mt-2 text-slate-700 dark:text-slate-300">
          One JSON file with everything stored about you: your account, sessions, cohorts, and every answer and lesson visit.
        </p>
        <a
          href="/api/account/export"
          download
          className="mt-4 inline-flex h-11 items-center rounded-md border border-slate-400 px-4 font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
        >
          Download my data
        </a>
      </section>

      <section aria-labelledby="delete-heading" className="mt-12">
        <h2 id="delete-heading" className="text-xl font-semibold">
          Delete your account
        </h2>
        <p className="mt-2 mb-6 text-slate-700 dark:text-slate-300">
          This deletes your account, your progress, your cohort memberships and any cohorts you teach, at once and for good.
          Download your data first if you want to keep it.
        </p>
        <DeleteAccountForm email={user.email} />
      </section>
    </main>
  )
}
