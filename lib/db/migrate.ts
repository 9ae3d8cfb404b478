import { createHash, randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import { silentLog, type DbLog } from './log'

/**
 * Applies prisma/migrations the way `prisma migrate deploy` does, without the
 * Prisma CLI's native engine (which cannot be downloaded everywhere Drydock
 * runs). Bookkeeping goes into Prisma's own `_prisma_migrations` table with
 * Prisma's columns and meanings, so `prisma migrate status` run from a machine
 * that has the engine agrees with what happened here.
 *
 * Needs a direct connection: a pooler in transaction mode (PgBouncer) would
 * hand the session advisory lock and the migration to different backends.
 */

export interface MigrationOptions {
  log?: DbLog
  /** Defaults to `<cwd>/prisma/migrations`: the repository root in development, `.next/standalone` in the image. */
  migrationsDir?: string
}

export interface MigrationStatus {
  applied: string[]
  pending: string[]
}

/** A migration could not be applied, or the database's history disagrees with the files. */
export class MigrationError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MigrationError'
  }
}

// The key `prisma migrate` itself locks on, so this runner, other replicas and
// a real `prisma migrate deploy` all wait for one another.
const PRISMA_MIGRATE_LOCK_KEY = 72707369

// Prisma's definition, column for column (schema engine, postgres flavour).
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`

interface LocalMigration {
  name: string
  script: string
  checksum: string
}

interface MigrationRow {
  migration_name: string
  checksum: string
  finished_at: Date | null
  rolled_back_at: Date | null
  logs: string | null
}

/**
 * Applies every migration not yet recorded, oldest first, each in its own
 * transaction, holding a session advisory lock throughout so replicas that
 * start together apply each migration once. Returns the names it applied.
 */
export async function applyMigrations(
  connectionString: string,
  options: MigrationOptions = {},
): Promise<{ applied: string[] }> {
  const log = options.log ?? silentLog
  const migrations = await readLocalMigrations(options.migrationsDir)
  const client = new pg.Client({ connectionString, application_name: 'drydock-migrate' })
  await client.connect()
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1) AS locked',
      [PRISMA_MIGRATE_LOCK_KEY],
    )
    if (!rows[0]?.locked) {
      log('Another process is migrating this database; waiting for it to finish')
      await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_KEY])
    }

    await client.query(CREATE_MIGRATIONS_TABLE)
    const pending = planMigrations(migrations, await readMigrationRows(client))
    if (pending.length === 0) {
      log(
        `Database schema is up to date (${migrations.length} migration${migrations.length === 1 ? '' : 's'})`,
      )
      return { applied: [] }
    }

    const applied: string[] = []
    for (const migration of pending) {
      log(`Applying migration ${migration.name}`)
      await applyOne(client, migration)
      applied.push(migration.name)
    }
    log(`Applied ${applied.length} migration${applied.length === 1 ? '' : 's'}`)
    return { applied }
  } finally {
    // Closing the session releases the advisory lock even if unlocking fails.
    await client.query('SELECT pg_advisory_unlock_all()').catch(() => undefined)
    await client.end()
  }
}

/** Which migrations the database has and which it still needs; cheap enough for a readiness probe. */
export async function getMigrationStatus(
  connectionString: string,
  options: Pick<MigrationOptions, 'migrationsDir'> = {},
): Promise<MigrationStatus> {
  const migrations = await readLocalMigrations(options.migrationsDir)
  const client = new pg.Client({ connectionString, application_name: 'drydock-migration-status' })
  await client.connect()
  try {
    const { rows } = await client.query<{ exists: boolean }>(
      "SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists",
    )
    const recorded = rows[0]?.exists ? await readMigrationRows(client) : []
    const done = new Set(recorded.filter(isApplied).map((row) => row.migration_name))
    return {
      applied: migrations.filter((m) => done.has(m.name)).map((m) => m.name),
      pending: migrations.filter((m) => !done.has(m.name)).map((m) => m.name),
    }
  } finally {
    await client.end()
  }
}

function resolveMigrationsDir(migrationsDir: string | undefined): string {
  return migrationsDir ?? path.join(process.cwd(), 'prisma', 'migrations')
}

async function readLocalMigrations(migrationsDir: string | undefined): Promise<LocalMigration[]> {
  const dir = resolveMigrationsDir(migrationsDir)
  if (!existsSync(/*turbopackIgnore: true*/ dir)) {
    throw new MigrationError(
      `No migrations folder at ${dir}. Run Drydock from the repository root (or .next/standalone with prisma/migrations copied next to server.js).`,
    )
  }
  const entries = await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
  const names = entries
    .filter(
      (entry) => entry.isDirectory() &&
        existsSync(/*turbopackIgnore: true*/ path.join(dir, entry.name, 'migration.sql')),
    )
    .map((entry) => entry.name)
    // Timestamp prefixes make name order the order they were written, as Prisma assumes.
    .sort()
  return Promise.all(
    names.map(async (name) => {
      const script = await readFile(/*turbopackIgnore: true*/ path.join(dir, name, 'migration.sql'), 'utf8')
      return { name, script, checksum: sha256(script) }
    }),
  )
}

async function readMigrationRows(client: pg.Client): Promise<MigrationRow[]> {
  const { rows } = await client.query<MigrationRow>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at, logs FROM "_prisma_migrations" ORDER BY started_at',
  )
  return rows
}

// Rows marked rolled back are history only, exactly as Prisma treats them.
function isApplied(row: MigrationRow): boolean {
  return row.finished_at !== null && row.rolled_back_at === null
}

/** The migrations still to apply, after checking the recorded history against the files. */
function planMigrations(migrations: LocalMigration[], rows: MigrationRow[]): LocalMigration[] {
  const failed = rows.find((row) => row.finished_at === null && row.rolled_back_at === null)
  if (failed) {
    throw new MigrationError(
      `Migration ${failed.migration_name} failed earlier and may be partly applied` +
        `${failed.logs ? ` (${failed.logs.split('\n')[0]})` : ''}. ` +
        `Repair the database by hand, then mark it with \`prisma migrate resolve --rolled-back ${failed.migration_name}\` ` +
        `(or --applied) before starting again.`,
    )
  }
  const applied = new Map(rows.filter(isApplied).map((row) => [row.migration_name, row]))
  const pending: LocalMigration[] = []
  for (const migration of migrations) {
    const row = applied.get(migration.name)
    if (!row) {
      pending.push(migration)
    } else if (!checksumMatches(migration.script, row.checksum)) {
      throw new MigrationError(
        `Migration ${migration.name} was changed after it was applied to this database ` +
          `(recorded checksum ${row.checksum}, file now ${migration.checksum}). ` +
          'Restore the original prisma/migrations/' +
          `${migration.name}/migration.sql and put the change in a new migration (npm run db:diff -- <name>).`,
      )
    }
  }
  return pending
}

