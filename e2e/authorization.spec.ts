import { randomUUID } from 'node:crypto'
import {
  request as httpClient,
  type APIRequestContext,
  type APIResponse,
  type Browser,
  type BrowserContext,
  type Page,
} from '@playwright/test'
import { E2E_ADMIN_EMAIL } from '../playwright.config'
import { expect, test } from './fixtures'
import { countMailTo } from './mail-sink'
import { builtActions, discoverRoutes, formFieldsReadBy, patternMatches } from './support/route-discovery'

/**
 * Who may use what: every page, route handler and server action, for six
 * personas. The tables below are the specification. The first test finds the
 * routes in the file system (app/**\/page.tsx, app/**\/route.ts and every
 * 'use server' file) and fails when one has no row, so a new route cannot ship
 * without someone deciding who may use it.
 *
 * Personas, made in beforeAll through the real sign-up, admin and teach pages:
 *   anonymous        no session
 *   student          a member of cohort X
 *   otherStudent     signed in, in no cohort
 *   otherInstructor  an instructor who owns cohort Y
 *   instructor       the instructor who owns cohort X
 *   admin            an administrator (this spec's own, promoted by the E2E_ADMIN_EMAIL account, so
 *                    that changing its password or deleting it cannot disturb other spec files)
 * and "victim": another member of X, the account that actions aim at.
 *
 * Pages and route handlers are judged by the HTTP answer: allow = 2xx; deny = 401, 403 or 404, or a
 * redirect to /sign-in for an anonymous page visit. A denied answer must not show cohort X's name or
 * anyone else's email, and nothing an outsider (anonymous, otherStudent, otherInstructor) is allowed
 * to see may show them either. POST handlers must also refuse a foreign Origin.
 *
 * Server actions are called over HTTP as the browser calls them and judged by their effect, read
 * through pages and route handlers before and after the call: allow = something changed.
 */

// ─── The table ──────────────────────────────────────────────────────────────────────────────────

// prettier-ignore
const PERSONAS = ['anonymous', 'student', 'otherStudent', 'otherInstructor', 'instructor', 'admin'] as const
const allow = 'allow'
const deny = 'deny'
/** One verdict per persona, in the order of PERSONAS. */
type Access = readonly [Verdict, Verdict, Verdict, Verdict, Verdict, Verdict]

