import { getUserFromRequest } from '@/lib/auth/request-user'
import { exportUserData } from '@/lib/data/account'
import { HttpError, jsonError } from '@/lib/http/json'
import { withRequestLog } from '@/lib/http/request-log'

export const dynamic = 'force-dynamic'

/** Everything Drydock stores about the signed-in person, as a JSON download. */
async function handleGET(request: Request) {
  const user = await getUserFromRequest(request)
  if (!user) return jsonError(new HttpError(401, 'Sign in to download your data.'))
  const data = await exportUserData(user.id)
  if (!data) return jsonError(new HttpError(404, 'No such account.'))
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="drydock-my-data.json"',
      'Cache-Control': 'private, no-store',
    },
  })
}

export const GET = withRequestLog('account export', handleGET)
