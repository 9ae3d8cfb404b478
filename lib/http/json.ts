/**
 * Reading request bodies safely at the edge: a size cap, JSON only, and errors a
 * person can act on. Responses never carry stack traces or SQL.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const type = request.headers.get('content-type') ?? ''
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(415, 'Send the body as JSON with the header Content-Type: application/json.')
  }
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (declared > maxBytes) throw new HttpError(413, `The body is larger than the limit of ${maxBytes} bytes.`)
  const text = await readLimited(request, maxBytes)
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new HttpError(400, 'The body is not valid JSON.')
  }
}

async function readLimited(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw new HttpError(413, `The body is larger than the limit of ${maxBytes} bytes.`)
    }
    chunks.push(value)
  }
  return new TextDecoder().decode(Buffer.concat(chunks))
}

export function jsonError(error: HttpError): Response {
  return Response.json(
    { message: error.message, ...error.details },
    { status: error.status, headers: { 'Cache-Control': 'no-store', ...error.headers } },
  )
}
