/**
 * `npm test`: every check, in the order that fails fastest. Stops at the first
 * failing step and names it.
 */
import { spawnSync } from 'node:child_process'

const steps: [string, string[]][] = [
  ['content check', ['run', 'content:check']],
  ['lint', ['run', 'lint']],
  ['typecheck', ['run', 'typecheck']],
  ['unit tests', ['run', 'test:unit']],
  ['integration tests', ['run', 'test:integration']],
  ['end-to-end tests', ['run', 'test:e2e']],
]

const only = process.argv.slice(2)
for (const [name, args] of steps) {
  if (only.length > 0 && !only.some((wanted) => name.startsWith(wanted))) continue
  process.stdout.write(`\n=== ${name} ===\n`)
  const started = Date.now()
  const result = spawnSync('npm', args, { stdio: 'inherit' })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (result.status !== 0) {
    process.stderr.write(`\n✗ ${name} failed after ${seconds}s\n`)
    process.exit(result.status ?? 1)
  }
  process.stdout.write(`✓ ${name} (${seconds}s)\n`)
}
process.stdout.write('\nAll checks passed.\n')
