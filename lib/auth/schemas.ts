import { z } from 'zod'
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '@/lib/text-input'
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-rules'

/** What people type into the account forms, checked before anything reaches the database. */

const emailSchema = z
  .string({ message: 'Enter your email address' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter your email address')
  .max(254, 'Email addresses are at most 254 characters')
  .pipe(z.email('Enter an email address like name@example.com'))

const newPasswordSchema = z
  .string({ message: 'Enter a password' })
  .min(1, 'Enter a password')
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters`)

export const signUpSchema = z.object({
  email: emailSchema,
  password: newPasswordSchema,
  name: z
    .string()
    .trim()
    .max(100, 'Use at most 100 characters for your name')
    .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE)
    .optional()
    .transform((name) => name || null),
})

// Signing in checks only that something was typed: a password from before a
// policy change must still work, and the form must not hint at the rules.
export const signInSchema = z.object({
  email: z
    .string({ message: 'Enter your email address' })
    .trim()
    .toLowerCase()
    .min(1, 'Enter your email address')
    .max(254, 'Email addresses are at most 254 characters')
    .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE),
  password: z
    .string({ message: 'Enter your password' })
    .min(1, 'Enter your password')
    .max(PASSWORD_MAX_LENGTH, `Passwords are at most ${PASSWORD_MAX_LENGTH} characters`),
})

export const changePasswordSchema = z.object({
  currentPassword: z
    .string({ message: 'Enter your current password' })
    .min(1, 'Enter your current password')
    .max(PASSWORD_MAX_LENGTH, `Passwords are at most ${PASSWORD_MAX_LENGTH} characters`),
  newPassword: newPasswordSchema,
})
