import { PrismaAdapter } from '@auth/prisma-adapter'
import type { Adapter, AdapterAccount, AdapterSession, AdapterUser } from '@auth/core/adapters'
import { getDb } from '@/lib/db'
import {
  deleteSession,
  findSessionUser,
  saveSession,
  setSessionExpiry,
} from './sessions'
import { createUserFromSignIn, normalizeEmail, signInUserSelect, type SignInUser } from './users'

/**
 * Auth.js's Prisma adapter, bent to Drydock's rules so that a session started
 * by an email link or an OAuth provider is the same thing as a password
 * session:
 *
 * - sessions are stored under the same keyed digest of their token
 *   (lib/data/sessions.ts), and found by the same lookup, so expired sessions
 *   and disabled accounts find nobody here either;
 * - users leave the adapter without their password hash or role, and new ones
 *   are created by lib/data/users.ts, under the same rules for who is admin;
 * - emails are compared normalised, as everywhere else;
 * - a linked OAuth account keeps only who it is, never the provider's access
 *   or refresh tokens, which Drydock has no use for.
 *
 * Verification tokens are stored as Auth.js makes them (hashed with the
 * secret already); account removal is Auth.js's own.
 */
export function createAuthAdapter(): Adapter {
  const base = PrismaAdapter(getDb())

  return {
    ...base,

    async createUser(user) {
      const created = await createUserFromSignIn({
        email: user.email,
        name: user.name,
        image: user.image,
        emailVerified: user.emailVerified,
      })
      if (!created) throw new Error('An account with this email was created at the same moment')
      return toAdapterUser(created)
    },

    async getUser(id) {
      const row = await db().user.findUnique({ where: { id }, select: signInUserSelect })
      return row && toAdapterUser(row)
    },

    async getUserByEmail(email) {
      const row = await db().user.findUnique({
        where: { email: normalizeEmail(email) },
        select: signInUserSelect,
      })
      return row && toAdapterUser(row)
    },

    async getUserByAccount({ provider, providerAccountId }) {
      const account = await db().account.findUnique({
        where: { provider_providerAccountId: { provider, providerAccountId } },
        select: { user: { select: signInUserSelect } },
      })
      return account ? toAdapterUser(account.user) : null
    },

    async updateUser({ id, name, image, emailVerified }) {
      // Auth.js updates only these; the email and everything else stay Drydock's to change.
      const row = await db().user.update({
        where: { id },
        data: { name: name ?? undefined, image: image ?? undefined, emailVerified: emailVerified ?? undefined },
        select: signInUserSelect,
      })
      return toAdapterUser(row)
    },

    async linkAccount(account: AdapterAccount) {
      await db().account.create({
        data: {
          userId: account.userId,
          type: account.type,
          provider: account.provider,
          providerAccountId: account.providerAccountId,
        },
      })
    },

    async createSession({ sessionToken, userId, expires }) {
      await saveSession(sessionToken, userId, expires)
      return { sessionToken, userId, expires }
    },

    async getSessionAndUser(sessionToken) {
      const found = await findSessionUser(sessionToken)
      if (!found) return null
      const row = await db().user.findUnique({ where: { id: found.user.id }, select: signInUserSelect })
      if (!row) return null
      const session: AdapterSession = { sessionToken, userId: row.id, expires: found.expires }
      return { session, user: toAdapterUser(row) }
    },

    async updateSession({ sessionToken, expires }) {
      if (!expires) return null
      const found = await findSessionUser(sessionToken)
      if (!found || !(await setSessionExpiry(sessionToken, expires))) return null
      return { sessionToken, userId: found.user.id, expires }
    },

    async deleteSession(sessionToken) {
      await deleteSession(sessionToken)
    },

    // A used or unknown link is an everyday answer, not a failed delete for Prisma to log.
    // Only the call whose delete removed the row gets it, so a link works once even when
    // opened twice at the same moment.
    async useVerificationToken({ identifier, token }) {
      const where = { identifier_token: { identifier, token } }
      const row = await db().verificationToken.findUnique({ where })
      if (!row) return null
      const { count } = await db().verificationToken.deleteMany({ where: { identifier, token } })
      return count === 1 ? row : null
    },
  }
}

function toAdapterUser(user: SignInUser): AdapterUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    image: user.image,
    emailVerified: user.emailVerified,
  }
}

export interface SignInCandidate {
  /** The existing account with this email, if any. */
  account: {
    id: string
    disabled: boolean
    /** It has a password and nobody has proved they own its address. */
    unverifiedWithPassword: boolean
  } | null
  /** The provider account is already linked to a Drydock account (whose id this is). */
  linkedUserId: string | null
}

/**
 * What the sign-in callback needs to decide whether to let someone in: the
 * account their email names, and the account their provider login is linked to.
 */
export async function findSignInCandidate(
  email: string | null | undefined,
  provider?: { provider: string; providerAccountId: string },
): Promise<SignInCandidate> {
  const [row, link] = await Promise.all([
    email
      ? db().user.findUnique({
          where: { email: normalizeEmail(email) },
          select: { id: true, disabledAt: true, passwordHash: true, emailVerified: true },
        })
      : null,
    provider
      ? db().account.findUnique({
          where: { provider_providerAccountId: provider },
          select: { userId: true },
        })
      : null,
  ])
  return {
    account: row && {
      id: row.id,
      disabled: row.disabledAt !== null,
      unverifiedWithPassword: row.passwordHash !== null && row.emailVerified === null,
    },
    linkedUserId: link?.userId ?? null,
  }
}

/** Records that the account's owner proved the address is theirs (a provider vouched for it). */
export async function markEmailVerified(userId: string, at: Date = new Date()): Promise<void> {
  await db().user.updateMany({ where: { id: userId, emailVerified: null }, data: { emailVerified: at } })
}

/** Whether the account exists and is disabled. */
export async function isUserDisabled(userId: string): Promise<boolean> {
  const row = await db().user.findUnique({ where: { id: userId }, select: { disabledAt: true } })
  return row?.disabledAt != null
}

function db() {
  return getDb()
}
