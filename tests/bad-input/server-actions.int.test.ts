import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { buildManifest } from '@/tests/setup/fixtures'
import { hostileStrings, LEAK } from '@/tests/support/hostile-input'
import { useTestDatabase, type TestDatabase } from '@/tests/setup/test-db'

/**
 * Property: every server action, given any hostile FormData (missing, duplicated,
 * oversized, wrongly typed fields, files where text belongs, NUL bytes, markup, SQL),
 * answers with an error message or a redirect to one of Drydock's own pages, never
 * throws anything else (which Next.js would turn into a 500), never signs anyone in,
 * never leaks a stack trace or SQL, and leaves every row of the database as it was.
 *
 * The exported action functions are called directly, on a real PostgreSQL, with
 * next/headers' cookies() and headers() standing in for the request. Over HTTP an
 * action is addressed by a build-specific id through Next.js's own multipart
 * protocol, which this would mostly exercise instead of Drydock's code, and ten
 * thousand argon2-free calls take seconds here instead of minutes through a browser.
 */

const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 10_500)

// ------------------------------------------------------------ a request context

const request = vi.hoisted(() => ({
  cookies: new Map<string, string>(),
  cookiesSet: [] as string[],
  headers: new Headers({ 'x-forwarded-for': '203.0.113.7', host: 'drydock.test' }),
}))

vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name)! } : undefined),
    has: (name: string) => request.cookies.has(name),
    getAll: () => [...request.cookies].map(([name, value]) => ({ name, value })),
    set: (name: string) => {
      request.cookiesSet.push(name)
    },
    delete: (nameOrOptions: string | { name: string }) => {
      request.cookiesSet.push(`delete ${typeof nameOrOptions === 'string' ? nameOrOptions : nameOrOptions.name}`)
    },
  }),
  headers: async () => request.headers,
}))
// Outside a Next.js request there is no cache to revalidate.
vi.mock('next/cache', () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }))
// next-auth cannot be loaded outside Next.js's bundler. With no mail server and no OAuth provider configured
// (a default install, and this test's), the actions refuse or redirect before they would call it; a call fails the test.
vi.mock('next-auth', () => ({ AuthError: class AuthError extends Error {} }))
vi.mock('@/lib/auth/authjs', () => ({
  AUTH_PAGES: { signIn: '/sign-in', verifyRequest: '/sign-in/check-email', error: '/sign-in/problem' },
  authjsSignIn: async () => {
    throw new Error('Auth.js was called although no sign-in provider is configured')
  },
}))

process.env.AUTH_SECRET ??= 'integration-tests-only-secret-0123456789'
process.env.DRYDOCK_RATE_LIMITS = 'false'

let db: TestDatabase
const tokens = { student: '', instructor: '', admin: '' }
let cohortId = ''

const ACTION_FILES = [
  'lib/admin/actions.ts',
  'lib/auth/actions/change-password.ts',
  'lib/auth/actions/delete-account.ts',
  'lib/auth/actions/request-sign-in-link.ts',
  'lib/auth/actions/sign-in-with-provider.ts',
  'lib/auth/actions/sign-in.ts',
  'lib/auth/actions/sign-up.ts',
  'lib/cohorts/actions.ts',
]

/** Every exported function of the files above, by name. */
type Actions = Record<string, (...args: unknown[]) => Promise<unknown>>
let actions: Actions

beforeAll(async () => {
  db = await useTestDatabase()
  const { syncCatalogue } = await import('@/lib/data/catalogue')
  const { createUserWithPassword } = await import('@/lib/data/users')
  const { createSession } = await import('@/lib/data/sessions')
  const { createCohort, joinCohort } = await import('@/lib/data/cohorts')
  const { setUserRole } = await import('@/lib/data/admin')
  await syncCatalogue(buildManifest())

  const people = {} as Record<keyof typeof tokens, { id: string; email: string; name: string | null; role: 'STUDENT' | 'INSTRUCTOR' | 'ADMIN' }>
  for (const who of ['admin', 'instructor', 'student'] as const) {
    const created = await createUserWithPassword(
      { email: `${who}@example.com`, password: `the ${who}'s long password`, name: who },
      { adminEmail: 'admin@example.com' },
    )
    if (!created.ok) throw new Error(`could not create ${who}`)
    people[who] = created.user as (typeof people)[typeof who]
    tokens[who] = (await createSession(created.user.id)).token
  }
  await setUserRole({ ...people.admin, role: 'ADMIN' }, people.instructor.id, 'INSTRUCTOR')
  const cohort = await createCohort({ ...people.instructor, role: 'INSTRUCTOR' }, { name: 'Spring cohort', courseSlug: 'docker' })
  cohortId = cohort.id
  await joinCohort(people.student.id, cohort.joinCode!)

  actions = {
    ...(await import('@/lib/cohorts/actions')),
    ...(await import('@/lib/admin/actions')),
    ...(await import('@/lib/auth/actions/sign-in')),
    ...(await import('@/lib/auth/actions/sign-up')),
    ...(await import('@/lib/auth/actions/change-password')),
    ...(await import('@/lib/auth/actions/delete-account')),
    ...(await import('@/lib/auth/actions/request-sign-in-link')),
    ...(await import('@/lib/auth/actions/sign-in-with-provider')),
  } as unknown as Actions
}, 60_000)

