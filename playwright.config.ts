import { existsSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { defineConfig, devices } from '@playwright/test'

/**
 * E2E runs the real one-command start (`scripts/run.ts start`) against a fresh
 * embedded PostgreSQL in a temporary folder, and drives a real Chromium: the
 * system's Debian build when present (these machines cannot download browsers),
 * Playwright's own otherwise.
 */
/** Signs up as the administrator in the tests that need one. */
export const E2E_ADMIN_EMAIL = 'admin@e2e.example'

const port = Number(process.env.E2E_PORT ?? 3100)
const baseURL = process.env.E2E_BASE_URL ?? `http://127.0.0.1:${port}`
/**
 * The site's address as Auth.js sees it. Next.js turns 127.0.0.1 in a request's URL into
 * "localhost", so redirects from Auth.js's routes name localhost; e2e/sign-in-providers.spec.ts
 * browses there so cookies and redirects agree.
 */
export const E2E_AUTH_URL = process.env.E2E_BASE_URL ?? `http://localhost:${port}`
/** Where e2e/mail-sink.ts listens for the sign-in emails the server sends. */
export const E2E_SMTP_PORT = port + 25
/** Made-up OAuth clients: the tests follow the redirect to the provider's URL and stop there. */
export const E2E_OAUTH = {
  AUTH_GITHUB_ID: 'e2e-github-client',
  AUTH_GITHUB_SECRET: 'e2e-github-secret',
  AUTH_GOOGLE_ID: 'e2e-google-client.apps.googleusercontent.com',
  AUTH_GOOGLE_SECRET: 'e2e-google-secret',
}
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((candidate) => existsSync(candidate))

const launchOptions = systemChromium
  ? {
      executablePath: systemChromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    }
  : {}

const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'drydock-e2e-'))

export default defineConfig({
  testDir: 'e2e',
  // The SMTP server that receives sign-in emails (e2e/mail-sink.ts).
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  // Two cores run the server, PostgreSQL and two browsers at once; axe on a full lesson alone takes seconds.
  timeout: 60_000,
  // Progress, the session and the widgets arrive after hydration; with two browsers, the server and
  // PostgreSQL sharing two cores, that can take longer than Playwright's default five seconds.
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions,
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions }, grepInvert: /@phone/ },
    { name: 'phone', use: { ...devices['Pixel 7'], launchOptions }, grep: /@phone/ },
  ],
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        command: 'node_modules/.bin/tsx scripts/run.ts start',
        url: `${baseURL}/api/ready`,
        timeout: 300_000,
        reuseExistingServer: false,
        stdout: 'pipe',
        stderr: 'pipe',
        env: {
          PORT: String(port),
          HOSTNAME: '127.0.0.1',
          DRYDOCK_DATA_DIR: dataDir,
          EMBEDDED_PG_PORT: String(port + 51000 > 65535 ? 54339 : port + 51000),
          LOG_LEVEL: 'warn',
          // Node closes an idle keep-alive connection after 5 s; a test's HTTP client sending on it at that
          // moment gets ECONNRESET. Idle connections outlive any pause within a test instead.
          KEEP_ALIVE_TIMEOUT: '120000',
          // Every test signs up from 127.0.0.1; the limits have their own tests.
          DRYDOCK_RATE_LIMITS: 'false',
          ADMIN_EMAIL: E2E_ADMIN_EMAIL,
          // Next.js reports loopback addresses as "localhost", so that is the name Auth.js's tests use.
          AUTH_URL: E2E_AUTH_URL,
          SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
          EMAIL_FROM: 'Drydock <no-reply@e2e.example>',
          ...E2E_OAUTH,
        },
      },
})
