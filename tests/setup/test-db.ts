import { randomBytes } from 'node:crypto'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { inject } from 'vitest'
import { closeDb } from '@/lib/db'
import { PrismaClient } from '@/lib/generated/prisma/client'

/**
 * Gives an integration test file a database of its own on the server that
 * tests/setup/database.ts prepared:
 *
 *   let db: TestDatabase
 *   beforeAll(async () => { db = await useTestDatabase() })
 *   afterAll(() => db.drop())
 *
 * useTestDatabase() points DATABASE_URL at the new database, so lib code
 * (getDb(), lib/data/*) uses it; call it before anything reads the
 * environment. The database is a copy of the migrated template, which takes
 * a few milliseconds, so files never see each other's rows.
 */

export interface TestDatabase {
  url: string
  /** For assertions in plain SQL; closed by drop(). */
  pool: pg.Pool
  /** A Prisma client of the test's own, created on first call; closed by drop(). */
  prisma(): PrismaClient
  /** Closes every connection the test opened (including lib/db's) and drops the database. */
  drop(): Promise<void>
}

export interface TestDatabaseOptions {
  /** false: an empty database, for testing migrations themselves. */
  migrated?: boolean
}

/** The migrated database created for this run; treat it as read-only. */
export function getTemplateDatabaseUrl(): string {
  return inject('databaseUrl')
}

export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const template = new URL(getTemplateDatabaseUrl())
  const templateName = decodeURIComponent(template.pathname.slice(1))
  const name = `${templateName}_${randomBytes(3).toString('hex')}`
  await createDatabase(name, options.migrated === false ? undefined : templateName)

  const url = new URL(template)
  url.pathname = `/${name}`
  const pool = new pg.Pool({ connectionString: url.toString(), max: 4 })
  // drop() ends the database WITH (FORCE); a connection still closing when it does is not a test failure.
  pool.on('error', () => {})
  let prisma: PrismaClient | undefined
  return {
    url: url.toString(),
    pool,
    prisma: () =>
      (prisma ??= new PrismaClient({
        adapter: new PrismaPg({ connectionString: url.toString(), max: 2 }),
      })),
    drop: async () => {
      await closeDb()
      await prisma?.$disconnect()
      await pool.end()
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    },
  }
}

/** createTestDatabase(), and DATABASE_URL pointed at it for the code under test. */
export async function useTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const database = await createTestDatabase(options)
  process.env.DATABASE_URL = database.url
  return database
}

async function createDatabase(name: string, template: string | undefined): Promise<void> {
  const sql = `CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`
  // Copying a template fails while anything else is connected to it; a
  // previous file's connections may take a moment to close.
  for (let attempt = 1; ; attempt++) {
    try {
      await admin(sql)
      return
    } catch (error) {
      const busy = (error as { code?: string }).code === '55006'
      if (!busy || attempt >= 20) throw error
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject('adminDatabaseUrl') })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}
