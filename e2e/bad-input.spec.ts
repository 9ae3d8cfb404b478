import assert from 'node:assert/strict'
import fc from 'fast-check'
import { expect, test } from './fixtures'
import { hostileStrings, LEAK } from '../tests/support/hostile-input'
import { PrivateDatabase, PrivateServer, privatePorts } from './support/private-server'

/**
 * Property: whatever arrives at a route handler over real HTTP (malformed, oversized,
 * wrongly typed or hostile), Drydock answers with a 4xx and a message, never a 5xx,
 * never a stack trace or SQL, and the database is exactly as it was. A private server
 * and database, so every row of every table can be compared before and after.
 *
 * Server actions are exercised in tests/bad-input/server-actions.int.test.ts.
 */

// npm test sends 1,200 (minutes on a busy two-core machine); npm run test:faults sends 10,500.
const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 1_200)
const CONCURRENCY = 6
const ports = privatePorts(1)
const database = new PrivateDatabase(ports.postgres)
const server = new PrivateServer({ port: ports.http, databaseUrl: () => database.url })
const origin = server.origin

// ---------------------------------------------------------------- generators

/** For URLs, headers and cookies, which cannot carry a lone surrogate: UTF-8 turns it into U+FFFD. */
function urlSafe(value: string): string {
  return encodeURIComponent(Buffer.from(value, 'utf8').toString('utf8'))
}

const hostileString = hostileStrings({
  maxLength: 80,
  long: { minLength: 300, maxLength: 3000 },
  extra: ['%00%2e%2e%2f', '-1', '1e309', 'null'],
})

const hostileJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(hostileString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }),
  fc.constant(
    JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
  ),
)

/** Real course, lesson and item, so a broken field is the only thing wrong with the event. */
const REAL = {
  courseSlug: 'lesson-tour',
  lessonSlug: 'every-component',
  itemId: 'tour-quiz.shared-image',
}

const brokenEvent = fc.oneof(
  // Anything at all where an event should be.
  { weight: 2, arbitrary: fc.oneof(hostileJson, hostileString) },
  // Event-shaped, every field hostile.
  {
    weight: 3,
    arbitrary: fc.record(
      {
        clientEventId: fc.oneof(hostileString, fc.uuid()),
        courseSlug: fc.oneof(hostileString, fc.jsonValue()),
        lessonSlug: fc.oneof(hostileString, fc.jsonValue()),
        itemId: fc.oneof(hostileString, fc.jsonValue()),
        type: fc.oneof(hostileString, fc.constantFrom('quiz.answered', 'lesson.completed')),
        payload: hostileJson,
        occurredAt: fc.oneof(
          hostileString,
          fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
          fc.integer(),
        ),
      },
      { requiredKeys: [] },
    ),
  },
  // Well formed, for content that does not exist: refused as unknown (422), nothing stored.
  {
    weight: 2,
    arbitrary: fc.record({
      clientEventId: fc.uuid(),
      courseSlug: hostileString.map((slug) => `zz-${slug}`.slice(0, 200)),
      lessonSlug: hostileString.map((slug) => (slug || 'x').slice(0, 200)),
      itemId: fc.option(
        hostileString.map((slug) => (slug || 'x').slice(0, 200)),
        { nil: undefined },
      ),
      type: fc.constantFrom('quiz.answered', 'card.flipped', 'lesson.visited'),
      payload: fc.record({ correct: fc.boolean() }),
      occurredAt: fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((date) => date.toISOString()),
    }),
  },
  // Real content with one poisoned field (NUL bytes, a lone surrogate, a huge or malformed payload, a bad date).
  {
    weight: 2,
    arbitrary: fc
      .record({
        field: fc.constantFrom('payload', 'occurredAt', 'type', 'clientEventId', 'itemId'),
        poison: fc.oneof(
          fc.constant('\u0000'),
          fc.constant('bad\u0000value'),
          fc.constant('\uD800'),
          fc.constant({ answer: 'a\u0000b', correct: true }),
          fc.constant({ text: 'x'.repeat(5000) }),
          fc.constant([1, 2, 3]),
          fc.constant('2026-13-45T99:99:99Z'),
          fc.constant('+275760-09-13T00:00:00.001Z'),
        ),
      })
      .map(({ field, poison }) => ({
        clientEventId: '9d7d6c1e-3f7b-4a7e-9d51-3f0a5c3b6a10',
        ...REAL,
        type: 'quiz.answered',
        payload: { correct: true },
        occurredAt: new Date().toISOString(),
        [field]: poison,
      })),
  },
)

