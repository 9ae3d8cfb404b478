import { defineConfig } from 'prisma/config'
import { getServerEnv } from './lib/env'

const databaseUrl = getServerEnv().DATABASE_URL

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  // `prisma generate` needs no database, and it runs on postinstall and in
  // image builds where none exists; only CLI commands that talk to a
  // database (status, studio) need the URL, and they say so when it is absent.
  ...(databaseUrl ? { datasource: { url: databaseUrl } } : {}),
})