/** Pages and route handlers. Keys: `page <pattern>` or `<METHOD> <pattern>`, as discovered. */
// prettier-ignore
const HTTP: Record<string, HttpRow> = {
  //                                                               anonymous student otherStudent otherInstructor instructor admin
  'page /':                                              { access: [allow,   allow,  allow,       allow,          allow,     allow], url: () => '/' },
  'page /sign-in':                                       { access: [allow,   allow,  allow,       allow,          allow,     allow], url: () => '/sign-in' },
  'page /sign-up':                                       { access: [allow,   allow,  allow,       allow,          allow,     allow], url: () => '/sign-up' },
  // Sign-in by email link (on in e2e: playwright.config.ts sets SMTP_URL): the form, "check your email", and Auth.js's error page.
  'page /sign-in/email':                                 { access: [allow,   allow,  allow,       allow,          allow,     allow], url: () => '/sign-in/email' },
  'page /sign-in/check-email':                           { access: [allow,   allow,  allow,       allow,          allow,     allow], url: () => '/sign-in/check-email' },
  'page /sign-in/problem':                               { access: [allow,   allow,  allow,       allow,          allow,     allow], url: () => '/sign-in/problem?error=Verification' },
  'page /courses/[course]':                              { access: [allow,   allow,  allow,       allow,          allow,     allow], url: () => `/courses/${COURSE}` },
  'page /courses/[course]/[lesson]':                     { access: [allow,   allow,  allow,       allow,          allow,     allow], url: () => `/courses/${COURSE}/${LESSON}` },
  // Shows the cohort's name to whoever holds the code: that is what the code is for.
  'page /join/[code]':                                   { access: [allow,   allow,  allow,       allow,          allow,     allow], url: (f) => `/join/${f.joinCode}`, showsCohort: true },
  // Review runs in the browser for a visitor; the page is the same static shell for everyone.
  'page /review':                                        { access: [allow,   allow,  allow,       allow,          allow,     allow], url: () => '/review' },
  'page /review/stats':                                  { access: [allow,   allow,  allow,       allow,          allow,     allow], url: () => '/review/stats' },
  'page /rehearse':                                      { access: [allow,   allow,  allow,       allow,          allow,     allow], url: () => '/rehearse' },
  'page /account':                                       { access: [deny,    allow,  allow,       allow,          allow,     allow], url: () => '/account' },
  'page /dashboard':                                     { access: [deny,    allow,  allow,       allow,          allow,     allow], url: () => '/dashboard' },
  'page /teach':                                         { access: [deny,    deny,   deny,        allow,          allow,     allow], url: () => '/teach' },
  'page /teach/cohorts/[cohortId]':                      { access: [deny,    deny,   deny,        deny,           allow,     allow], url: (f) => `/teach/cohorts/${f.cohortX.id}` },
  'page /teach/cohorts/[cohortId]/students/[studentId]': { access: [deny,    deny,   deny,        deny,           allow,     allow], url: (f) => `/teach/cohorts/${f.cohortX.id}/students/${f.accounts.student.id}`,
    alsoDeny: [
      { who: 'otherInstructor', why: 'their own cohort Y with a student of X', url: (f) => `/teach/cohorts/${f.cohortY.id}/students/${f.accounts.student.id}` },
      { who: 'instructor', why: 'their cohort X with a student who is not in it', url: (f) => `/teach/cohorts/${f.cohortX.id}/students/${f.accounts.otherStudent.id}` },
    ] },
  'page /admin':                                         { access: [deny,    deny,   deny,        deny,           deny,      allow], url: () => '/admin' },
  'GET /api/health':                                     { access: [allow,   allow,  allow,       allow,          allow,     allow], url: () => '/api/health' },
  'GET /api/ready':                                      { access: [allow,   allow,  allow,       allow,          allow,     allow], url: () => '/api/ready' },
  'GET /api/session':                                    { access: [allow,   allow,  allow,       allow,          allow,     allow], url: () => '/api/session' },
  'GET /api/account/export':                             { access: [deny,    allow,  allow,       allow,          allow,     allow], url: () => '/api/account/export' },
  'GET /api/progress':                                   { access: [deny,    allow,  allow,       allow,          allow,     allow], url: () => `/api/progress?course=${COURSE}` },
  'POST /api/progress':                                  { access: [deny,    allow,  allow,       allow,          allow,     allow], url: () => '/api/progress', body: () => progressBatch() },
  // The caller's own review data only: every query is by the session's user id.
  'GET /api/review/queue':                               { access: [deny,    allow,  allow,       allow,          allow,     allow], url: () => `/api/review/queue?course=${COURSE}&tz=UTC` },
  'GET /api/review/stats':                               { access: [deny,    allow,  allow,       allow,          allow,     allow], url: () => '/api/review/stats?tz=UTC' },
  'GET /api/review/cards':                               { access: [deny,    allow,  allow,       allow,          allow,     allow], url: () => `/api/review/cards?course=${COURSE}` },
  'GET /api/review/settings':                            { access: [deny,    allow,  allow,       allow,          allow,     allow], url: () => '/api/review/settings' },
  'PUT /api/review/settings':                            { access: [deny,    allow,  allow,       allow,          allow,     allow], url: () => '/api/review/settings', body: () => ({ desiredRetention: 0.9, newCardsPerDay: 20 }) },
  // Signing out is harmless for anyone (a visitor has nothing to end), but only from this site's pages.
  'POST /api/auth/sign-out':                             { access: [allow,   allow,  allow,       allow,          allow,     allow], url: () => '/api/auth/sign-out', endsSession: true },
  'POST /api/auth/sign-out-everywhere':                  { access: [allow,   allow,  allow,       allow,          allow,     allow], url: () => '/api/auth/sign-out-everywhere', endsSession: true },
  // Auth.js (email links, GitHub, Google): its GET routes are public (CSRF token, providers, callbacks).
  'GET /api/auth/[...nextauth]':                         { access: [allow,   allow,  allow,       allow,          allow,     allow], url: () => '/api/auth/csrf' },
  // Its POSTs: anyone may start a sign-in from this site with Auth.js's CSRF token (read with the caller's
  // cookies; success is the redirect to GitHub). The forged request carries the token too: the Origin alone refuses it.
  'POST /api/auth/[...nextauth]':                        { access: [allow,   allow,  allow,       allow,          allow,     allow], url: () => '/api/auth/signin/github',
    form: async (api) => ({ callbackUrl: '/', csrfToken: await authjsCsrfToken(api) }), redirectsOnSuccess: /^https:\/\/github\.com\/login\/oauth\/authorize\?/ },
  'GET /teach/cohorts/[cohortId]/heatmap.csv':           { access: [deny,    deny,   deny,        deny,           allow,     allow], url: (f) => `/teach/cohorts/${f.cohortX.id}/heatmap.csv` },
  'GET /teach/cohorts/[cohortId]/items.csv':             { access: [deny,    deny,   deny,        deny,           allow,     allow], url: (f) => `/teach/cohorts/${f.cohortX.id}/items.csv` },
}

/**
 * Server actions. Keys: `action <file>#<export>`. Each is POSTed to a page whose bundle holds it,
 * and judged by `observe`, read before and after the call.
 */
