/** Words the account forms share with their tests. */

/** The one answer to a failed sign-in, whichever part was wrong and whether the account exists. */
export const SIGN_IN_FAILED = 'Email or password is not right'

// Says neither "exists" nor "is free": the same words whoever owns the address.
export const SIGN_UP_REFUSED =
  'We could not create an account with that email. If you already have one, sign in instead.'

export const ACCOUNT_DISABLED =
  'This account is disabled. Ask whoever runs this Drydock to enable it again.'
