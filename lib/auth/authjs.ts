import 'server-only'
import NextAuth, { type NextAuthConfig } from 'next-auth'
import type { Provider } from 'next-auth/providers'
import GitHub from 'next-auth/providers/github'
import Google from 'next-auth/providers/google'
import Nodemailer from 'next-auth/providers/nodemailer'
import { headers } from 'next/headers'
import { createAuthAdapter, markEmailVerified } from '@/lib/data/auth-adapter'
import { SESSION_MAX_AGE_MS, SESSION_RENEW_AFTER_MS } from '@/lib/data/sessions'
import { enabledSignInProviders, getServerEnv, type ServerEnv } from '@/lib/env'
import { logger } from '@/lib/log'
import { getAuthSecret } from './secret'
import { isSecureRequest, sessionCookieName } from './session-cookie'
import { findSessionFromRequest } from './session'
import { createSessionToken } from './session-token'
import { sendSignInEmail } from './sign-in-email'
import { AUTH_PAGES, decideSignIn } from './sign-in-policy'

export { AUTH_PAGES }

/**
 * Auth.js, for the sign-in methods Drydock does not do itself: an emailed
 * link, GitHub and Google. Each is on only when configured. Whatever way
 * someone signs in, the result is the same session as a password sign-in
 * (DECISIONS.md 11 and 19): a row in `sessions` under the digest of a token
 * made by createSessionToken, in the same cookie, found by the same lookup.
 */

const VISITOR_ERRORS = new Set([
  'Verification',
  'AccessDenied',
  'OAuthAccountNotLinked',
  'MissingCSRF',
  'InvalidCheck',
  'OAuthCallbackError',
])

/** How long an emailed link works. */
const SIGN_IN_LINK_MAX_AGE_SECONDS = 60 * 60

export function hasAuthjsProviders(env: ServerEnv = getServerEnv()): boolean {
  const { email, github, google } = enabledSignInProviders(env)
  return email || github || google
}

function buildProviders(env: ServerEnv): Provider[] {
  const enabled = enabledSignInProviders(env)
  const providers: Provider[] = []
  if (enabled.email && env.SMTP_URL && env.EMAIL_FROM) {
    const smtpUrl = env.SMTP_URL
    const from = env.EMAIL_FROM
    providers.push(
      Nodemailer({
        server: smtpUrl,
        from,
        maxAge: SIGN_IN_LINK_MAX_AGE_SECONDS,
        sendVerificationRequest: ({ identifier, url, expires }) =>
          sendSignInEmail({ smtpUrl, from, to: identifier, url, expires }),
      }),
    )
  }
  if (enabled.github) {
    providers.push(
      GitHub({
        clientId: env.AUTH_GITHUB_ID,
        clientSecret: env.AUTH_GITHUB_SECRET,
        // The address GitHub has verified, asked for explicitly: the profile's public
        // email is whatever the person typed there, verified or not.
        userinfo: {
          url: 'https://api.github.com/user',
          async request({ tokens }: { tokens: { access_token?: string } }) {
            const get = (path: string) =>
              fetch(`https://api.github.com${path}`, {
                headers: { Authorization: `Bearer ${tokens.access_token}`, 'User-Agent': 'drydock' },
              })
            const profile = (await (await get('/user')).json()) as Record<string, unknown>
            const response = await get('/user/emails')
            const emails = response.ok
              ? ((await response.json()) as { email: string; primary: boolean; verified: boolean }[])
              : []
            const verified = emails.find((e) => e.primary && e.verified) ?? emails.find((e) => e.verified)
            return { ...profile, email: verified?.email ?? null, email_verified: Boolean(verified) }
          },
        },
        allowDangerousEmailAccountLinking: true,
      }),
    )
  }
  if (enabled.google) {
    providers.push(
      Google({
        clientId: env.AUTH_GOOGLE_ID,
        clientSecret: env.AUTH_GOOGLE_SECRET,
        // Known endpoint, so starting a sign-in needs no discovery request to Google.
        authorization: {
          url: 'https://accounts.google.com/o/oauth2/v2/auth',
          params: { scope: 'openid email profile' },
        },
        allowDangerousEmailAccountLinking: true,
      }),
    )
  }
  return providers
}

async function buildConfig(request: Request | undefined): Promise<NextAuthConfig> {
  const env = getServerEnv()
  // With AUTH_URL, every URL Auth.js makes (links, callbacks, cookies' Secure) follows it.
  const secure = env.AUTH_URL
    ? env.AUTH_URL.startsWith('https:')
    : isSecureRequest(request?.headers ?? (await headers()), request?.url)
  const signedInUserId = async () => (request ? ((await findSessionFromRequest(request))?.user.id ?? null) : null)

  return {
    adapter: createAuthAdapter(),
    providers: buildProviders(env),
    secret: getAuthSecret(),
    basePath: '/api/auth',
    // AUTH_URL pins the origin: next-auth rewrites every request to it, so
    // Host and X-Forwarded-Host are never read. Without AUTH_URL (development
    // only: lib/env.ts requires it in production once a provider is on) the
    // request's host is used, as Drydock's other routes do.
    trustHost: Boolean(env.AUTH_URL) || env.NODE_ENV !== 'production',
    useSecureCookies: secure,
    session: {
      strategy: 'database',
      maxAge: SESSION_MAX_AGE_MS / 1000,
      updateAge: SESSION_RENEW_AFTER_MS / 1000,
      generateSessionToken: createSessionToken,
    },
    cookies: {
      sessionToken: {
        name: sessionCookieName(secure),
        options: { httpOnly: true, sameSite: 'lax', path: '/', secure },
      },
    },
    pages: AUTH_PAGES,
    callbacks: {
      signIn: (attempt) => decideSignIn(attempt, signedInUserId),
    },
    events: {
      async linkAccount({ user }) {
        // The provider vouched for the address (checked in signIn above).
        if (user.id) await markEmailVerified(user.id)
      },
    },
    logger: {
      error: (error) => {
        // Used or expired links, refused accounts and forged or replayed requests are the
        // visitor's doing; anything else (a mail server or provider failing) is ours to look at.
        const type = (error as { type?: string }).type ?? error.name
        const entry = { err: error.message, type }
        if (VISITOR_ERRORS.has(type)) logger.warn(entry, 'sign-in refused')
        else logger.error(entry, 'sign-in failed')
      },
      warn: () => {},
      debug: () => {},
    },
  }
}

export const { handlers, signIn: authjsSignIn } = NextAuth(buildConfig)
