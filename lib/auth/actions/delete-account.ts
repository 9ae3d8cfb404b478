'use server'

import { deleteAccount } from '@/lib/data/account'
import { getCurrentUser } from '../current-user'
import { readFormFields, type FormState } from '../form-state'
import { clearSessionCookie } from '../session'

/** Deletes the signed-in account and everything stored with it, after the password is given again. */
export async function deleteMyAccount(_previous: FormState, formData: FormData): Promise<FormState> {
  const user = await getCurrentUser()
  if (!user) return { status: 'error', message: 'Your session has ended. Sign in again to delete your account.', fieldErrors: {}, values: {} }
  const { password = '', confirm = '' } = readFormFields(formData, ['password', 'confirm'])
  if (confirm.trim().toLowerCase() !== 'delete') {
    return { status: 'error', message: 'Check the field below.', fieldErrors: { confirm: 'Type “delete” to confirm' }, values: {} }
  }
  const result = await deleteAccount(user.id, password.slice(0, 1024))
  if (!result.ok) {
    return result.reason === 'wrong-password'
      ? { status: 'error', message: 'Check the field below.', fieldErrors: { password: 'Your password is not right' }, values: { confirm } }
      : {
          status: 'error',
          message: 'You are the only administrator. Make someone else an administrator before deleting your account.',
          fieldErrors: {},
          values: { confirm },
        }
  }
  await clearSessionCookie()
  return { status: 'success', message: 'Your account and everything stored with it are deleted.', redirectTo: '/' }
}
