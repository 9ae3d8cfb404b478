import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

let dataDir: string

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'drydock-secret-'))
  vi.resetModules()
  vi.spyOn(console, 'warn').mockImplementation(() => {})
})
afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
  rmSync(dataDir, { recursive: true, force: true })
})

async function freshSecret() {
  const { getAuthSecret } = await import('./secret')
  return getAuthSecret()
}

describe('getAuthSecret', () => {
  it('uses AUTH_SECRET when it is set', async () => {
    vi.stubEnv('AUTH_SECRET', 's'.repeat(40))
    vi.stubEnv('DRYDOCK_DATA_DIR', dataDir)
    expect(await freshSecret()).toBe('s'.repeat(40))
  })

  it('otherwise keeps one generated key in the data folder, readable only by its owner', async () => {
    vi.stubEnv('AUTH_SECRET', '')
    vi.stubEnv('DRYDOCK_DATA_DIR', dataDir)
    const first = await freshSecret()
    vi.resetModules()
    const second = await freshSecret()

    expect(first.length).toBeGreaterThanOrEqual(32)
    expect(second).toBe(first)
    const file = path.join(dataDir, 'auth-secret')
    expect(readFileSync(file, 'utf8').trim()).toBe(first)
    expect(statSync(file).mode & 0o077).toBe(0)
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining('AUTH_SECRET is not set'))
  })
})
