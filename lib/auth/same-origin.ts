/**
 * Whether a state-changing request came from a page of this site. Browsers
 * send Origin with every POST made by fetch or a form, and a cross-site page
 * cannot forge it; this is the check Next.js applies to server actions, here
 * for route handlers.
 */
export function isSameOriginRequest(request: Request): boolean {
  const origin = request.headers.get('origin')
  if (!origin) return false
  const host =
    request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() || request.headers.get('host')
  try {
    return host !== null && new URL(origin).host === host
  } catch {
    return false
  }
}
