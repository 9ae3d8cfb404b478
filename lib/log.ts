import pino from 'pino'
import { getServerEnv } from './env'

/**
 * The server's logger: one JSON object per line on stdout, for whatever collects
 * container logs. Secrets are redacted by key wherever they appear.
 */
export const logger = pino({
  level: getServerEnv().LOG_LEVEL,
  base: { service: 'drydock' },
  redact: {
    paths: ['password', '*.password', 'passwordHash', '*.passwordHash', 'DATABASE_URL', '*.DATABASE_URL', 'AUTH_SECRET', 'headers.cookie'],
    censor: '[redacted]',
  },
})