afterAll(() => db.drop())

async function fingerprint(): Promise<Record<string, string>> {
  const { rows: tables } = await db.pool.query<{ name: string }>(
    "SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
  )
  const digest: Record<string, string> = {}
  for (const { name } of tables) {
    const { rows } = await db.pool.query<{ rows: string; md5: string | null }>(
      `SELECT count(*)::text AS rows, md5(string_agg(t::text, '|' ORDER BY t::text)) AS md5 FROM ${name} t`,
    )
    digest[name] = `${rows[0]?.rows}:${rows[0]?.md5 ?? ''}`
  }
  return digest
}

// ------------------------------------------------------------ generators

const hostileString = hostileStrings({
  maxLength: 60,
  long: { minLength: 200, maxLength: 2000 },
  extra: [
    '//evil.example/',
    'https://evil.example/',
    'javascript:alert(1)',
    '/\\evil.example',
    'ADMIN',
    'STUDENT',
    'delete',
    '2026-02-30',
    '1999-01-01',
    '+275760-09-13',
  ],
})

/** One field's value(s): absent, text, a file where text belongs, or the field given twice. */
const fieldValue = fc.oneof(
  { weight: 6, arbitrary: hostileString.map((text) => [text]) },
  { weight: 1, arbitrary: fc.constant([] as (string | Blob)[]) },
  { weight: 1, arbitrary: hostileString.map((text) => [new File([text], 'evil.html', { type: 'text/html' })]) },
  { weight: 1, arbitrary: fc.tuple(hostileString, hostileString).map((pair) => [...pair]) },
)

function formData(fields: Record<string, readonly (string | Blob)[]>, extra: [string, string][] = []): FormData {
  const form = new FormData()
  for (const [name, values] of Object.entries(fields)) for (const value of values) form.append(name, value)
  for (const [name, value] of extra) form.append(name, value)
  return form
}

const extraFields = fc.array(fc.tuple(fc.oneof(hostileString, fc.constantFrom('$ACTION_ID_x', '__proto__', 'role', 'userId')), hostileString), { maxLength: 3 })

/** A password the rules refuse: too short, too long, absent, or a file. */
const invalidNewPassword = fc.oneof(
  fc.string({ maxLength: 9 }).map((text) => [text]),
  fc.string({ minLength: 201, maxLength: 400 }).map((text) => [text]),
  fc.constant([] as (string | Blob)[]),
  fc.constant([new File(['a long enough password'], 'p.txt')]),
)

type Who = 'anonymous' | 'student' | 'instructor' | 'admin' | 'forged'
type Call = { action: string; who: Who; form: FormData; withState: boolean }

const who = (...choices: Who[]) => fc.constantFrom<Who>(...choices)

