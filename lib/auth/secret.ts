import { randomBytes } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { getServerEnv } from '@/lib/env'

/**
 * The key session tokens are digested with. AUTH_SECRET when set; otherwise a
 * key generated once and kept in DRYDOCK_DATA_DIR, beside the embedded
 * PostgreSQL whose sessions it protects, so restarts keep everyone signed in.
 * lib/env.ts refuses to start production against an external database without
 * AUTH_SECRET, where several servers would each invent a different key.
 */

let cached: string | undefined

export function getAuthSecret(): string {
  if (cached) return cached
  const env = getServerEnv()
  cached = env.AUTH_SECRET ?? readOrCreateLocalSecret(env.DRYDOCK_DATA_DIR)
  return cached
}

function readOrCreateLocalSecret(dataDir: string): string {
  const file = path.resolve(dataDir, 'auth-secret')
  mkdirSync(path.dirname(file), { recursive: true })
  // Written aside and linked into place: link() fails when the file exists and
  // never exposes a half-written key, so two servers starting together agree on one.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`
  writeFileSync(draft, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 })
  try {
    linkSync(draft, file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  } finally {
    unlinkSync(draft)
  }
  const secret = readFileSync(file, 'utf8').trim()
  if (secret.length < 32)
    throw new Error(`${file} holds a key shorter than 32 characters; delete it to make a new one`)
  console.warn(
    `[drydock] AUTH_SECRET is not set: sessions use the key kept in ${file}. ` +
      'Set AUTH_SECRET (32+ characters) before running more than one server.',
  )
  return secret
}
