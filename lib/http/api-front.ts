import type { IncomingMessage, ServerResponse } from 'node:http'
import { apiHeaders, staticSecurityHeaders } from '@/next.config.mjs'
import { postProgress, PROGRESS_UPLOAD_MAX_BYTES } from './progress-upload'
import { getReviewQueue } from './review-queue'
import { isHttpsRequest } from './security-headers'

/**
 * The JSON API's hottest routes, answered in front of Next.js (DECISIONS #28).
 * Every progress upload and review-queue read paid Next.js's router and
 * response pipeline, about 3 ms of the server's one thread, before a line of
 * Drydock ran: more than the rest of a small upload's work in Node.js. The
 * production entry (scripts/server-entry.ts) hands these here; each handler is
 * the very function its route runs under `next dev`, given the same Request,
 * and the response carries the headers next.config.mjs gives the JSON API.
 * Anything else, including other spellings of the paths and other methods, is
 * left to Next.js, whose routes answer them alike.
 */

type Handler = (request: Request) => Response | Promise<Response>

const ROUTES = new Map<string, Handler>([
  ['POST /api/progress', postProgress],
  ['GET /api/review/queue', getReviewQueue],
])

const PLAIN_HTTP = new URL('http://localhost/')

/** The handler for this request, or undefined to leave it to Next.js. */
export function frontApiHandler(request: IncomingMessage): Handler | undefined {
  const url = request.url ?? ''
  const query = url.indexOf('?')
  return ROUTES.get(`${request.method} ${query === -1 ? url : url.slice(0, query)}`)
}

/**
 * The body, read whole before the handler runs, so the connection is ready for
 * the browser's next request whatever the handler answers. Past `maxBytes` it
 * stops collecting (the handler then answers 413) and lets the rest drain.
 */
function readBody(request: IncomingMessage, maxBytes: number): Promise<{ body: Buffer; overflow: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let total = 0
    const done = (overflow: boolean) => {
      request.off('data', onData).off('end', onEnd).off('error', reject)
      if (overflow) request.resume()
      resolve({ body: Buffer.concat(chunks), overflow })
    }
    const onData = (chunk: Buffer) => {
      chunks.push(chunk)
      total += chunk.length
      if (total > maxBytes) done(true)
    }
    const onEnd = () => done(false)
    request.on('data', onData).on('end', onEnd).on('error', reject)
  })
}

/** The Web Request Next.js would have handed the route. */
function toWebRequest(request: IncomingMessage, body: Buffer | null): Request {
  const headers = new Headers()
  const raw = request.rawHeaders
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string)
  // As Next.js does: the socket's address stands in when no proxy named the client (lib/http/rate-limit.ts).
  if (!headers.has('x-forwarded-for') && request.socket.remoteAddress) headers.set('x-forwarded-for', request.socket.remoteAddress)
  return new Request(new URL(request.url ?? '/', PLAIN_HTTP), { method: request.method, headers, body: body && new Uint8Array(body) })
}

export async function serveFrontApi(request: IncomingMessage, response: ServerResponse, handler: Handler): Promise<void> {
  // Node's own server speaks plain HTTP: HTTPS can only have reached a proxy in front of it.
  const https = isHttpsRequest(PLAIN_HTTP, new Headers({ 'x-forwarded-proto': String(request.headers['x-forwarded-proto'] ?? '') }))
  const { body, overflow } = request.method === 'GET' ? { body: null, overflow: false } : await readBody(request, PROGRESS_UPLOAD_MAX_BYTES)
  let answer: Response
  try {
    answer = await handler(toWebRequest(request, body))
  } catch {
    // Only a request Node.js accepted but a Request cannot hold gets here; the handlers never throw.
    answer = Response.json({ message: 'The request could not be read.' }, { status: 400, headers: { 'Cache-Control': 'no-store' } })
  }
  const bytes = Buffer.from(await answer.arrayBuffer())
  for (const { key, value } of staticSecurityHeaders) response.setHeader(key, value)
  for (const { key, value } of apiHeaders(https)) response.setHeader(key, value)
  answer.headers.forEach((value, key) => response.setHeader(key, value))
  response.setHeader('Content-Length', bytes.length)
  // An oversized body is not read to its end: the connection closes after the answer.
  if (overflow) response.setHeader('Connection', 'close')
  response.writeHead(answer.status)
  response.end(bytes)
}
