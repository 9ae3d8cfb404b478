import { createHash } from 'node:crypto'
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-db'
import { applyMigrations, getMigrationStatus, MigrationError } from './migrate'

const repoMigrations = path.join(process.cwd(), 'prisma', 'migrations')

let databases: TestDatabase[] = []
let dirs: string[] = []

async function emptyDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase({ migrated: false })
  databases.push(database)
  return database
}

/** A copy of the real migrations that a test may add to or tamper with. */
async function migrationsCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'drydock-migrations-'))
  dirs.push(dir)
  await cp(repoMigrations, dir, { recursive: true })
  return dir
}

async function addMigration(dir: string, name: string, sql: string): Promise<void> {
  await mkdir(path.join(dir, name), { recursive: true })
  await writeFile(path.join(dir, name, 'migration.sql'), sql)
}

async function repoMigrationNames(): Promise<string[]> {
  const entries = await readdir(repoMigrations, { withFileTypes: true })
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
}

afterEach(async () => {
  await Promise.all(databases.map((d) => d.drop()))
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
  databases = []
  dirs = []
})

describe('applyMigrations', () => {
  it('builds the schema on an empty database, and a second run applies nothing', async () => {
    const db = await emptyDatabase()
    const names = await repoMigrationNames()
    expect(await getMigrationStatus(db.url)).toEqual({ applied: [], pending: names })

    expect(await applyMigrations(db.url)).toEqual({ applied: names })
    const { rows } = await db.pool.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    )
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        'users',
        'sessions',
        'courses',
        'lessons',
        'items',
        'progress_events',
        'item_states',
      ]),
    )

    expect(await applyMigrations(db.url)).toEqual({ applied: [] })
    expect(await getMigrationStatus(db.url)).toEqual({ applied: names, pending: [] })
  })

  it('records each migration in _prisma_migrations exactly as Prisma does', async () => {
    const db = await emptyDatabase()
    await applyMigrations(db.url)

    const columns = await db.pool.query<{
      column_name: string
      data_type: string
      is_nullable: string
      len: number | null
    }>(
      `SELECT column_name, data_type, is_nullable, character_maximum_length AS len
       FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    )
    expect(columns.rows).toEqual([
      { column_name: 'id', data_type: 'character varying', is_nullable: 'NO', len: 36 },
      { column_name: 'checksum', data_type: 'character varying', is_nullable: 'NO', len: 64 },
      {
        column_name: 'finished_at',
        data_type: 'timestamp with time zone',
        is_nullable: 'YES',
        len: null,
      },
      {
        column_name: 'migration_name',
        data_type: 'character varying',
        is_nullable: 'NO',
        len: 255,
      },
      { column_name: 'logs', data_type: 'text', is_nullable: 'YES', len: null },
      {
        column_name: 'rolled_back_at',
        data_type: 'timestamp with time zone',
        is_nullable: 'YES',
        len: null,
      },
      {
        column_name: 'started_at',
        data_type: 'timestamp with time zone',
        is_nullable: 'NO',
        len: null,
      },
      { column_name: 'applied_steps_count', data_type: 'integer', is_nullable: 'NO', len: null },
    ])

    const { rows } = await db.pool.query(
      'SELECT * FROM "_prisma_migrations" ORDER BY migration_name',
    )
    const names = await repoMigrationNames()
    expect(rows).toHaveLength(names.length)
    for (const [index, row] of rows.entries()) {
      const script = await readFile(path.join(repoMigrations, names[index]!, 'migration.sql'))
      expect(row).toMatchObject({
        migration_name: names[index],
        checksum: createHash('sha256').update(script).digest('hex'),
        logs: null,
        rolled_back_at: null,
        applied_steps_count: 1,
      })
      expect(row.id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      )
      expect(row.finished_at.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime())
    }
  })

  it('lets replicas that start together migrate once between them', async () => {
    const db = await emptyDatabase()
    const dir = await migrationsCopy()
    // Slow enough that an unlocked second runner would collide with the first.
    await addMigration(
      dir,
      '99990101000000_slow',
      'SELECT pg_sleep(0.5);\nCREATE TABLE "slow_marker" ("id" INTEGER);\n',
    )

    const results = await Promise.all([
      applyMigrations(db.url, { migrationsDir: dir }),
      applyMigrations(db.url, { migrationsDir: dir }),
    ])

    const total = (await repoMigrationNames()).length + 1
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, total])
    const { rows } = await db.pool.query<{ migration_name: string; n: number }>(
      'SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY migration_name',
    )
    expect(rows).toHaveLength(total)
    expect(rows.every((r) => r.n === 1)).toBe(true)
  })

  it('refuses to run when an applied migration was edited afterwards', async () => {
    const db = await emptyDatabase()
    const dir = await migrationsCopy()
    await applyMigrations(db.url, { migrationsDir: dir })

    const [first] = await repoMigrationNames()
    const file = path.join(dir, first!, 'migration.sql')
    const original = await readFile(file, 'utf8')

    // What git's autocrlf does on Windows is not an edit.
    await writeFile(file, original.replace(/\n/g, '\r\n'))
    await expect(applyMigrations(db.url, { migrationsDir: dir })).resolves.toEqual({ applied: [] })

    await writeFile(file, `${original}\nALTER TABLE "users" ADD COLUMN "nickname" TEXT;\n`)
    const attempt = applyMigrations(db.url, { migrationsDir: dir })
    await expect(attempt).rejects.toBeInstanceOf(MigrationError)
    await expect(attempt).rejects.toThrow(`Migration ${first} was changed after it was applied`)
  })

  it('rolls back a failing migration, records the attempt, and applies it once fixed', async () => {
    const db = await emptyDatabase()
    const dir = await migrationsCopy()
    await addMigration(
      dir,
      '99990101000000_broken',
      'CREATE TABLE "half_done" ("id" INTEGER);\nSELECT * FROM "no_such_table";\n',
    )

    await expect(applyMigrations(db.url, { migrationsDir: dir })).rejects.toThrow(
      /Migration 99990101000000_broken failed and was rolled back: .*no_such_table/,
    )
    const halfDone = await db.pool.query("SELECT to_regclass('half_done') AS t")
    expect(halfDone.rows[0].t).toBeNull()
    const attempt = await db.pool.query(
      `SELECT logs, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE migration_name = '99990101000000_broken'`,
    )
    expect(attempt.rows).toEqual([
      {
        logs: expect.stringContaining('no_such_table'),
        finished_at: null,
        rolled_back_at: expect.any(Date),
      },
    ])
    expect((await getMigrationStatus(db.url, { migrationsDir: dir })).pending).toEqual([
      '99990101000000_broken',
    ])

    await addMigration(dir, '99990101000000_broken', 'CREATE TABLE "half_done" ("id" INTEGER);\n')
    await expect(applyMigrations(db.url, { migrationsDir: dir })).resolves.toEqual({
      applied: ['99990101000000_broken'],
    })
  })

  it('counts the exercises already completed when it adds them to lesson progress', async () => {
    const db = await emptyDatabase()
    const dir = await migrationsCopy()
    const name = (await repoMigrationNames()).find((entry) => entry.endsWith('_lesson_items_done'))
    if (!name) throw new Error('no lesson_items_done migration')
    const held = path.join(await mkdtemp(path.join(tmpdir(), 'drydock-held-')), name)
    dirs.push(path.dirname(held))
    await cp(path.join(dir, name), held, { recursive: true })
    await rm(path.join(dir, name), { recursive: true })
    // Every migration after it, too: the database is as it stood before.
    for (const later of (await repoMigrationNames()).filter((entry) => entry > name)) await rm(path.join(dir, later), { recursive: true })
    await applyMigrations(db.url, { migrationsDir: dir })

    await db.pool.query(`
      INSERT INTO users (id, email, updated_at) VALUES ('ada', 'ada@example.com', now()), ('bo', 'bo@example.com', now());
      INSERT INTO courses (slug, title, summary, position, content_hash) VALUES ('c', 'C', 'S', 0, 'h');
      INSERT INTO course_modules (id, course_slug, slug, title, position) VALUES ('c/m', 'c', 'm', 'M', 0);
      INSERT INTO lessons (id, course_slug, module_id, slug, title, summary, minutes, position, content_hash)
        VALUES ('c/one', 'c', 'c/m', 'one', 'One', 'S', 5, 0, 'h'), ('c/two', 'c', 'c/m', 'two', 'Two', 'S', 5, 1, 'h');
      INSERT INTO items (id, lesson_id, kind, label, position, content_hash)
        VALUES ('c/a', 'c/one', 'quiz-question', 'A', 0, 'h'), ('c/b', 'c/one', 'flip-card', 'B', 1, 'h'),
               ('c/c', 'c/two', 'quiz-question', 'C', 0, 'h');
      INSERT INTO item_states (user_id, item_id, status, last_payload, last_event_at)
        VALUES ('ada', 'c/a', 'COMPLETED', '{}', now()), ('ada', 'c/b', 'COMPLETED', '{}', now()),
               ('ada', 'c/c', 'STARTED', '{}', now()), ('bo', 'c/c', 'COMPLETED', '{}', now());
      INSERT INTO lesson_progress (user_id, lesson_id, first_visited_at, last_visited_at)
        VALUES ('ada', 'c/one', now(), now()), ('ada', 'c/two', now(), now());`)

    await cp(held, path.join(dir, name), { recursive: true })
    expect(await applyMigrations(db.url, { migrationsDir: dir })).toEqual({ applied: [name] })
    const { rows } = await db.pool.query<{ user_id: string; lesson_id: string; items_done: number }>(
      'SELECT user_id, lesson_id, items_done FROM lesson_progress ORDER BY user_id, lesson_id',
    )
    // Bo's completion had no lesson row (an older content layout): it gets one.
    expect(rows).toEqual([
      { user_id: 'ada', lesson_id: 'c/one', items_done: 2 },
      { user_id: 'ada', lesson_id: 'c/two', items_done: 0 },
      { user_id: 'bo', lesson_id: 'c/two', items_done: 1 },
    ])
  })

  it('stops at a migration Prisma left failed rather than building on it', async () => {
    const db = await emptyDatabase()
    await applyMigrations(db.url)
    await db.pool.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at, applied_steps_count)
       VALUES ('00000000-0000-4000-8000-000000000000', 'x', '99990101000000_manual', 'boom', now(), 0)`,
    )
    await expect(applyMigrations(db.url)).rejects.toThrow(/99990101000000_manual failed earlier/)
  })
})
