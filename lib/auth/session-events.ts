/**
 * Tells everything in the page that listens (the header's account menu, the
 * progress sync that uploads this browser's answers to the new account) that
 * who is signed in has changed. Browser-only.
 */
export const SESSION_CHANGE_EVENT = 'drydock:session-change'

export function announceSessionChange(): void {
  window.dispatchEvent(new Event(SESSION_CHANGE_EVENT))
}
