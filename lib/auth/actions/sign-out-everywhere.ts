'use server'

import { deleteUserSessions } from '@/lib/data/sessions'
import { getCurrentUser } from '../current-user'
import { clearSessionCookie } from '../session'

/** Ends every session of the signed-in user, this browser's included. */
export async function signOutEverywhere(): Promise<{ ended: number }> {
  const user = await getCurrentUser()
  await clearSessionCookie()
  if (!user) return { ended: 0 }
  return { ended: await deleteUserSessions(user.id) }
}