// prettier-ignore
const ACTIONS: Record<string, ActionRow> = {
  // access: [anonymous, student, otherStudent, otherInstructor, instructor, admin]
  //
  // Public by design: anyone may create an account or sign in. Called from a copy of the caller's
  // cookies; signing in ends the session the browser had, so the caller signs in again afterwards.
  'action lib/auth/actions/sign-up.ts#signUp': {
    access: [allow, allow, allow, allow, allow, allow], postTo: () => '/sign-up', call: 'state', inCopyOfSession: true,
    fields: (_f, caller) => ({ name: 'New Comer', email: uniqueEmail(`new-${caller}`), password: PASSWORD, next: '/' }),
    observe: (_f, _caller, api) => sessionEmail(api),
    restore: (f, caller) => (caller === 'anonymous' ? Promise.resolve() : signInAgain(f, caller)),
  },
  'action lib/auth/actions/sign-in.ts#signIn': {
    access: [allow, allow, allow, allow, allow, allow], postTo: () => '/sign-in', call: 'state', inCopyOfSession: true,
    fields: (f) => ({ email: f.accounts.victim.email, password: PASSWORD, next: '/' }),
    observe: (_f, _caller, api) => sessionEmail(api),
    restore: (f, caller) => (caller === 'anonymous' ? Promise.resolve() : signInAgain(f, caller)),
  },
  // Public: anyone may ask for a sign-in link or start a GitHub or Google sign-in. The link's email is the
  // effect (read from the run's mail sink); the provider sign-in leaves Auth.js's state and PKCE cookies.
  'action lib/auth/actions/request-sign-in-link.ts#requestSignInLink': {
    access: [allow, allow, allow, allow, allow, allow], postTo: () => '/sign-in/email', call: 'state',
    fields: (f, caller) => ({ email: linkEmail(f, caller), next: '/' }),
    observe: (f, caller) => Promise.resolve(countMailTo(linkEmail(f, caller))),
  },
  'action lib/auth/actions/sign-in-with-provider.ts#signInWithProvider': {
    access: [allow, allow, allow, allow, allow, allow], postTo: () => '/sign-in', call: 'form', inCopyOfSession: true,
    fields: () => ({ provider: 'github', next: '/' }),
    // The PKCE verifier for the trip to GitHub, a new one each time (the caller may hold an earlier one).
    observe: async (_f, _caller, api) => (await api.storageState()).cookies.find((cookie) => cookie.name === 'authjs.pkce.code_verifier')?.value ?? null,
  },
  // Self-service: acts on the caller's own account only. The victim shares the caller's password and
  // the call names the victim in every way a form could, so a call that reached the victim would succeed.
  'action lib/auth/actions/change-password.ts#changePassword': {
    access: [deny, allow, allow, allow, allow, allow], postTo: () => '/account', call: 'state', selfService: true,
    fields: (f) => ({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD, ...victimIds(f) }),
    observe: (f, caller) => whoAcceptsPassword(f, caller, NEW_PASSWORD),
    othersUntouched: (f, caller) => expectVictimSignsIn(f, caller, 'changePassword'),
    restore: (f, caller) => changePasswordBack(f, caller),
  },
  'action lib/cohorts/actions.ts#leaveCohortAction': {
    access: [deny, allow, allow, allow, allow, allow], postTo: () => '/dashboard', call: 'form', selfService: true,
    // Everyone signed in joins X first, so that leaving shows.
    prepare: (f, caller) => (caller === 'anonymous' ? Promise.resolve() : ensureMembership(f, caller, true)),
    fields: (f) => ({ cohortId: f.cohortX.id, ...victimIds(f) }),
    observe: (f) => membersOfX(f),
    othersUntouched: (f, caller) => expectVictimInX(f, caller, 'leaveCohortAction'),
    restore: (f, caller) => (caller === 'anonymous' ? Promise.resolve() : ensureMembership(f, caller, caller === 'student')),
  },
  // Deletes the caller, so it runs after every other row.
  'action lib/auth/actions/delete-account.ts#deleteMyAccount': {
    access: [deny, allow, allow, allow, allow, allow], postTo: () => '/account', call: 'state', selfService: true, runsLast: true,
    fields: (f) => ({ password: PASSWORD, confirm: 'delete', ...victimIds(f) }),
    observe: (f, caller) => whoAcceptsPassword(f, caller, PASSWORD),
    othersUntouched: (f, caller) => expectVictimSignsIn(f, caller, 'deleteMyAccount'),
  },
  // Administration: the victim is made an administrator, then disabled.
  'action lib/admin/actions.ts#setRoleAction': {
    access: [deny, deny, deny, deny, deny, allow], postTo: () => '/admin', call: 'form',
    fields: (f) => ({ userId: f.accounts.victim.id, role: 'ADMIN' }),
    observe: (f) => everyonesRole(f),
    restore: (f) => victimBackToStudent(f),
  },
  'action lib/admin/actions.ts#setDisabledAction': {
    access: [deny, deny, deny, deny, deny, allow], postTo: () => '/admin', call: 'form',
    fields: (f) => ({ userId: f.accounts.victim.id, disabled: 'true' }),
    observe: (f) => victimCanUseAccount(f),
    restore: (f) => victimEnabledAgain(f),
  },
  // Cohorts: instructors create them; only X's instructor and admins manage X.
  'action lib/cohorts/actions.ts#createCohortAction': {
    access: [deny, deny, deny, allow, allow, allow], postTo: () => '/teach', call: 'state',
    fields: (f, caller) => ({ name: probeCohortName(f, caller), course: COURSE, expiresAt: '' }),
    observe: (f, caller) => cohortExists(f, probeCohortName(f, caller)),
  },
  'action lib/cohorts/actions.ts#renewJoinCodeAction': {
    access: [deny, deny, deny, deny, allow, allow], postTo: (f) => `/teach/cohorts/${f.cohortX.id}`, call: 'form',
    fields: (f) => ({ cohortId: f.cohortX.id, expiresAt: '' }),
    observe: (f) => joinCodeOfX(f),
  },
  'action lib/cohorts/actions.ts#disableJoinCodeAction': {
    access: [deny, deny, deny, deny, allow, allow], postTo: (f) => `/teach/cohorts/${f.cohortX.id}`, call: 'form',
    fields: (f) => ({ cohortId: f.cohortX.id }),
    observe: (f) => joinCodeOfX(f),
    restore: (f) => ensureJoinCode(f),
  },
  'action lib/cohorts/actions.ts#removeStudentAction': {
    access: [deny, deny, deny, deny, allow, allow], postTo: (f) => `/teach/cohorts/${f.cohortX.id}/students/${f.accounts.victim.id}`, call: 'form',
    fields: (f) => ({ cohortId: f.cohortX.id, studentId: f.accounts.victim.id }),
    observe: (f) => membersOfX(f),
    restore: (f) => ensureMembership(f, 'victim', true),
  },
  // Anyone signed in may join with the code. The student leaves first, so that joining shows.
  'action lib/cohorts/actions.ts#joinCohortAction': {
    access: [deny, allow, allow, allow, allow, allow], postTo: (f) => `/join/${f.joinCode}`, call: 'state',
    prepare: (f, caller) => (caller === 'student' ? ensureMembership(f, 'student', false) : Promise.resolve()),
    fields: (f) => ({ code: f.joinCode }),
    observe: (f) => membersOfX(f),
    restore: (f, caller) => (caller === 'anonymous' ? Promise.resolve() : ensureMembership(f, caller, caller === 'student')),
  },
}

