/** Runs once when the server process starts, before it handles requests. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { runStartupTasks } = await import('./lib/startup')
  try {
    await runStartupTasks()
  } catch {
    // Already logged; a server that cannot migrate must not serve.
    process.exit(1)
  }
}
