'use server'

import { endSession } from '../session'

/** Ends this browser's session. Harmless when there is none. */
export async function signOut(): Promise<void> {
  await endSession()
}
