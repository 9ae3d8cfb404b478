'use server'

import { deleteOtherSessions } from '@/lib/data/sessions'
import { changePassword as changeStoredPassword } from '@/lib/data/users'
import { getCurrentUser } from '../current-user'
import { invalidFormState, readFormFields, type FormState } from '../form-state'
import { changePasswordSchema } from '../schemas'
import { readSessionToken } from '../session'

/**
 * Replaces the signed-in user's password after checking the current one, and
 * signs out every other browser: whoever learned the old password loses the
 * sessions it opened.
 */
export async function changePassword(_previous: FormState, formData: FormData): Promise<FormState> {
  const user = await getCurrentUser()
  const token = await readSessionToken()
  if (!user || !token) {
    return {
      status: 'error',
      message: 'Your session has ended. Sign in again to change your password.',
      fieldErrors: {},
      values: {},
    }
  }
  const parsed = changePasswordSchema.safeParse(
    readFormFields(formData, ['currentPassword', 'newPassword']),
  )
  if (!parsed.success) return invalidFormState(parsed.error, {})

  const changed = await changeStoredPassword(
    user.id,
    parsed.data.currentPassword,
    parsed.data.newPassword,
  )
  if (!changed) {
    return {
      status: 'error',
      message: 'Your current password is not right.',
      fieldErrors: { currentPassword: 'Your current password is not right' },
      values: {},
    }
  }
  const ended = await deleteOtherSessions(user.id, token)
  return {
    status: 'success',
    message:
      ended > 0
        ? `Your password is changed. ${ended === 1 ? 'One other session was' : `${ended} other sessions were`} signed out.`
        : 'Your password is changed.',
  }
}