// ─── Types and constants ─────────────────────────────────────────────────────────────────────────

type Persona = (typeof PERSONAS)[number]
type Verdict = typeof allow | typeof deny
/** Everyone with an account in the fixture: the signed-in personas and the victim. */
type AccountName = Exclude<Persona, 'anonymous'> | 'victim'

interface HttpRow {
  access: Access
  /** The URL, with the fixture's ids filled in. */
  url: (f: Fixture) => string
  /** POST: the JSON body. */
  body?: (f: Fixture) => unknown
  /** POST: a form body instead, made with the caller's cookies. */
  form?: (api: APIRequestContext) => Promise<Record<string, string>>
  /** Success is a redirect, to here. */
  redirectsOnSuccess?: RegExp
  /** POST: ends the caller's session; they sign in again afterwards. */
  endsSession?: true
  /** Shows cohort X to whoever asks, by design. */
  showsCohort?: true
  /** Further requests that must be denied: ids mixed across cohorts. */
  alsoDeny?: { who: Persona; why: string; url: (f: Fixture) => string }[]
}

interface ActionRow {
  access: Access
  /** A page whose server bundle holds the action: the browser POSTs the action to the page it is on. */
  postTo: (f: Fixture) => string
  /** 'form': `<form action={fn}>`, called with (formData). 'state': `useActionState(fn)`, called with (previousState, formData). */
  call: 'form' | 'state'
  /** The form fields. */
  fields: (f: Fixture, caller: Persona) => Record<string, string>
  /** What the action changes. Read before and after the call: the call took effect (allow) when the two differ. */
  observe: (f: Fixture, caller: Persona, api: APIRequestContext) => Promise<unknown>
  /** Runs before each call. */
  prepare?: (f: Fixture, caller: Persona) => Promise<void>
  /** Puts the fixture back after each call, whether or not it took effect. */
  restore?: (f: Fixture, caller: Persona) => Promise<void>
  /** Checked after each call: nobody but the caller was touched. */
  othersUntouched?: (f: Fixture, caller: Persona) => Promise<void>
  /** Calls from a throwaway copy of the caller's cookies, as signing in replaces the session. */
  inCopyOfSession?: true
  /** Acts on the caller's own account only: the action must read no form field that names a user. */
  selfService?: true
  /** Deletes the caller: runs after every other row. */
  runsLast?: true
}

interface Member {
  name: string
  email: string
  id: string
  context: BrowserContext
}

interface Fixture {
  origin: string
  runId: string
  anonymous: BrowserContext
  accounts: Record<AccountName, Member>
  cohortX: { id: string; name: string }
  cohortY: { id: string; name: string }
  /** X's join code as it is now; the join code actions change it. */
  joinCode: string
}

/** The same password as e2e/cohorts.spec.ts: the E2E_ADMIN_EMAIL account is shared by every spec file. */
const PASSWORD = 'harbour lights at dusk'
const NEW_PASSWORD = 'a different harbour entirely'
const COURSE = 'docker-fundamentals'
const LESSON = 'the-setup-problem'
const FOREIGN_ORIGIN = 'https://evil.example'
const SIGN_IN = 'action lib/auth/actions/sign-in.ts#signIn'
const CHANGE_PASSWORD = 'action lib/auth/actions/change-password.ts#changePassword'
const SET_ROLE = 'action lib/admin/actions.ts#setRoleAction'
const SET_DISABLED = 'action lib/admin/actions.ts#setDisabledAction'
const RENEW_CODE = 'action lib/cohorts/actions.ts#renewJoinCodeAction'
const JOIN = 'action lib/cohorts/actions.ts#joinCohortAction'
const LEAVE = 'action lib/cohorts/actions.ts#leaveCohortAction'

// ─── The tests ───────────────────────────────────────────────────────────────────────────────────

test('every page, route handler and server action has a row in the authorization table', () => {
  const discovered = discoverRoutes()
  const listed = [...Object.keys(HTTP), ...Object.keys(ACTIONS)]
  const missing = discovered.filter((key) => !listed.includes(key))
  const extra = listed.filter((key) => !discovered.includes(key))
  expect
    .soft(
      missing,
      `Routes without a row in e2e/authorization.spec.ts: decide who may use them and add a row:\n  ${missing.join('\n  ')}`,
    )
    .toEqual([])
  expect.soft(extra, `Rows for routes that no longer exist:\n  ${extra.join('\n  ')}`).toEqual([])
  // The build knows every action, inline 'use server' functions included.
  const unlisted = [...builtActions().keys()].filter((key) => !listed.includes(key))
  expect
    .soft(unlisted, `Server actions in the build without a row:\n  ${unlisted.join('\n  ')}`)
    .toEqual([])
})