/** Fields that reach argon2 (tens of milliseconds each) are drawn rarely; everything else freely. */
const calls: fc.Arbitrary<Call> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .record({ who: who('anonymous', 'student', 'forged'), email: fieldValue, password: fc.oneof({ weight: 9, arbitrary: fc.constant([] as string[]) }, { weight: 1, arbitrary: fieldValue }), next: fieldValue, extra: extraFields })
      .map(({ who, email, password, next, extra }) => ({ action: 'signIn', who, withState: true, form: formData({ email, password, next }, extra) })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({ who: who('anonymous', 'student'), email: fieldValue, password: invalidNewPassword, name: fieldValue, next: fieldValue, extra: extraFields })
      .map(({ who, email, password, name, next, extra }) => ({ action: 'signUp', who, withState: true, form: formData({ email, password, name, next }, extra) })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ who: who('student', 'anonymous', 'forged'), currentPassword: fieldValue, newPassword: invalidNewPassword })
      .map(({ who, currentPassword, newPassword }) => ({ action: 'changePassword', who, withState: true, form: formData({ currentPassword, newPassword }) })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ who: who('student', 'anonymous', 'forged'), password: fieldValue, confirm: fc.oneof({ weight: 9, arbitrary: fieldValue }, { weight: 1, arbitrary: fc.constant(['delete']) }) })
      .map(({ who, password, confirm }) => ({ action: 'deleteMyAccount', who, withState: true, form: formData({ password: password.length === 0 ? ['x'] : password, confirm }) })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({ who: who('admin', 'student', 'anonymous'), userId: fieldValue, role: fieldValue })
      .map(({ who, userId, role }) => ({ action: 'setRoleAction', who, withState: false, form: formData({ userId, role }) })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({ who: who('admin', 'instructor', 'anonymous'), userId: fieldValue, disabled: fieldValue })
      .map(({ who, userId, disabled }) => ({ action: 'setDisabledAction', who, withState: false, form: formData({ userId, disabled }) })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({
        who: who('instructor', 'admin', 'student', 'anonymous'),
        name: fieldValue,
        // A real course and a good name would create a cohort: the course is always one that does not exist.
        course: fc.oneof(fieldValue, fc.constant(['docker ']), fc.constant(['DOCKER'])),
        expiresAt: fieldValue,
      })
      .map(({ who, name, course, expiresAt }) => ({ action: 'createCohortAction', who, withState: true, form: formData({ name, course, expiresAt }) })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ who: who('instructor', 'admin', 'student', 'anonymous'), cohortId: fieldValue, expiresAt: fieldValue })
      .map(({ who, cohortId, expiresAt }) => ({ action: 'renewJoinCodeAction', who, withState: false, form: formData({ cohortId, expiresAt }) })),
  },
  {
    weight: 2,
    // The real cohort with an expiry that is not a date: refused with a reason, the code unchanged.
    arbitrary: fc
      .record({ expiresAt: hostileString.filter((text) => text !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(text)) })
      .map(({ expiresAt }) => ({ action: 'renewJoinCodeAction', who: 'instructor' as Who, withState: false, form: formData({ cohortId: [cohortId], expiresAt: [expiresAt] }) })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ who: who('instructor', 'student', 'anonymous'), cohortId: fieldValue })
      .map(({ who, cohortId }) => ({ action: 'disableJoinCodeAction', who, withState: false, form: formData({ cohortId }) })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ who: who('instructor', 'student', 'anonymous'), cohortId: fc.oneof(fieldValue, fc.constant(['REAL'])), studentId: fieldValue })
      .map(({ who, cohortId, studentId }) => ({ action: 'removeStudentAction', who, withState: false, form: formData({ cohortId, studentId }) })),
  },
  {
    // No mail server and no OAuth provider is configured here, as on a default install.
    weight: 2,
    arbitrary: fc
      .record({ who: who('anonymous', 'student'), email: fieldValue, next: fieldValue })
      .map(({ who, email, next }) => ({ action: 'requestSignInLink', who, withState: true, form: formData({ email, next }) })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ who: who('anonymous', 'student'), provider: fc.oneof(fieldValue, fc.constantFrom(['github'], ['google'], ['nodemailer'], ['credentials'])), next: fieldValue })
      .map(({ who, provider, next }) => ({ action: 'signInWithProvider', who, withState: false, form: formData({ provider, next }) })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({ who: who('student', 'anonymous', 'forged'), code: fieldValue })
      .map(({ who, code }) => ({ action: 'joinCohortAction', who, withState: true, form: formData({ code }) })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ who: who('instructor', 'anonymous'), cohortId: fc.oneof(fieldValue, fc.constant(['REAL'])) })
      .map(({ who, cohortId }) => ({ action: 'leaveCohortAction', who, withState: false, form: formData({ cohortId }) })),
  },
)

// ------------------------------------------------------------ outcomes

type Outcome =
  | { kind: 'refused'; message: string }
  | { kind: 'redirect'; to: string }
  | { kind: 'not-found' }
  | { kind: 'done' }
  | { kind: 'accepted'; state: unknown }
  | { kind: 'crashed'; error: unknown }

