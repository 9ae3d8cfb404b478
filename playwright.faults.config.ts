import { defineConfig } from '@playwright/test'
import base from './playwright.config'

/**
 * `npm run test:faults`: the slow reliability tests. Each starts its own database and
 * server (e2e/support/private-server.ts) so it can kill and restart them; the shared
 * server of the base config still starts first, which also makes sure the production
 * build is current. One at a time: they measure what survives faults, not speed.
 */
// The full property run over HTTP (npm test sends 1,200).
process.env.BAD_INPUT_RUNS ??= '10500'

export default defineConfig({
  ...base,
  testMatch: ['**/*.faults.ts', '**/bad-input.spec.ts'],
  fullyParallel: false,
  workers: 1,
  timeout: 1_800_000,
  projects: [base.projects![0]!],
})
