/** Runs once when the server process starts, before it handles requests. */
export async function register() {
  // The Node-only work lives in its own module so the edge build never sees it.
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('./instrumentation-node')
}
