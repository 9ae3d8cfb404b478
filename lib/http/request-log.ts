import { randomUUID } from 'node:crypto'
import { logger } from '@/lib/log'

type Handler<Context> = (request: Request, context: Context) => Response | Promise<Response>

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/

/**
 * Wraps a route handler so every API request leaves one JSON log line with a request id
 * (taken from a proxy's `x-request-id` when it is well formed), its outcome and its time,
 * and hands the id back in the response so a user's report can be matched to the log.
 * An unexpected error becomes a plain 500 with the id, never a stack trace. Probes polled every few
 * seconds log at debug level (`quiet`) unless they fail.
 */
export function withRequestLog<Context = void>(
  name: string,
  handler: Handler<Context>,
  options: { quiet?: boolean } = {},
): Handler<Context> {
  return async (request: Request, context: Context) => {
    const incoming = request.headers.get('x-request-id')
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID()
    const started = performance.now()
    let response: Response
    try {
      response = await handler(request, context)
    } catch (error) {
      logger.error({ requestId, route: name, err: error instanceof Error ? error.message : String(error) }, 'unhandled error')
      response = Response.json(
        { message: 'Something went wrong on our side; try again in a moment.', requestId },
        { status: 500, headers: { 'Cache-Control': 'no-store' } },
      )
    }
    const ms = Math.round((performance.now() - started) * 10) / 10
    const entry = { requestId, route: name, method: request.method, status: response.status, ms }
    if (response.status >= 500) logger.warn(entry, 'request failed')
    else if (options.quiet) logger.debug(entry, 'request')
    else logger.info(entry, 'request')
    const headers = new Headers(response.headers)
    headers.set('x-request-id', requestId)
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
  }
}
