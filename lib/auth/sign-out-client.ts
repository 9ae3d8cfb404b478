/**
 * Browser helpers for the sign-out endpoints. They throw when the server did
 * not confirm, so the page can say so instead of pretending.
 */

async function post(path: string): Promise<void> {
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    cache: 'no-store',
  })
  if (!response.ok) throw new Error(`${path} answered ${response.status}`)
}

export function requestSignOut(): Promise<void> {
  return post('/api/auth/sign-out')
}

export function requestSignOutEverywhere(): Promise<void> {
  return post('/api/auth/sign-out-everywhere')
}
