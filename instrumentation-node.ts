import { runStartupTasks } from './lib/startup'

try {
  await runStartupTasks()
} catch {
  // Already logged; a server that cannot migrate must not serve.
  process.exit(1)
}