type Cookie = 'signed-in' | 'none' | 'garbage'
interface Probe {
  route: string
  method: string
  path: string
  cookie: Cookie
  garbageCookie: string
  headers: Record<string, string>
  body?: string
  /**
   * 'input': bad input must be refused with a 4xx; 'none': the route takes no input and must still not fail;
   * 'maybe': the input may happen to be valid, but a refusal must still explain itself.
   */
  kind: 'input' | 'none' | 'maybe'
}

// Mostly signed in, so most requests get past the session check to the input itself.
const cookieArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Cookie>('signed-in') },
  { weight: 1, arbitrary: fc.constant<Cookie>('none') },
  { weight: 1, arbitrary: fc.constant<Cookie>('garbage') },
)
const garbageCookieArb = fc.oneof(
  hostileString.map((value) => `drydock_session=${urlSafe(value).slice(0, 4000)}`),
  hostileString.map(
    (value) => `__Host-drydock_session=${urlSafe(value).slice(0, 4000)}; drydock_session=%`,
  ),
  fc.constant('drydock_session=' + 'A'.repeat(43)),
  fc.constant('drydock_session'),
  fc.constant(';;;=;'),
)
const originArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant('same') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'https://evil.example',
      'null',
      'http://127.0.0.1.evil.example',
      'javascript:alert(1)',
      '',
      '%%%',
      'http://[::1',
    ),
  },
  { weight: 1, arbitrary: fc.constant('absent') },
)
const contentTypeArb = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/jsonp',
  'absent',
)

const bodyArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .array(brokenEvent, { minLength: 1, maxLength: 8 })
      .map((events) => JSON.stringify({ events })),
  },
  { weight: 2, arbitrary: hostileJson.map((value) => JSON.stringify(value)) },
  { weight: 2, arbitrary: hostileString },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{"events":',
      '{"events":[}',
      '\u0000\u0001\u0002',
      '['.repeat(50_000),
      '{"events":[]}',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constant(JSON.stringify({ events: Array.from({ length: 201 }, () => ({})) })),
  },
  // Past the 512 KiB limit.
  { weight: 1, arbitrary: fc.constant(JSON.stringify({ events: ['x'.repeat(600 * 1024)] })) },
  {
    weight: 1,
    arbitrary: fc.constant(JSON.stringify({ events: [{ payload: 'y'.repeat(400 * 1024) }] })),
  },
)

const headerNoise = fc.record(
  {
    'x-request-id': hostileString.map((value) => urlSafe(value).slice(0, 300)),
    'x-forwarded-for': fc.oneof(
      fc.ipV4(),
      fc.ipV6(),
      hostileString.map((value) => urlSafe(value).slice(0, 200)),
    ),
    'x-forwarded-host': fc.constantFrom('evil.example', '127.0.0.1', ''),
    'x-forwarded-proto': fc.constantFrom('https', 'http', 'gopher'),
    accept: fc.constantFrom('*/*', 'text/html', 'application/json', 'text/x-component'),
  },
  { requiredKeys: [] },
)

function withOrigin(headers: Record<string, string>, choice: string): Record<string, string> {
  if (choice === 'absent') return headers
  return { ...headers, origin: choice === 'same' ? origin : choice }
}

