/**
 * Database chores against DATABASE_URL:
 *   npm run db:migrate   apply pending migrations
 *   npm run db:seed      sync the catalogue from .content/manifest.json (if built)
 *                        and create the demo accounts, printing new passwords once
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { ContentManifest } from '@/lib/content/types'
import { closeDb } from '@/lib/db'
import { applyMigrations } from '@/lib/db/migrate'
import { seedDemo } from '@/lib/data/demo-seed'
import { getDatabaseUrlOrThrow } from '@/lib/env'

const log = (message: string) => console.log(message)

async function readManifest(): Promise<ContentManifest | null> {
  const file = path.join(process.cwd(), '.content', 'manifest.json')
  if (!existsSync(file)) {
    log('No .content/manifest.json (run `npm run content:build` first to seed progress too)')
    return null
  }
  return JSON.parse(await readFile(file, 'utf8')) as ContentManifest
}

async function main(command: string | undefined): Promise<void> {
  switch (command) {
    case 'migrate':
      await applyMigrations(getDatabaseUrlOrThrow(), { log })
      return
    case 'seed':
      try {
        await seedDemo(await readManifest(), { log })
      } finally {
        await closeDb()
      }
      return
    default:
      console.error('Usage: tsx scripts/db.ts <migrate|seed>')
      process.exitCode = 2
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
