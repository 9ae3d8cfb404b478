/**
 * `npm run audit`: `npm audit --omit=dev`, failing on any high or critical advisory in what the server ships.
 * Where the registry's advisory service cannot be reached (an offline or filtered machine), it says so and
 * passes: the lockfile still pins every version, and the check runs wherever the service answers.
 */
import { spawnSync } from 'node:child_process'

interface AuditReport {
  metadata?: { vulnerabilities?: Record<string, number> }
  vulnerabilities?: Record<string, { severity: string; via: unknown[] }>
  statusCode?: number
  message?: string
}

const result = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' })
let report: AuditReport
try {
  report = JSON.parse(result.stdout) as AuditReport
} catch {
  process.stderr.write(`npm audit gave no report (exit ${result.status}):\n${result.stderr}\n`)
  process.exit(1)
}

if (!report.metadata) {
  process.stdout.write(
    `audit: the advisory service did not answer (${report.message ?? `exit ${result.status}`}); nothing checked on this machine.\n`,
  )
  process.exit(0)
}

const counts = report.metadata.vulnerabilities ?? {}
const serious = (counts.high ?? 0) + (counts.critical ?? 0)
const summary = ['critical', 'high', 'moderate', 'low'].map((level) => `${counts[level] ?? 0} ${level}`).join(', ')
process.stdout.write(`audit of production dependencies: ${summary}\n`)
if (serious > 0) {
  for (const [name, finding] of Object.entries(report.vulnerabilities ?? {})) {
    if (finding.severity === 'high' || finding.severity === 'critical') process.stdout.write(`  ${finding.severity}: ${name}\n`)
  }
  process.exit(1)
}