/** A JSON write from a page (or not): hostile session, Origin, content type, body and header noise. */
function jsonWrite(method: string, path: string, bodies: fc.Arbitrary<string>): fc.Arbitrary<Probe> {
  return fc
    .record({
      cookie: cookieArb,
      garbageCookie: garbageCookieArb,
      origin: originArb,
      type: contentTypeArb,
      body: bodies,
      noise: headerNoise,
    })
    .map(({ cookie, garbageCookie, origin: originChoice, type, body, noise }): Probe => ({
      route: `${method} ${path}`,
      method,
      path,
      cookie,
      garbageCookie,
      // A forwarded host would make "same" foreign; the Origin check has its own cases.
      headers: withOrigin(
        { ...noise, 'x-forwarded-host': '', ...(type === 'absent' ? {} : { 'content-type': type }) },
        originChoice,
      ),
      body,
      kind: 'input',
    }))
}

const progressPost = jsonWrite('POST', '/api/progress', bodyArb)

const queryValue = fc
  .oneof(hostileString, fc.constantFrom('lesson-tour-not-here', 'zz', 'a-b-c', ''))
  .map((value) => urlSafe(value))

const progressGet = fc
  .record({
    cookie: cookieArb,
    garbageCookie: garbageCookieArb,
    course: fc.option(queryValue, { nil: undefined }),
    extra: fc.option(queryValue, { nil: undefined }),
    noise: headerNoise,
  })
  .map(({ cookie, garbageCookie, course, extra, noise }): Probe => ({
    route: 'GET /api/progress',
    method: 'GET',
    path: `/api/progress?${course === undefined ? '' : `course=${course}`}${extra === undefined ? '' : `&course=${extra}&${extra}=1`}`,
    cookie,
    garbageCookie,
    headers: noise,
    kind: 'input',
  }))

const signOut = fc
  .record({
    path: fc.constantFrom('/api/auth/sign-out', '/api/auth/sign-out-everywhere'),
    cookie: cookieArb,
    garbageCookie: garbageCookieArb,
    // A page of this site may always sign out; these are the requests that may not.
    origin: fc.constantFrom(
      'https://evil.example',
      'null',
      'http://127.0.0.1.evil.example',
      '',
      'absent',
      '%%%',
    ),
    body: fc.option(bodyArb, { nil: undefined }),
    noise: headerNoise,
  })
  .map(({ path, cookie, garbageCookie, origin: originChoice, body, noise }): Probe => ({
    route: `POST ${path}`,
    method: 'POST',
    path,
    cookie,
    garbageCookie,
    headers: withOrigin({ ...noise, 'x-forwarded-host': '' }, originChoice),
    body,
    kind: 'input',
  }))

const cohortId = fc.oneof(
  hostileString,
  fc.uuid(),
  fc.constantFrom('demo-cohort', '..', '%2e%2e', '%00', 'a'.repeat(5000)),
)

const csvGet = fc
  .record({
    file: fc.constantFrom('heatmap.csv', 'items.csv'),
    id: cohortId,
    cookie: cookieArb,
    garbageCookie: garbageCookieArb,
    noise: headerNoise,
  })
  .map(({ file, id, cookie, garbageCookie, noise }): Probe => ({
    route: `GET /teach/cohorts/[id]/${file}`,
    method: 'GET',
    // "." would be resolved away by the URL parser before the request leaves (see authjsRoute).
    path: `/teach/cohorts/${id === '' || id === '.' ? 'x' : urlSafe(id)}/${file}`,
    cookie,
    garbageCookie,
    headers: noise,
    kind: 'input',
  }))

const exportGet = fc
  .record({
    cookie: fc.constantFrom<Cookie>('none', 'garbage'),
    garbageCookie: garbageCookieArb,
    query: fc.option(queryValue, { nil: undefined }),
    noise: headerNoise,
  })
  .map(({ cookie, garbageCookie, query, noise }): Probe => ({
    route: 'GET /api/account/export',
    method: 'GET',
    path: `/api/account/export${query === undefined ? '' : `?user=${query}`}`,
    cookie,
    garbageCookie,
    headers: noise,
    kind: 'input',
  }))