async function run(call: Call): Promise<Outcome> {
  request.cookies.clear()
  request.cookiesSet.length = 0
  if (call.who === 'forged') request.cookies.set('drydock_session', 'forged-token-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
  else if (call.who !== 'anonymous') request.cookies.set('drydock_session', tokens[call.who])
  // The real cohort's id, where a generator asked for it (the instructor owns it; the student is a member).
  if (call.form.get('cohortId') === 'REAL') call.form.set('cohortId', cohortId)

  const action = actions[call.action]!
  try {
    const result = call.withState ? await action({ status: 'idle' }, call.form) : await action(call.form)
    if (!call.withState) return { kind: 'done' }
    const state = result as { status: string; message?: string }
    if (state.status === 'error' && typeof state.message === 'string') return { kind: 'refused', message: state.message }
    return { kind: 'accepted', state }
  } catch (error) {
    const digest = (error as { digest?: unknown } | null)?.digest
    if (typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT;')) return { kind: 'redirect', to: digest.split(';')[2] ?? '' }
    if (typeof digest === 'string' && digest.startsWith('NEXT_HTTP_ERROR_FALLBACK;404')) return { kind: 'not-found' }
    return { kind: 'crashed', error }
  }
}

describe('server actions under hostile input', () => {
  it('covers every file under lib/ that declares server actions', async () => {
    const { readdir, readFile } = await import('node:fs/promises')
    const files = (await readdir('lib', { recursive: true })).filter((file) => /\.tsx?$/.test(file) && !file.includes('generated'))
    const declaring: string[] = []
    for (const file of files) {
      if (/^\s*['"]use server['"]/.test(await readFile(`lib/${file}`, 'utf8'))) declaring.push(`lib/${file}`)
    }
    expect(declaring.sort()).toEqual(ACTION_FILES)
  })

  it(`${RUNS} hostile forms: a message or a redirect home, never a crash, a session, a leak or a change`, async () => {
    const before = await fingerprint()
    const outcomes = new Map<string, Map<string, number>>()
    const started = Date.now()

    await fc.assert(
      fc.asyncProperty(calls, async (call) => {
        const outcome = await run(call)
        const counts = outcomes.get(call.action) ?? new Map<string, number>()
        counts.set(outcome.kind, (counts.get(outcome.kind) ?? 0) + 1)
        outcomes.set(call.action, counts)

        if (outcome.kind === 'crashed') {
          throw new Error(`${call.action} as ${call.who} threw: ${outcome.error instanceof Error ? outcome.error.message : String(outcome.error)}`)
        }
        expect(outcome.kind, `${call.action} as ${call.who} must not accept hostile input`).not.toBe('accepted')
        // No session is ever started; ending one (a sign-out) is not something these forms do either.
        expect(request.cookiesSet.filter((name) => !name.startsWith('delete ')), call.action).toEqual([])
        if (outcome.kind === 'refused') {
          expect(outcome.message.length, call.action).toBeGreaterThan(10)
          expect(outcome.message, call.action).not.toMatch(LEAK)
        }
        if (outcome.kind === 'redirect') {
          // Only to a page of this site: a path, never another host.
          expect(outcome.to, call.action).toMatch(/^\/(?![/\\])/)
          // Whatever the form held is percent-encoded in the URL, never pasted in.
          expect(() => decodeURIComponent(outcome.to), `${call.action}: ${outcome.to}`).not.toThrow()
          expect(decodeURIComponent(outcome.to), call.action).not.toMatch(LEAK)
        }
      }),
      { numRuns: RUNS, seed: Number(process.env.BAD_INPUT_SEED ?? Date.now() % 2 ** 31) },
    )

    expect(await fingerprint()).toEqual(before)
    const seconds = ((Date.now() - started) / 1000).toFixed(0)
    const summary = [...outcomes].map(([action, counts]) => `${action}: ${[...counts].map(([kind, n]) => `${kind}×${n}`).join(' ')}`)
    console.log(`server actions: ${RUNS} calls in ${seconds}s\n${summary.join('\n')}`)
    // Every exported action was called, so an action added later fails here until it is covered.
    expect([...outcomes.keys()].sort()).toEqual(Object.keys(actions).sort())
    for (const [action, counts] of outcomes) {
      expect([...counts.values()].reduce((a, b) => a + b, 0), action).toBeGreaterThan(RUNS / 100)
    }
  }, 900_000)
})
