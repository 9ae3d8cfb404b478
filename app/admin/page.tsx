import type { Metadata } from 'next'
import { requireRole } from '@/lib/auth/current-user'
import { setDisabledAction, setRoleAction } from '@/lib/admin/actions'
import { ADMIN_PAGE_SIZE, listUsers } from '@/lib/data/admin'

export const metadata: Metadata = { title: 'Users and roles' }

const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' })
const ROLE_LABELS = { STUDENT: 'Student', INSTRUCTOR: 'Instructor', ADMIN: 'Administrator' } as const
const buttonClass =
  'inline-flex h-11 items-center rounded-md border border-slate-400 px-3 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800'

export default async function AdminPage({ searchParams }: { searchParams: Promise<{ q?: string | string[]; page?: string | string[]; problem?: string | string[] }> }) {
  const viewer = await requireRole('ADMIN', '/admin')
  const params = await searchParams
  const query = typeof params.q === 'string' ? params.q.slice(0, 100) : ''
  const page = typeof params.page === 'string' && /^\d{1,6}$/.test(params.page) ? Number(params.page) : 0
  const { users, total } = await listUsers(viewer, { query, page })
  const pages = Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE))

  return (
    <main id="main" className="mx-auto max-w-5xl px-4 py-10">
      <h1 className="text-3xl font-bold tracking-tight">Users and roles</h1>
      {typeof params.problem === 'string' && (
        <p role="alert" className="mt-4 rounded-lg border-2 border-red-700 bg-red-50 p-3 text-red-900 dark:border-red-400 dark:bg-red-950 dark:text-red-100">
          {params.problem.slice(0, 200)}
        </p>
      )}
      <form method="get" className="mt-6 flex flex-wrap items-end gap-3" role="search">
        <div>
          <label htmlFor="q" className="block font-medium">
            Find by email or name
          </label>
          <input id="q" name="q" type="search" defaultValue={query} className="h-11 w-72 max-w-full rounded-md border border-slate-400 bg-white px-3 dark:border-slate-600 dark:bg-slate-900" />
        </div>
        <button type="submit" className={buttonClass}>
          Search
        </button>
      </form>
      <p className="mt-4 text-sm" role="status">
        {total} {total === 1 ? 'account' : 'accounts'}
        {query ? ` matching “${query}”` : ''}
        {pages > 1 ? ` · page ${page + 1} of ${pages}` : ''}
      </p>
      <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800" data-testid="admin-users">
        {users.map((user) => {
          const self = user.id === viewer.id
          const who = user.name ?? user.email
          return (
            <li key={user.id} className="flex flex-wrap items-center justify-between gap-4 p-4" data-testid="admin-user">
              <div className="min-w-0">
                <p className="font-medium break-all">
                  {user.email}
                  {self && <span className="ml-2 text-sm font-normal">(you)</span>}
                </p>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  {user.name ? `${user.name} · ` : ''}
                  {ROLE_LABELS[user.role]} · joined {date.format(user.createdAt)} · {user.sessions} {user.sessions === 1 ? 'session' : 'sessions'}
                  {user.disabledAt && <strong className="ml-1 text-red-800 dark:text-red-300">· disabled {date.format(user.disabledAt)}</strong>}
                </p>
              </div>
              <div className="flex flex-wrap items-center gap-3">
                <form action={setRoleAction} className="flex items-center gap-2">
                  <input type="hidden" name="userId" value={user.id} />
                  <label htmlFor={`role-${user.id}`} className="sr-only">
                    Role of {who}
                  </label>
                  <select id={`role-${user.id}`} name="role" defaultValue={user.role} className="h-11 rounded-md border border-slate-400 bg-white px-2 dark:border-slate-600 dark:bg-slate-900">
                    {Object.entries(ROLE_LABELS).map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </select>
                  <button type="submit" className={buttonClass}>
                    Save role <span className="sr-only">of {who}</span>
                  </button>
                </form>
                <form action={setDisabledAction}>
                  <input type="hidden" name="userId" value={user.id} />
                  <input type="hidden" name="disabled" value={user.disabledAt ? 'false' : 'true'} />
                  <button type="submit" className={buttonClass}>
                    {user.disabledAt ? 'Enable' : 'Disable'} <span className="sr-only">{who}</span>
                  </button>
                </form>
              </div>
            </li>
          )
        })}
      </ul>
      {pages > 1 && (
        <nav aria-label="Pages" className="mt-4 flex gap-4">
          {page > 0 && <a href={`/admin?q=${encodeURIComponent(query)}&page=${page - 1}`} className="underline">Previous page</a>}
          {page + 1 < pages && <a href={`/admin?q=${encodeURIComponent(query)}&page=${page + 1}`} className="underline">Next page</a>}
        </nav>
      )}
      <p className="mt-6 text-sm text-slate-700 dark:text-slate-300">
        Disabling an account signs it out everywhere at once and stops it signing in; its progress is kept. Instructors can create cohorts; administrators can also manage accounts and see every cohort.
      </p>
    </main>
  )
}