/** Auth.js's catch-all, which answers 404 with a message on a server with no sign-in provider configured. */
const authjsRoute = fc
  .record({
    method: fc.constantFrom('GET', 'POST'),
    segments: fc.array(
      fc.oneof(
        // The URL parser resolves "." and ".." segments before the request leaves: "/api/auth/." arrives as "/api/auth/",
        // which Next.js redirects to "/api/auth". Such a request never reaches Drydock as it was generated.
        hostileString.map((segment) => (['', '.', '..'].includes(segment) ? 'x' : urlSafe(segment))),
        fc.constantFrom('signin', 'callback', 'csrf', 'session', 'signin/nodemailer', 'callback/github'),
      ),
      { minLength: 1, maxLength: 3 },
    ),
    cookie: cookieArb,
    garbageCookie: garbageCookieArb,
    body: fc.option(bodyArb, { nil: undefined }),
    origin: originArb,
  })
  .map(({ method, segments, cookie, garbageCookie, body, origin: originChoice }): Probe => ({
    route: `${method} /api/auth/[...nextauth]`,
    method,
    // Never one of Drydock's own sign-out routes, which are tested above.
    path: `/api/auth/${segments.join('/')}`.replace(/\/sign-out(-everywhere)?$/, '/x'),
    cookie,
    garbageCookie,
    headers: withOrigin({ 'content-type': 'application/x-www-form-urlencoded' }, originChoice),
    body: method === 'POST' ? body : undefined,
    kind: 'input',
  }))

/** Routes that read no input: hostile headers, cookies and query strings must not make them fail or leak. */
const noInputGet = fc
  .record({
    path: fc.constantFrom('/api/health', '/api/ready', '/api/session'),
    query: fc.option(queryValue, { nil: undefined }),
    cookie: fc.constantFrom<Cookie>('none', 'garbage'),
    garbageCookie: garbageCookieArb,
    noise: headerNoise,
  })
  .map(({ path, query, cookie, garbageCookie, noise }): Probe => ({
    route: `GET ${path}`,
    method: 'GET',
    path: `${path}${query === undefined ? '' : `?${query}=${query}`}`,
    cookie,
    garbageCookie,
    headers: noise,
    kind: 'none',
  }))

/** A query value that may also be a real course or module, or a real time zone. */
const reviewQueryValue = fc.oneof(
  { weight: 3, arbitrary: queryValue },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'docker-fundamentals',
      'lesson-tour',
      'mental-model',
      'Europe/Paris',
      'Etc/GMT+14',
      'America/Argentina/ComodRivadavia',
      'UTC%00',
      'Europe%2F..%2F..%2Fetc',
    ),
  },
)

/**
 * The review reads: a query string can also be valid (no filter is a real queue), so these must answer
 * below 500 without a leak, and any refusal must explain itself.
 */
const reviewGet = fc
  .record({
    route: fc.constantFrom('queue', 'cards', 'stats', 'settings'),
    params: fc.array(
      fc.tuple(fc.constantFrom('course', 'module', 'tz', 'limit', '__proto__'), reviewQueryValue),
      { maxLength: 4 },
    ),
    cookie: cookieArb,
    garbageCookie: garbageCookieArb,
    noise: headerNoise,
  })
  .map(({ route, params, cookie, garbageCookie, noise }): Probe => ({
    route: `GET /api/review/${route}`,
    method: 'GET',
    path: `/api/review/${route}?${params.map(([name, value]) => `${name}=${value}`).join('&')}`,
    cookie,
    garbageCookie,
    headers: noise,
    kind: 'maybe',
  }))

