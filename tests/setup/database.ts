import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { findFreePort, startEmbeddedPostgres, type EmbeddedPostgres } from '../../lib/db/embedded'
import { parseServerEnv } from '../../lib/env'
import { applyMigrations } from '../../lib/db/migrate'

/**
 * Vitest globalSetup for the integration project. Uses the PostgreSQL in
 * DATABASE_URL when set (CI, docker compose), otherwise starts a throwaway
 * embedded one in a temporary directory, never the developer's .data. Either
 * way it creates a fresh migrated database, drydock_test_<random>, and hands
 * its URL to the tests; tests/setup/test-db.ts clones it per test file.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated database this run created; use it as a template. */
    databaseUrl: string
    /** A connection on the same server allowed to create and drop databases. */
    adminDatabaseUrl: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: EmbeddedPostgres | undefined
  let workDir: string | undefined
  let adminUrl = parseServerEnv(process.env).DATABASE_URL
  if (!adminUrl) {
    workDir = await mkdtemp(path.join(tmpdir(), 'drydock-test-pg-'))
    server = await startEmbeddedPostgres({
      dataDir: workDir,
      port: await findFreePort(),
      database: 'postgres',
    })
    adminUrl = server.url
  }

  const name = `drydock_test_${randomBytes(4).toString('hex')}`
  const url = withDatabase(adminUrl, name)
  try {
    await execute(adminUrl, `CREATE DATABASE "${name}"`)
    await applyMigrations(url)
  } catch (error) {
    await server?.stop()
    if (workDir) await rm(workDir, { recursive: true, force: true })
    throw error
  }

  project.provide('databaseUrl', url)
  project.provide('adminDatabaseUrl', adminUrl)

  return async () => {
    await execute(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(
      (error: unknown) => {
        console.error(`Could not drop ${name}:`, error)
      },
    )
    await server?.stop()
    if (workDir) await rm(workDir, { recursive: true, force: true })
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

async function execute(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}
