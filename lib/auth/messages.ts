/** Words the account forms share with their tests. */

/** The one answer to a failed sign-in, whichever part was wrong and whether the account exists. */
export const SIGN_IN_FAILED = 'Email or password is not right'

// Says neither "exists" nor "is free": the same words whoever owns the address.
export const SIGN_UP_REFUSED =
  'We could not create an account with that email. If you already have one, sign in instead.'

export const ACCOUNT_DISABLED =
  'This account is disabled. Ask whoever runs this Drydock to enable it again.'

/**
 * What went wrong in a sign-in through an email link or a provider, from the
 * `error` Auth.js (or our sign-in callback) puts into the address. Unknown
 * values get the general message: the address is anyone's to write.
 */
export function providerSignInProblem(error: string | undefined): string | null {
  switch (error) {
    case undefined:
    case '':
      return null
    case 'Verification':
      return 'This sign-in link has expired or has already been used. Ask for a new one.'
    case 'AccessDenied':
      return ACCOUNT_DISABLED
    case 'EmailNotVerified':
      return 'Your account there has no verified email address, so we cannot tell which Drydock account is yours. Verify your email with the provider, or sign in another way.'
    case 'OAuthAccountNotLinked':
    case 'AccountNotLinked':
      return 'An account with this email already exists. Sign in with your password first; after that you can use this provider from the same account.'
    case 'OAuthCallbackError':
    case 'OAuthSignin':
    case 'OAuthCallback':
      return 'Signing in with the provider did not finish (perhaps it was cancelled). Try again, or sign in another way.'
    case 'Configuration':
      return 'Signing in did not finish. Start again from the sign-in page; if it keeps failing, sign in another way and tell whoever runs this Drydock.'
    default:
      return 'Signing in did not work. Try again, or sign in another way.'
  }
}
