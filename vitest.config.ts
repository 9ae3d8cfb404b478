import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const root = fileURLToPath(new URL('.', import.meta.url))

export default defineConfig({
  // server-only throws outside React's server bundle; tests import server modules directly.
  resolve: { alias: { '@': root, 'server-only': `${root}tests/setup/server-only.ts` } },
  test: {
    // The server's JSON request log is noise in test output.
    env: { LOG_LEVEL: 'silent' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{lib,components,app,scripts}/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['{lib,app,scripts,tests}/**/*.int.test.ts'],
          globalSetup: ['tests/setup/database.ts'],
          // Each file gets its own database; files run one at a time so the
          // embedded PostgreSQL is not overloaded on a 2-core machine.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