async function applyOne(client: pg.Client, migration: LocalMigration): Promise<void> {
  const id = randomUUID()
  try {
    await client.query('BEGIN')
    await client.query(
      'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
      [id, migration.checksum, migration.name],
    )
    // No parameters, so pg sends it as a simple query and PostgreSQL accepts
    // the whole multi-statement script at once.
    await client.query(migration.script)
    // Prisma counts the script as one step and stamps the end separately.
    await client.query(
      'UPDATE "_prisma_migrations" SET applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp() WHERE id = $1',
      [id],
    )
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    const message = error instanceof Error ? error.message : String(error)
    // The transaction undid everything, so the attempt is recorded as already
    // rolled back: kept for the audit trail, and no obstacle to a fixed retry
    // (Prisma ignores rolled-back rows the same way).
    await client
      .query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at, rolled_back_at, applied_steps_count)
         VALUES ($1, $2, $3, $4, now(), now(), 0)`,
        [id, migration.checksum, migration.name, message],
      )
      .catch(() => undefined)
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${message}`)
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

// Prisma accepts a script whose line endings git converted since it was applied.
function checksumMatches(script: string, checksum: string): boolean {
  return [script, script.replace(/\r\n/g, '\n'), script.replace(/\r?\n/g, '\r\n')].some(
    (s) => sha256(s) === checksum,
  )
}
