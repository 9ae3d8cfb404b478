import { getDb } from '@/lib/db'
import { getServerEnv } from '@/lib/env'
import { hashPassword, verifyAgainstDecoy, verifyPassword } from '@/lib/auth/password'
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/auth/password-rules'
import type { Role } from '@/lib/auth/roles'
import { isStorableText } from '@/lib/text-input'

/**
 * Accounts. The only module that reads or writes password hashes; everything
 * it returns is an AccountUser, which has none.
 */

export interface AccountUser {
  id: string
  email: string
  name: string | null
  role: Role
}

const accountUserSelect = { id: true, email: true, name: true, role: true } as const

/** Emails are compared trimmed and lower-cased, so "Ada@Example.com " and "ada@example.com" are one account. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

/** A caller passed something the actions' validation should have refused. */
export class AccountInputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'AccountInputError'
  }
}

export type CreateUserResult =
  { ok: true; user: AccountUser } | { ok: false; reason: 'email-taken' }

// Serialises sign-ups only while deciding who becomes the first admin.
const FIRST_ADMIN_LOCK_KEY = 4_712_009_311n

/**
 * Creates an account with a password. Who becomes admin: the ADMIN_EMAIL
 * address when it is configured (and nobody else); otherwise the first
 * account to sign up while there is no admin, which covers a fresh install
 * whose only accounts are the seeded demo ones (see insertUser).
 */
export async function createUserWithPassword(
  input: { email: string; password: string; name?: string | null },
  options: { adminEmail?: string } = { adminEmail: getServerEnv().ADMIN_EMAIL },
): Promise<CreateUserResult> {
  const email = normalizeEmail(input.email)
  if (!email.includes('@') || !isStorableText(email)) throw new AccountInputError('email must be an address')
  if (input.name && !isStorableText(input.name)) throw new AccountInputError('name must not contain NUL')
  assertPasswordLength(input.password)
  const name = input.name?.trim() || null
  const adminEmail = options.adminEmail ? normalizeEmail(options.adminEmail) : undefined

  // Hashed before looking for a duplicate, so a taken email answers no faster than a new one.
  const passwordHash = await hashPassword(input.password)
  const user = await insertUser({ email, name, passwordHash }, adminEmail)
  return user ? { ok: true, user } : { ok: false, reason: 'email-taken' }
}

/**
 * Creates an account for someone who signed in through an email link or an
 * OAuth provider for the first time: no password, and the same rules as
 * sign-up for who becomes admin. Null when the email is taken.
 */
export async function createUserFromSignIn(
  input: { email: string; name?: string | null; image?: string | null; emailVerified?: Date | null },
  options: { adminEmail?: string } = { adminEmail: getServerEnv().ADMIN_EMAIL },
): Promise<SignInUser | null> {
  const email = normalizeEmail(input.email)
  if (!email.includes('@')) throw new AccountInputError('email must be an address')
  const adminEmail = options.adminEmail ? normalizeEmail(options.adminEmail) : undefined
  const user = await insertUser(
    {
      email,
      name: input.name?.trim().slice(0, 100) || null,
      image: input.image ?? null,
      emailVerified: input.emailVerified ?? null,
    },
    adminEmail,
    signInUserSelect,
  )
  return user ?? null
}

/** What Auth.js's adapter hands around: no password hash, no role. */
export interface SignInUser {
  id: string
  email: string
  name: string | null
  image: string | null
  emailVerified: Date | null
}

export const signInUserSelect = { id: true, email: true, name: true, image: true, emailVerified: true } as const

/**
 * Who becomes admin: the ADMIN_EMAIL address when it is configured (and
 * nobody else); otherwise the first account while there is no admin. The
 * advisory lock makes two first sign-ups at once take turns.
 */
async function insertUser<Select extends Record<string, true> = typeof accountUserSelect>(
  data: { email: string; name: string | null; passwordHash?: string; image?: string | null; emailVerified?: Date | null },
  adminEmail: string | undefined,
  select: Select = accountUserSelect as unknown as Select,
) {
  const created = await getDb().$transaction(async (tx) => {
    let role: Role = 'STUDENT'
    if (adminEmail) {
      if (data.email === adminEmail) role = 'ADMIN'
    } else {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_ADMIN_LOCK_KEY})`
      if ((await tx.user.count({ where: { role: 'ADMIN' } })) === 0) role = 'ADMIN'
    }
    // ON CONFLICT DO NOTHING: a taken email is an expected answer, not a database error to log.
    return tx.user.createManyAndReturn({ data: [{ ...data, role }], skipDuplicates: true, select })
  })
  return created[0]
}

export type CredentialsResult =
  { ok: true; user: AccountUser } | { ok: false; reason: 'invalid' | 'disabled' }

/**
 * Checks an email and password. An unknown email, an account without a
 * password and a wrong password are all 'invalid' and take the same time.
 * 'disabled' is only ever told to someone who gave the right password.
 */
export async function verifyCredentials(
  email: string,
  password: string,
): Promise<CredentialsResult> {
  if (password.length === 0 || password.length > PASSWORD_MAX_LENGTH || !isStorableText(email)) {
    await verifyAgainstDecoy(password.slice(0, PASSWORD_MAX_LENGTH))
    return { ok: false, reason: 'invalid' }
  }
  const row = await getDb().user.findUnique({
    where: { email: normalizeEmail(email) },
    select: { ...accountUserSelect, passwordHash: true, disabledAt: true },
  })
  if (!row?.passwordHash) {
    await verifyAgainstDecoy(password)
    return { ok: false, reason: 'invalid' }
  }
  if (!(await verifyPassword(row.passwordHash, password))) return { ok: false, reason: 'invalid' }
  if (row.disabledAt) return { ok: false, reason: 'disabled' }
  return { ok: true, user: toAccountUser(row) }
}

/** The account, or null when it does not exist or is disabled. */
export async function getActiveUserById(id: string): Promise<AccountUser | null> {
  const row = await getDb().user.findUnique({
    where: { id },
    select: { ...accountUserSelect, disabledAt: true },
  })
  return row && !row.disabledAt ? toAccountUser(row) : null
}

/** Replaces the password when the current one is right; false otherwise. */
export async function changePassword(
  userId: string,
  currentPassword: string,
  newPassword: string,
): Promise<boolean> {
  assertPasswordLength(newPassword)
  const row = await getDb().user.findUnique({
    where: { id: userId },
    select: { passwordHash: true, disabledAt: true },
  })
  if (!row?.passwordHash || row.disabledAt) {
    await verifyAgainstDecoy(currentPassword)
    return false
  }
  if (!(await verifyPassword(row.passwordHash, currentPassword))) return false
  const passwordHash = await hashPassword(newPassword)
  // Conditional on the hash just checked, so two changes racing cannot both win.
  const { count } = await getDb().user.updateMany({
    where: { id: userId, passwordHash: row.passwordHash },
    data: { passwordHash },
  })
  return count === 1
}

function assertPasswordLength(password: string) {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new AccountInputError(
      `password must be ${PASSWORD_MIN_LENGTH}-${PASSWORD_MAX_LENGTH} characters`,
    )
  }
}

function toAccountUser(row: AccountUser): AccountUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role }
}