test.describe('authorization', () => {
  // One worker, in order: the rows share the personas, and the last one deletes them.
  test.describe.configure({ mode: 'default', timeout: 180_000 })

  let f: Fixture

  test.beforeAll(async ({ browser }, testInfo) => {
    testInfo.setTimeout(240_000)
    const origin = String(testInfo.project.use.baseURL)
    f = await createFixture(browser, origin)
  })

  test.afterAll(async () => {
    if (!f) return
    await Promise.all(
      [f.anonymous, ...Object.values(f.accounts).map((member) => member.context)].map((context) =>
        context.close(),
      ),
    )
  })

  for (const [key, row] of Object.entries(HTTP)) {
    test(key, async () => {
      const [kind = '', pattern = ''] = key.split(' ')
      const method = kind === 'page' ? 'GET' : kind
      for (const [index, caller] of PERSONAS.entries()) {
        const expected = row.access[index]
        const api = apiOf(f, caller)
        if (method !== 'GET') {
          const forged = await send(
            api,
            method,
            row.url(f),
            await payload(f, row, api),
            FOREIGN_ORIGIN,
          )
          const verdict = judge(kind, caller, forged, f.origin, row)
          cell(
            `${caller} → ${method} ${pattern} with a foreign Origin`,
            deny,
            verdict,
            describeResponse(forged),
          )
          await expectNoLeak(f, caller, `${key} with a foreign Origin`, forged)
          if (row.endsSession && caller !== 'anonymous') {
            const still = await sessionEmail(api)
            expect
              .soft(still, `${caller} → ${key} with a foreign Origin ended the session`)
              .toBe(f.accounts[caller].email)
          }
        }
        const response = await send(api, method, row.url(f), await payload(f, row, api), f.origin)
        const verdict = judge(kind, caller, response, f.origin, row)
        cell(`${caller} → ${key}`, expected, verdict, describeResponse(response))
        if (verdict === deny || (isOutsider(caller) && !row.showsCohort))
          await expectNoLeak(f, caller, key, response)
        if (row.endsSession && caller !== 'anonymous') await signInAgain(f, caller)
      }
      for (const probe of row.alsoDeny ?? []) {
        const response = await send(apiOf(f, probe.who), 'GET', probe.url(f), undefined, f.origin)
        const verdict = judge(kind, probe.who, response, f.origin, row)
        cell(`${probe.who} → ${key} (${probe.why})`, deny, verdict, describeResponse(response))
        await expectNoLeak(f, probe.who, key, response)
      }
    })
  }

  const actionRows = Object.entries(ACTIONS).sort(
    ([, a], [, b]) => Number(a.runsLast ?? false) - Number(b.runsLast ?? false),
  )
  for (const [key, row] of actionRows) {
    test(key, async () => {
      const action = builtActions().get(key)
      expect(
        action,
        `${key} is not in .next/server/server-reference-manifest.json: rebuild`,
      ).toBeDefined()
      const page = new URL(row.postTo(f), f.origin).pathname
      expect(
        action?.pages.some((pattern) => patternMatches(pattern, page)),
        `${key} is POSTed to ${page}, whose bundle does not hold it (it is in ${action?.pages.join(', ')})`,
      ).toBe(true)
      if (row.selfService) {
        const fields = formFieldsReadBy(key)
        expect(
          fields.filter((name) => /user|email|student|member|account|owner/i.test(name)),
          `${key} reads a form field naming a user (it reads ${fields.join(', ')})`,
        ).toEqual([])
      }

      for (const [index, caller] of PERSONAS.entries()) {
        const expected = row.access[index]
        await row.prepare?.(f, caller)
        const copy = row.inCopyOfSession ? await copyOfSession(f, caller) : undefined
        const api = copy ?? apiOf(f, caller)
        try {
          const before = JSON.stringify(await row.observe(f, caller, api))
          const response = await callAction(f, api, key, row.fields(f, caller))
          const after = JSON.stringify(await row.observe(f, caller, api))
          const verdict = before === after ? deny : allow
          const seen =
            verdict === allow
              ? `it took effect: ${before} → ${after}`
              : `nothing changed: ${before}`
          const answer = await actionAnswer(response)
          cell(
            `${caller} → ${key}`,
            expected,
            verdict,
            `${verdict} (HTTP ${response.status()}${answer}; ${seen})`,
          )
          await row.othersUntouched?.(f, caller)
        } finally {
          await copy?.dispose()
          await row.restore?.(f, caller)
        }
      }
    })
  }
})

/** One cell of the table, checked softly so that a run lists every wrong cell. */
function cell(
  who: string,
  expected: Verdict | undefined,
  verdict: Verdict | 'neither',
  got: string,
) {
  expect.soft(verdict, `${who}: expected ${expected}, got ${got}`).toBe(expected)
}

// ─── HTTP ────────────────────────────────────────────────────────────────────────────────────────

function apiOf(f: Fixture, who: Persona | AccountName): APIRequestContext {
  return who === 'anonymous' ? f.anonymous.request : f.accounts[who].context.request
}

function isOutsider(who: Persona): boolean {
  return who === 'anonymous' || who === 'otherStudent' || who === 'otherInstructor'
}

type Payload = { data: unknown } | { form: Record<string, string> } | undefined

async function payload(f: Fixture, row: HttpRow, api: APIRequestContext): Promise<Payload> {
  if (row.form) return { form: await row.form(api) }
  return row.body ? { data: row.body(f) } : undefined
}

