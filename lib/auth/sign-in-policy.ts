import { findSignInCandidate, isUserDisabled } from '@/lib/data/auth-adapter'

/** Drydock's pages for the steps Auth.js would otherwise render itself. */
export const AUTH_PAGES = {
  signIn: '/sign-in',
  verifyRequest: '/sign-in/check-email',
  error: '/sign-in/problem',
} as const

export interface SignInAttempt {
  user: { email?: string | null }
  account?: { type: string; provider: string; providerAccountId: string } | null
  profile?: Record<string, unknown>
  email?: { verificationRequest?: boolean }
}

/**
 * Auth.js's signIn callback: who may sign in by an email link or a provider.
 * true lets them in, false refuses (Auth.js's AccessDenied page), a path
 * sends them there instead. See DECISIONS.md 19 for why linking works this way.
 */
export async function decideSignIn(
  { user, account, profile, email }: SignInAttempt,
  signedInUserId: () => Promise<string | null>,
): Promise<boolean | string> {
  if (!account) return false
  if (account.type === 'email') {
    const { account: existing } = await findSignInCandidate(user.email)
    // Asking for a link for a disabled account looks like any other request,
    // and sends nothing; opening a link to one is refused.
    if (existing?.disabled) return email?.verificationRequest ? AUTH_PAGES.verifyRequest : false
    return true
  }
  // The provider must vouch for the address: GitHub's verified-emails list
  // (asked for in authjs.ts), Google's email_verified claim.
  if (profile?.email_verified !== true || !user.email) return `${AUTH_PAGES.error}?error=EmailNotVerified`
  const candidate = await findSignInCandidate(user.email, {
    provider: account.provider,
    providerAccountId: account.providerAccountId,
  })
  if (candidate.linkedUserId) return !(await isUserDisabled(candidate.linkedUserId))
  // Signed in already: Auth.js links this login to the current account.
  if (await signedInUserId()) return true
  if (candidate.account?.disabled) return false
  // Someone set a password for this address without ever proving it is theirs;
  // linking would let them share the owner's account. The owner signs in with
  // the password first, then connects the provider.
  if (candidate.account?.unverifiedWithPassword) return `${AUTH_PAGES.signIn}?error=OAuthAccountNotLinked`
  return true
}
