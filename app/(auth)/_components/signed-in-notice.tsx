import Link from 'next/link'
import { SuccessNotice } from '@/components/forms/form-parts'
import type { FormState } from '@/lib/auth/form-state'

/** After sign-in or sign-up: seen only until the redirect runs, or for good without JavaScript. */
export function SignedInNotice({ state }: { state: Extract<FormState, { status: 'success' }> }) {
  return (
    <SuccessNotice>
      {state.message}{' '}
      <Link href={state.redirectTo ?? '/'} className="underline">
        Continue
      </Link>
    </SuccessNotice>
  )
}