async function send(
  api: APIRequestContext,
  method: string,
  url: string,
  body: Payload,
  origin: string,
): Promise<APIResponse> {
  if (method === 'GET') return api.get(url, { maxRedirects: 0 })
  return api.fetch(url, { method, maxRedirects: 0, headers: { Origin: origin }, ...body })
}

/**
 * allow = 2xx, or the row's redirect on success; deny = 401/403/404, or sending an anonymous page
 * visit to sign in; anything else is neither.
 */
function judge(
  kind: string,
  caller: Persona,
  response: APIResponse,
  origin: string,
  row: HttpRow,
): Verdict | 'neither' {
  const status = response.status()
  const location = response.headers().location ?? ''
  if (
    row.redirectsOnSuccess &&
    status >= 300 &&
    status < 400 &&
    row.redirectsOnSuccess.test(location)
  )
    return allow
  if (status >= 200 && status < 300) return allow
  if ([401, 403, 404].includes(status)) return deny
  if (kind === 'page' && caller === 'anonymous' && [303, 307].includes(status)) {
    if (new URL(location, origin).pathname === '/sign-in') return deny
  }
  return 'neither'
}

function describeResponse(response: APIResponse): string {
  const location = response.headers().location
  return location ? `${response.status()} → ${location}` : String(response.status())
}

/** Cohort X's name and everyone else's email must not be in the answer. */
async function expectNoLeak(f: Fixture, caller: Persona, what: string, response: APIResponse) {
  const body = await response.text()
  const secrets = [
    f.cohortX.name,
    ...Object.entries(f.accounts)
      .filter(([who]) => who !== caller)
      .map(([, member]) => member.email),
  ]
  for (const secret of secrets) {
    expect
      .soft(
        body.includes(secret),
        `${caller} → ${what}: the answer (${response.status()}) shows “${secret}”`,
      )
      .toBe(false)
  }
}

function progressBatch() {
  return {
    events: [
      {
        clientEventId: randomUUID(),
        courseSlug: COURSE,
        lessonSlug: LESSON,
        type: 'lesson.visited',
        payload: {},
        occurredAt: new Date().toISOString(),
      },
    ],
  }
}

/** Auth.js's CSRF token; asking for it also sets its cookie in the caller's jar. */
async function authjsCsrfToken(api: APIRequestContext): Promise<string> {
  const response = await api.get('/api/auth/csrf')
  expect(response.status(), 'GET /api/auth/csrf').toBe(200)
  return ((await response.json()) as { csrfToken: string }).csrfToken
}

async function sessionUser(
  api: APIRequestContext,
): Promise<{ email: string; role: string } | null> {
  const response = await api.get('/api/session')
  expect(response.status()).toBe(200)
  return ((await response.json()) as { user: { email: string; role: string } | null }).user
}

async function sessionEmail(api: APIRequestContext): Promise<string | null> {
  return (await sessionUser(api))?.email ?? null
}

// ─── Server actions over HTTP ────────────────────────────────────────────────────────────────────

/**
 * Calls a server action as React does: a multipart POST to the page, with the action's id in
 * Next-Action and the page's own Origin. The form's fields are prefixed with the FormData's
 * reference id (`_1_`), and field `0`, last, holds the argument list: `["$K1"]` for a form
 * action, `[previousState, "$K1"]` for a useActionState action (as recorded from Chromium).
 */
async function callAction(
  f: Fixture,
  api: APIRequestContext,
  key: string,
  fields: Record<string, string>,
): Promise<APIResponse> {
  const row = ACTIONS[key]
  const action = builtActions().get(key)
  if (!row || !action) throw new Error(`No row or no build entry for ${key}`)
  // A FormData keeps the order: React reads the arguments (`0`) as soon as they arrive, so the form's fields go first.
  const multipart = new FormData()
  for (const [name, value] of Object.entries(fields)) multipart.append(`_1_${name}`, value)
  multipart.append(
    '0',
    JSON.stringify(row.call === 'state' ? [{ status: 'idle' }, '$K1'] : ['$K1']),
  )
  return api.post(row.postTo(f), {
    headers: { 'Next-Action': action.id, Origin: f.origin, Accept: 'text/x-component' },
    multipart,
    maxRedirects: 0,
  })
}