const settingsBody = fc.oneof(
  { weight: 3, arbitrary: hostileJson.map((value) => JSON.stringify(value)) },
  {
    weight: 3,
    arbitrary: fc
      .record(
        {
          desiredRetention: fc.oneof(
            fc.double({ noNaN: false }),
            fc.constantFrom(0.69, 0.98, 1, 0, -0.9, 1e309),
            hostileString,
          ),
          newCardsPerDay: fc.oneof(
            fc.integer({ min: -1_000_000, max: -1 }),
            fc.integer({ min: 201 }),
            fc.double({ min: 0.1, max: 199.9, noInteger: true }),
            hostileString,
          ),
        },
        { requiredKeys: [] },
      )
      .map((value) => JSON.stringify(value)),
  },
  { weight: 1, arbitrary: hostileString },
  // Past the 4 KiB limit of a settings body.
  {
    weight: 1,
    arbitrary: fc.constant(JSON.stringify({ desiredRetention: 0.9, newCardsPerDay: 20, note: 'z'.repeat(5000) })),
  },
)

const settingsPut = jsonWrite('PUT', '/api/review/settings', settingsBody)

/** Every route handler asked with a method it does not have. */
const wrongMethod = fc
  .record({
    path: fc.constantFrom(
      '/api/progress',
      '/api/health',
      '/api/ready',
      '/api/session',
      '/api/account/export',
      '/api/auth/sign-out',
      '/api/auth/sign-out-everywhere',
      '/teach/cohorts/x/heatmap.csv',
      '/teach/cohorts/x/items.csv',
      '/api/review/queue',
      '/api/review/cards',
      '/api/review/stats',
    ),
    method: fc.constantFrom('PUT', 'PATCH', 'DELETE'),
    cookie: cookieArb,
    garbageCookie: garbageCookieArb,
    body: fc.option(bodyArb, { nil: undefined }),
  })
  .map(({ path, method, cookie, garbageCookie, body }): Probe => ({
    route: `${method} ${path}`,
    method,
    path,
    cookie,
    garbageCookie,
    headers: { origin, 'content-type': 'application/json' },
    body,
    kind: 'input',
  }))

const probe = fc.oneof(
  { weight: 8, arbitrary: progressPost },
  { weight: 3, arbitrary: progressGet },
  { weight: 2, arbitrary: signOut },
  { weight: 3, arbitrary: csvGet },
  { weight: 1, arbitrary: exportGet },
  // Three routes share this arbitrary: a weight of one each keeps every route's share of the draw far above the floor below.
  { weight: 3, arbitrary: noInputGet },
  { weight: 2, arbitrary: wrongMethod },
  { weight: 2, arbitrary: authjsRoute },
  { weight: 3, arbitrary: reviewGet },
  { weight: 2, arbitrary: settingsPut },
)

// ---------------------------------------------------------------- the test

let sessionCookie = ''

async function send(request: Probe): Promise<{ status: number; type: string; body: string }> {
  const cookie =
    request.cookie === 'signed-in'
      ? sessionCookie
      : request.cookie === 'garbage'
        ? request.garbageCookie
        : undefined
  const response = await fetch(`${origin}${request.path}`, {
    method: request.method,
    headers: { ...request.headers, ...(cookie ? { cookie } : {}) },
    body: request.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(30_000),
  })
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: await response.text(),
  }
}

test.describe.configure({ mode: 'serial', timeout: 900_000 })

test.beforeAll(async ({ browser }) => {
  test.setTimeout(300_000)
  await database.start()
  await server.start()
  // The first account becomes the administrator, so it may also ask for any cohort's CSVs.
  const page = await browser.newPage()
  await page.goto(`${origin}/sign-up`)
  await page.getByLabel('Email address').fill('fuzz-admin@example.com')
  await page.getByLabel('Password', { exact: true }).fill('a long enough password')
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByRole('banner').getByTestId('account-menu-email')).toHaveText(
    'fuzz-admin@example.com',
  )
  const cookies = await page.context().cookies(origin)
  sessionCookie = cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ')
  expect(sessionCookie).toContain('drydock_session=')
  await page.close()
})

