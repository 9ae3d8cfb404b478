'use server'

import { authjsSignIn } from '../authjs'
import { enabledSignInProviders, getServerEnv } from '@/lib/env'
import { safeRedirectPath, signInPath } from '../safe-redirect'
import { redirect } from 'next/navigation'

/**
 * Sends the browser to GitHub or Google to sign in. A public endpoint: the
 * provider must be one this server has switched on. Auth.js sets the state
 * and PKCE cookies and answers with the provider's authorization URL; the
 * provider then calls back /api/auth/callback/<provider>.
 */
export async function signInWithProvider(formData: FormData): Promise<void> {
  const provider = formData.get('provider')
  const next = safeRedirectPath(formData.get('next'))
  const enabled = enabledSignInProviders(getServerEnv())
  if ((provider !== 'github' && provider !== 'google') || !enabled[provider]) redirect(signInPath(next))
  await authjsSignIn(provider, { redirectTo: next })
}