/** What the action returned, when it returned a form state: helps to read a failure. */
async function actionAnswer(response: APIResponse): Promise<string> {
  const line = (await response.text()).split('\n').find((entry) => /^\d+:\{"status":/.test(entry))
  return line ? `, answered ${line.replace(/^\d+:/, '').slice(0, 200)}` : ''
}

/** Where requestSignInLink sends each caller's link in this run. */
function linkEmail(f: Fixture, caller: Persona): string {
  return `link-${caller.toLowerCase()}-${f.runId}@example.com`
}

async function copyOfSession(f: Fixture, caller: Persona): Promise<APIRequestContext> {
  const context = caller === 'anonymous' ? f.anonymous : f.accounts[caller].context
  return httpClient.newContext({ baseURL: f.origin, storageState: await context.storageState() })
}

/** Whether the account takes this password, tried in a fresh cookie jar. */
async function canSignIn(f: Fixture, email: string, password: string): Promise<boolean> {
  const api = await httpClient.newContext({ baseURL: f.origin })
  try {
    await callAction(f, api, SIGN_IN, { email, password, next: '/' })
    return (await sessionEmail(api)) === email
  } finally {
    await api.dispose()
  }
}

async function signInAgain(f: Fixture, who: AccountName) {
  const api = apiOf(f, who)
  if ((await sessionEmail(api)) === f.accounts[who].email) return
  await callAction(f, api, SIGN_IN, { email: f.accounts[who].email, password: PASSWORD, next: '/' })
  expect(await sessionEmail(api), `${who} signs in again`).toBe(f.accounts[who].email)
}

function victimIds(f: Fixture) {
  const victim = f.accounts.victim
  return { userId: victim.id, studentId: victim.id, email: victim.email }
}

// ─── What the actions change, and putting it back ────────────────────────────────────────────────

/** Which of the caller's and the victim's accounts sign in with this password. */
async function whoAcceptsPassword(f: Fixture, caller: Persona, password: string) {
  return {
    caller: caller === 'anonymous' ? null : await canSignIn(f, f.accounts[caller].email, password),
    victim: await canSignIn(f, f.accounts.victim.email, password),
  }
}

async function expectVictimSignsIn(f: Fixture, caller: Persona, action: string) {
  expect
    .soft(
      await canSignIn(f, f.accounts.victim.email, PASSWORD),
      `${caller} → ${action} changed the victim's account`,
    )
    .toBe(true)
}

async function changePasswordBack(f: Fixture, caller: Persona) {
  for (const who of [caller, 'victim'] as const) {
    if (who === 'anonymous' || !(await canSignIn(f, f.accounts[who].email, NEW_PASSWORD))) continue
    await callAction(f, apiOf(f, who), CHANGE_PASSWORD, {
      currentPassword: NEW_PASSWORD,
      newPassword: PASSWORD,
    })
    expect(await canSignIn(f, f.accounts[who].email, PASSWORD), `${who}'s password is back`).toBe(
      true,
    )
  }
}

/** The emails of X's members, from its instructor's heatmap export. */
async function membersOfX(f: Fixture): Promise<string[]> {
  const response = await apiOf(f, 'instructor').get(`/teach/cohorts/${f.cohortX.id}/heatmap.csv`)
  expect(response.status(), 'the instructor reads the heatmap of X').toBe(200)
  return [...(await response.text()).matchAll(/[\w.+-]+@[\w.-]+\.\w+/g)]
    .map((match) => match[0])
    .sort()
}

async function expectVictimInX(f: Fixture, caller: Persona, action: string) {
  expect
    .soft(await membersOfX(f), `${caller} → ${action} took the victim out of X`)
    .toContain(f.accounts.victim.email)
}

/** Joins or leaves X through the real actions, and checks it worked. */
async function ensureMembership(f: Fixture, who: AccountName, member: boolean) {
  const email = f.accounts[who].email
  if ((await membersOfX(f)).includes(email) === member) return
  if (member) {
    await ensureJoinCode(f)
    await callAction(f, apiOf(f, who), JOIN, { code: f.joinCode })
  } else {
    await callAction(f, apiOf(f, who), LEAVE, { cohortId: f.cohortX.id })
  }
  expect((await membersOfX(f)).includes(email), `${who} ${member ? 'joins' : 'leaves'} X`).toBe(
    member,
  )
}

/** X's join code as its instructor's page shows it, or "off". */
async function joinCodeOfX(f: Fixture): Promise<string> {
  const response = await apiOf(f, 'instructor').get(`/teach/cohorts/${f.cohortX.id}`)
  expect(response.status(), 'the instructor opens X').toBe(200)
  const code = /data-testid="join-code"[^>]*>([A-Z0-9-]+)</.exec(await response.text())?.[1]
  if (code) f.joinCode = code.replace('-', '')
  return code ?? 'off'
}

async function ensureJoinCode(f: Fixture) {
  if ((await joinCodeOfX(f)) !== 'off') return
  await callAction(f, apiOf(f, 'instructor'), RENEW_CODE, { cohortId: f.cohortX.id, expiresAt: '' })
  expect(await joinCodeOfX(f), 'X has a join code again').not.toBe('off')
}

function probeCohortName(f: Fixture, caller: Persona): string {
  return `Probe cohort of ${caller} ${f.runId}`
}

/** Whether a cohort of that name exists: an administrator's /teach lists every cohort. */
async function cohortExists(f: Fixture, name: string): Promise<boolean> {
  const response = await apiOf(f, 'admin').get('/teach')
  expect(response.status(), 'the admin opens /teach').toBe(200)
  return (await response.text()).includes(name)
}

async function everyonesRole(f: Fixture): Promise<Record<string, string | undefined>> {
  const roles: Record<string, string | undefined> = {}
  for (const who of Object.keys(f.accounts) as AccountName[])
    roles[who] = (await sessionUser(apiOf(f, who)))?.role
  return roles
}

async function victimBackToStudent(f: Fixture) {
  if ((await sessionUser(apiOf(f, 'victim')))?.role === 'STUDENT') return
  await callAction(f, apiOf(f, 'admin'), SET_ROLE, {
    userId: f.accounts.victim.id,
    role: 'STUDENT',
  })
  expect((await sessionUser(apiOf(f, 'victim')))?.role, 'the victim is a student again').toBe(
    'STUDENT',
  )
}

async function victimCanUseAccount(f: Fixture) {
  return {
    session: (await sessionEmail(apiOf(f, 'victim'))) !== null,
    signIn: await canSignIn(f, f.accounts.victim.email, PASSWORD),
  }
}

async function victimEnabledAgain(f: Fixture) {
  if (!(await canSignIn(f, f.accounts.victim.email, PASSWORD))) {
    await callAction(f, apiOf(f, 'admin'), SET_DISABLED, {
      userId: f.accounts.victim.id,
      disabled: 'false',
    })
  }
  await signInAgain(f, 'victim')
}

// ─── The fixture, made through the real pages ────────────────────────────────────────────────────

function uniqueEmail(who: string) {
  return `${who}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`
}

async function createFixture(browser: Browser, origin: string): Promise<Fixture> {
  const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
  const names: Record<AccountName, string> = {
    student: 'Sam Student',
    otherStudent: 'Olive Otherstudent',
    otherInstructor: 'Oscar Otherteacher',
    instructor: 'Iris Teacher',
    admin: 'Avery Admin',
    victim: 'Vic Bystander',
  }
  const accounts = {} as Record<AccountName, Member>
  for (const [who, name] of Object.entries(names) as [AccountName, string][]) {
    const email = uniqueEmail(`authz-${who.toLowerCase()}`)
    const context = await browser.newContext({ baseURL: origin })
    const page = await context.newPage()
    await page.goto('/sign-up')
    await fillSignUp(page, name, email)
    await page.close()
    accounts[who] = { name, email, context, id: '' }
  }

  // The E2E administrator hands out the roles.
  const bootstrap = await browser.newContext({ baseURL: origin })
  const adminPage = await signInAsE2EAdmin(await bootstrap.newPage())
  await giveRole(adminPage, accounts.instructor, 'INSTRUCTOR')
  await giveRole(adminPage, accounts.otherInstructor, 'INSTRUCTOR')
  await giveRole(adminPage, accounts.admin, 'ADMIN')
  await bootstrap.close()

  const cohortX = await createCohort(accounts.instructor, `Authz cohort X ${runId}`)
  const cohortY = await createCohort(accounts.otherInstructor, `Authz cohort Y ${runId}`)
  await joinThroughLink(accounts.student, cohortX)
  await joinThroughLink(accounts.victim, cohortX)

  for (const member of Object.values(accounts)) {
    const response = await member.context.request.get('/api/account/export')
    expect(response.status()).toBe(200)
    member.id = ((await response.json()) as { account: { id: string } }).account.id
  }

  return {
    origin,
    runId,
    anonymous: await browser.newContext({ baseURL: origin }),
    accounts,
    cohortX: { id: cohortX.id, name: cohortX.name },
    cohortY: { id: cohortY.id, name: cohortY.name },
    joinCode: cohortX.joinCode,
  }
}

async function fillSignUp(page: Page, name: string, email: string) {
  await page.getByLabel('Your name').fill(name)
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByRole('banner').getByTestId('account-menu-email')).toHaveText(email, {
    timeout: 15_000,
  })
}

