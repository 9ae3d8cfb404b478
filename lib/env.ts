import { readFileSync } from 'node:fs'
import { z } from 'zod'

/**
 * Every environment variable Drydock reads, validated once. A missing or
 * malformed value stops the process with a message naming the variable and
 * what it expects. Only this module reads process.env for configuration.
 */
const serverSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a PostgreSQL connection URL such as postgres://user:password@host:5432/drydock')
    .optional(),
  DATABASE_POOL_MAX: z.coerce
    .number()
    .int('a whole number')
    .min(1, 'at least 1')
    .max(200, 'at most 200')
    .default(10),
  PORT: z.coerce.number().int('a whole number').min(1).max(65535, 'a TCP port (1-65535)').default(3000),
  HOSTNAME: z.string().min(1).default('localhost'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DRYDOCK_DATA_DIR: z.string().min(1).default('.data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535, 'a TCP port (1024-65535)').default(54329),
  DRYDOCK_MIGRATE_ON_START: z
    .enum(['true', 'false', '1', '0'], { message: 'true or false' })
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  DRYDOCK_STARTUP_WAIT_SECONDS: z.coerce.number().int().min(0).max(600, 'at most 600 seconds').default(60),
  DRYDOCK_SEED_DEMO: z
    .enum(['true', 'false', '1', '0'], { message: 'true or false' })
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  AUTH_SECRET: z
    .string()
    .min(32, 'at least 32 characters (for example the output of `openssl rand -base64 32`)')
    .optional(),
  /** How many reverse proxies in front of Drydock append to X-Forwarded-For; rate limits key on the address they saw. */
  TRUSTED_PROXY_HOPS: z.coerce.number().int('a whole number').min(0).max(5, 'at most 5').default(0),
  /** Set to false to switch rate limits off (load tests on a private network). */
  DRYDOCK_RATE_LIMITS: z
    .enum(['true', 'false', '1', '0'], { message: 'true or false' })
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  ADMIN_EMAIL: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email('an email address such as admin@example.org'))
    .optional(),
  /**
   * The site's public origin, e.g. https://learn.example.org. Sign-in links and OAuth
   * callbacks are built from it, never from the request's Host or X-Forwarded-Host.
   */
  AUTH_URL: z
    .url({ protocol: /^https?$/, error: 'an http(s) URL such as https://learn.example.org' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  /** Switches on "Email me a sign-in link", e.g. smtp://user:password@smtp.example.org:587. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'an SMTP URL such as smtp://user:password@smtp.example.org:587')
    .optional(),
  /** The sender of sign-in links, e.g. "Drydock <no-reply@example.org>". */
  EMAIL_FROM: z.string().trim().min(3).max(200).optional(),
  AUTH_GITHUB_ID: z.string().trim().min(1).optional(),
  AUTH_GITHUB_SECRET: z.string().trim().min(1).optional(),
  AUTH_GOOGLE_ID: z.string().trim().min(1).optional(),
  AUTH_GOOGLE_SECRET: z.string().trim().min(1).optional(),
})

export type ServerEnv = z.infer<typeof serverSchema>

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'EnvError'
  }
}

/** Parses an environment object; throws EnvError listing every problem. */
export function parseServerEnv(source: Record<string, string | undefined>): ServerEnv {
  // Treat empty strings as unset so `FOO=` in an .env file falls back to the default.
  const cleaned = readSecretFiles(
    Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>,
  )
  const result = serverSchema.safeParse(cleaned)
  if (result.success) {
    if (needsAuthSecret(result.data) && !result.data.AUTH_SECRET) {
      throw new EnvError([
        'AUTH_SECRET: expected at least 32 characters (for example the output of `openssl rand -base64 32`); ' +
          'it is missing, and production with an external DATABASE_URL needs one shared by every instance',
      ])
    }
    const problems = providerProblems(result.data)
    if (problems.length > 0) throw new EnvError(problems)
    return result.data
  }
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.')
    const got = cleaned[name]
    const shown = got === undefined ? 'it is missing' : `got "${redact(name, got)}"`
    return `${name}: expected ${issue.message.replace(/^Invalid (input|option): expected /i, '')}; ${shown}`
  })
  throw new EnvError(problems)
}

/**
 * Sessions are stored under a keyed digest of their token, so every server
 * sharing a database must share the key. With the embedded PostgreSQL there is
 * exactly one server and one data folder, and lib/auth/secret.ts keeps a
 * generated key beside the database; anywhere else in production the key
 * cannot be guessed into agreement, so it must be given.
 */
function needsAuthSecret(env: ServerEnv): boolean {
  if (env.NODE_ENV !== 'production' || !env.DATABASE_URL) return false
  return !isEmbeddedDatabaseUrl(env.DATABASE_URL, env.EMBEDDED_PG_PORT)
}