test.afterAll(async () => {
  await server.kill('SIGTERM')
  await database.stop()
})

test(`${RUNS} malformed, oversized and hostile requests to every route handler: a 4xx with a message, no 5xx, no leak, no change`, async () => {
  const before = await database.fingerprint()
  const statuses = new Map<string, Map<number, number>>()
  const started = Date.now()

  // Plain assertions here: Playwright records every expect() as a step and looks back through all of them each
  // time, which made ten thousand requests' worth of checks take quadratic time in the test process.
  const check = async (request: Probe) => {
    const response = await send(request)
    const seen = statuses.get(request.route) ?? new Map<number, number>()
    seen.set(response.status, (seen.get(response.status) ?? 0) + 1)
    statuses.set(request.route, seen)

    const said = `${request.route} answered ${response.status}: ${response.body.slice(0, 300)}`
    assert.ok(response.status < 500, `no 5xx. ${said}`)
    assert.ok(!LEAK.test(response.body), `no stack trace, source path or SQL. ${said}`)
    if (request.kind === 'input' || (request.kind === 'maybe' && response.status >= 400)) {
      assert.ok(response.status >= 400, `must refuse. ${said}`)
      // Drydock's own refusals explain themselves in JSON; 405 (no such method) and 431 (headers too large)
      // come from Next.js and Node.js before any handler runs.
      if (response.status === 404 && response.type.includes('text/html')) {
        // A path such as /teach/cohorts/../heatmap.csv names another page, which does not exist.
        assert.ok(response.body.includes('This page is not here'), `the not-found page. ${said}`)
      } else if (response.status !== 405 && response.status !== 431) {
        assert.ok(response.type.includes('application/json'), `a JSON refusal. ${said}`)
        const message = (JSON.parse(response.body) as { message?: unknown }).message
        assert.ok(typeof message === 'string' && message.length > 10, `a message a person can act on. ${said}`)
      }
    }
  }

  // Requests go CONCURRENCY at a time, as they would from many browsers; a failing batch is shrunk like any other value.
  await fc.assert(
    fc.asyncProperty(
      fc.array(probe, { minLength: CONCURRENCY, maxLength: CONCURRENCY }),
      async (batch) => {
        await Promise.all(batch.map(check))
      },
    ),
    {
      numRuns: Math.ceil(RUNS / CONCURRENCY),
      seed: Number(process.env.BAD_INPUT_SEED ?? Date.now() % 2 ** 31),
      verbose: 1,
    },
  )

  const after = await database.fingerprint()
  expect(after).toEqual(before)

  const seconds = ((Date.now() - started) / 1000).toFixed(0)
  const summary = [...statuses].map(
    ([route, counts]) =>
      `${route}: ${[...counts].map(([status, n]) => `${status}×${n}`).join(' ')}`,
  )
  test
    .info()
    .annotations.push({
      type: 'requests',
      description: `${RUNS} in ${seconds}s\n${summary.join('\n')}`,
    })
  // Every route handler was reached, and each with enough cases to mean something.
  for (const route of [
    'POST /api/progress',
    'GET /api/progress',
    'POST /api/auth/sign-out',
    'POST /api/auth/sign-out-everywhere',
    'GET /api/account/export',
    'GET /api/health',
    'GET /api/ready',
    'GET /api/session',
    'GET /api/review/queue',
    'GET /api/review/cards',
    'GET /api/review/stats',
    'GET /api/review/settings',
    'PUT /api/review/settings',
  ]) {
    expect(
      [...(statuses.get(route)?.values() ?? [])].reduce((a, b) => a + b, 0),
      route,
    ).toBeGreaterThan(RUNS / 200)
  }
  console.log(`bad input: ${RUNS} requests in ${seconds}s\n${summary.join('\n')}`)
})