/** The administrator is whoever signs up with E2E_ADMIN_EMAIL first; any other spec file may have done so already. */
async function signInAsE2EAdmin(page: Page): Promise<Page> {
  const signedIn = page.getByRole('banner').getByTestId('account-menu-email')
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await page.goto('/sign-in')
    await page.getByLabel('Email address').fill(E2E_ADMIN_EMAIL)
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    const refused = page.getByRole('main').getByRole('alert')
    await expect(signedIn.or(refused)).toBeVisible({ timeout: 15_000 })
    if (await signedIn.isVisible()) return page
    // Not there yet: create it. Should another spec file create it at the same moment, sign in again.
    await page.goto('/sign-up')
    await page.getByLabel('Email address').fill(E2E_ADMIN_EMAIL)
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect(signedIn.or(refused)).toBeVisible({ timeout: 15_000 })
    if (await signedIn.isVisible()) return page
  }
  throw new Error(`Could not sign in as ${E2E_ADMIN_EMAIL}`)
}

async function giveRole(adminPage: Page, member: Member, role: 'INSTRUCTOR' | 'ADMIN') {
  await adminPage.goto('/admin')
  await adminPage.getByLabel('Find by email or name').fill(member.email)
  await adminPage.getByRole('button', { name: 'Search', exact: true }).click()
  const row = adminPage.getByTestId('admin-user').filter({ hasText: member.email })
  await expect(row).toHaveCount(1)
  await row.getByLabel(`Role of ${member.name}`).selectOption(role)
  await row.getByRole('button', { name: `Save role of ${member.name}` }).click()
  await expect(
    row.getByText(`${role === 'ADMIN' ? 'Administrator' : 'Instructor'} · joined`),
  ).toBeVisible()
}

async function createCohort(owner: Member, name: string) {
  const page = await owner.context.newPage()
  await page.goto('/teach')
  await page.getByLabel('Cohort name').fill(name)
  await page.getByLabel('Course', { exact: true }).selectOption(COURSE)
  await page.getByRole('button', { name: 'Create cohort' }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  const id = /\/teach\/cohorts\/([^/?#]+)$/.exec(new URL(page.url()).pathname)?.[1]
  expect(id, 'creating a cohort opens its page').toBeDefined()
  const link = page.getByTestId('join-link')
  await expect(link).toHaveText(/\/join\/[A-Z0-9]{8}$/)
  const joinUrl = await link.innerText()
  await page.close()
  return { id: id ?? '', name, joinUrl, joinCode: joinUrl.slice(-8) }
}

async function joinThroughLink(member: Member, cohort: { name: string; joinUrl: string }) {
  const page = await member.context.newPage()
  await page.goto(cohort.joinUrl)
  await page.getByRole('button', { name: `Join ${cohort.name}` }).click()
  await expect(page.getByText('You joined the cohort.')).toBeVisible()
  await page.close()
}