/** Sign-in methods besides email and password, each switched on by its settings. */
export interface SignInProviders {
  email: boolean
  github: boolean
  google: boolean
}

export function enabledSignInProviders(env: ServerEnv): SignInProviders {
  return {
    email: Boolean(env.SMTP_URL),
    github: Boolean(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET),
    google: Boolean(env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET),
  }
}

/**
 * A provider half configured is a mistake to report, not to ignore. Links in
 * emails and OAuth callbacks must point at the public address, which a server
 * behind a proxy cannot know for sure: production asks for AUTH_URL.
 */
function providerProblems(env: ServerEnv): string[] {
  const problems: string[] = []
  const pair = (id: 'AUTH_GITHUB_ID' | 'AUTH_GOOGLE_ID', secret: 'AUTH_GITHUB_SECRET' | 'AUTH_GOOGLE_SECRET') => {
    if (env[id] && !env[secret]) problems.push(`${secret}: expected the OAuth client secret that goes with ${id}; it is missing`)
    if (env[secret] && !env[id]) problems.push(`${id}: expected the OAuth client id that goes with ${secret}; it is missing`)
  }
  pair('AUTH_GITHUB_ID', 'AUTH_GITHUB_SECRET')
  pair('AUTH_GOOGLE_ID', 'AUTH_GOOGLE_SECRET')
  if (env.SMTP_URL && !env.EMAIL_FROM) {
    problems.push('EMAIL_FROM: expected the sender of sign-in emails, such as "Drydock <no-reply@example.org>"; it is missing and SMTP_URL is set')
  }
  const { email, github, google } = enabledSignInProviders(env)
  if (env.NODE_ENV === 'production' && !env.AUTH_URL && (email || github || google)) {
    problems.push(
      'AUTH_URL: expected the public address of this site, such as https://learn.example.org; it is missing, and sign-in links and OAuth callbacks are built from it',
    )
  }
  return problems
}

/** Whether a URL points at the embedded PostgreSQL that `npm start` runs on loopback. */
export function isEmbeddedDatabaseUrl(url: string, embeddedPort: number): boolean {
  try {
    const { hostname, port } = new URL(url)
    return (hostname === '127.0.0.1' || hostname === 'localhost') && Number(port) === embeddedPort
  } catch {
    return false
  }
}

/**
 * Secrets can come from files (Docker and Kubernetes secrets): `AUTH_SECRET_FILE` stands in for
 * `AUTH_SECRET` (likewise `SMTP_URL_FILE`, `AUTH_GITHUB_SECRET_FILE`, `AUTH_GOOGLE_SECRET_FILE`), and `DATABASE_PASSWORD_FILE` supplies the password of `DATABASE_URL`. A value
 * given directly wins over a file.
 */
function readSecretFiles(env: Record<string, string>): Record<string, string> {
  const out = { ...env }
  const read = (name: string, file: string): string => {
    try {
      return readFileSync(file, 'utf8').trim()
    } catch {
      throw new EnvError([`${name}: expected a readable file holding the secret; could not read "${file}"`])
    }
  }
  for (const name of ['AUTH_SECRET', 'SMTP_URL', 'AUTH_GITHUB_SECRET', 'AUTH_GOOGLE_SECRET']) {
    const file = out[`${name}_FILE`]
    if (file && !out[name]) out[name] = read(`${name}_FILE`, file)
    delete out[`${name}_FILE`]
  }
  if (out.DATABASE_PASSWORD_FILE && out.DATABASE_URL) {
    try {
      const url = new URL(out.DATABASE_URL)
      if (!url.password) {
        url.password = encodeURIComponent(read('DATABASE_PASSWORD_FILE', out.DATABASE_PASSWORD_FILE))
        out.DATABASE_URL = url.toString()
      }
    } catch (error) {
      if (error instanceof EnvError) throw error
      // A malformed URL is reported by the schema below.
    }
  }
  delete out.DATABASE_PASSWORD_FILE
  return out
}

function redact(name: string, value: string): string {
  if (/URL$/.test(name)) return value.replace(/\/\/([^:@/]+):([^@/]*)@/, '//$1:***@')
  if (/SECRET|PASSWORD|TOKEN|KEY/.test(name)) return '***'
  return value
}

let cached: ServerEnv | undefined

/** The validated server environment, parsed on first use. */
export function getServerEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env)
  return cached
}

/** The database URL, or a clear error when none is configured. */
export function getDatabaseUrlOrThrow(): string {
  const url = getServerEnv().DATABASE_URL
  if (!url) {
    throw new EnvError([
      'DATABASE_URL: expected a PostgreSQL connection URL; it is missing (npm start and npm run dev start an embedded PostgreSQL and set it for you)',
    ])
  }
  return url
}

/** For the start script, which sets DATABASE_URL itself after starting the embedded PostgreSQL. */
export function resetServerEnv(): void {
  cached = undefined
}
