import Link from 'next/link'
import { signInWithProvider } from '@/lib/auth/actions/sign-in-with-provider'
import type { SignInProviders } from '@/lib/env'

const buttonClass =
  'inline-flex h-11 w-full items-center justify-center rounded-md border border-slate-300 bg-white px-5 font-medium text-slate-900 hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800'

/**
 * Email links and OAuth providers, each shown only when this server has it
 * switched on. Provider buttons are forms posting to a server action, so they
 * work before the page's JavaScript has loaded, and by keyboard like any button.
 */
export function OtherSignInMethods({ providers, next }: { providers: SignInProviders; next: string }) {
  const oauth = (
    [
      ['github', 'GitHub'],
      ['google', 'Google'],
    ] as const
  ).filter(([id]) => providers[id])
  if (!providers.email && oauth.length === 0) return null
  const query = next === '/' ? '' : `?next=${encodeURIComponent(next)}`

  return (
    <section aria-labelledby="other-methods" className="mt-10 border-t border-slate-200 pt-8 dark:border-slate-700">
      <h2 id="other-methods" className="mb-4 text-lg font-semibold">
        Or, without a password
      </h2>
      <ul className="space-y-3">
        {providers.email && (
          <li>
            <Link href={`/sign-in/email${query}`} className={buttonClass}>
              Email me a sign-in link
            </Link>
          </li>
        )}
        {oauth.map(([id, name]) => (
          <li key={id}>
            <form action={signInWithProvider}>
              <input type="hidden" name="provider" value={id} />
              <input type="hidden" name="next" value={next} />
              <button type="submit" className={buttonClass}>
                Continue with {name}
              </button>
            </form>
          </li>
        ))}
      </ul>
      <p className="mt-3 text-sm text-slate-700 dark:text-slate-300">
        A new account is made the first time you use one of these.
      </p>
    </section>
  )
}
