import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, openSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from './fixtures'

/**
 * The whole server goes away mid-lesson and comes back. This test runs its own
 * instance (the same `npm start` path, on its own port and data folder) so it can
 * stop and restart it without disturbing the other tests.
 */
const port = Number(process.env.E2E_RESTART_PORT ?? 3500)
const origin = `http://127.0.0.1:${port}`
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'drydock-restart-'))

/** The instance's own output, kept so a start that fails can say why. */
const logFile = path.join(dataDir, 'server.log')

function startServer(): ChildProcess {
  const log = openSync(logFile, 'a')
  return spawn('node_modules/.bin/tsx', ['scripts/run.ts', 'start'], {
    detached: true,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      DRYDOCK_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(port + 52000),
      DRYDOCK_SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
    },
  })
}

async function waitUntilReady(instance: ChildProcess) {
  // A cold start here includes initdb; on two busy cores that can take minutes.
  const deadline = Date.now() + 180_000
  while (Date.now() < deadline && instance.exitCode === null) {
    try {
      if ((await fetch(`${origin}/api/ready`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  const tail = readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n')
  const why = instance.exitCode === null ? 'did not become ready in 3 minutes' : `exited with ${instance.exitCode}`
  throw new Error(`the server ${why}; the end of its output:\n${tail}`)
}

async function stopServer(server: ChildProcess) {
  if (server.exitCode !== null || !server.pid) return
  const exited = new Promise((resolve) => server.once('exit', resolve))
  process.kill(-server.pid, 'SIGTERM')
  await exited
}

test.describe.configure({ mode: 'serial', timeout: 600_000 })

let server: ChildProcess | undefined

test.afterAll(async () => {
  if (server) await stopServer(server)
})

test('answers given while the server is down are saved once it is back', async ({ page }) => {
  server = startServer()
  await waitUntilReady(server)

  const email = `restart-${Date.now()}@example.com`
  await page.goto(`${origin}/sign-up`)
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password', { exact: true }).fill('a quiet dock at dusk')
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByRole('banner').getByTestId('account-menu-email')).toHaveText(email)

  await page.goto(`${origin}/courses/lesson-tour/every-component`)
  const status = page.getByTestId('sync-status').first()
  await expect(status).toHaveText('✓ Saved')

  await stopServer(server)

  const question = page.getByRole('group', { name: /three containers from the same image/ })
  await question.getByRole('radio', { name: /Nothing: each container writes/ }).check()
  await question.getByRole('button', { name: 'Check answer' }).click()
  await page.getByRole('checkbox', { name: /Write a Dockerfile with two lines/ }).check()
  await expect(status).toHaveText(/Offline — \d+ answers? waiting/)

  server = startServer()
  await waitUntilReady(server)
  // The browser retries on its own, with backoff up to a minute; no reload, no click.
  await expect(status).toHaveText('✓ Saved', { timeout: 150_000 })

  const saved = await page.request.get(`${origin}/api/progress?course=lesson-tour`)
  const { items } = (await saved.json()) as { items: { itemId: string; attempts: number; completed: boolean }[] }
  expect(items.find((item) => item.itemId === 'tour-quiz.shared-image')).toMatchObject({ attempts: 1, completed: true })
  expect(items.find((item) => item.itemId === 'tour-checklist-first-image')).toBeDefined()
})
