/**
 * HTTP load with autocannon, with every response time kept so any percentile
 * can be read exactly (autocannon's own summary has no p95).
 */
import http from 'node:http'
import autocannon from 'autocannon'
import { mulberry32 } from '@/lib/random'

export interface LoadOptions {
  url: string
  connections: number
  seconds: number
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  /** Builds each request's body and extra headers; called once per request. */
  build?: () => { body: string; headers?: Record<string, string> }
  /** Sees every response body, for requests whose answer must be checked (acknowledged events). */
  onResponse?: (status: number, body: string) => void
  /** Requests per second over all connections; unset: as fast as the server answers. */
  rate?: number
}

export interface LoadResult {
  requests: number
  ok: number
  failed: number
  seconds: number
  requestsPerSecond: number
  /** Mean bytes received per response, headers included. */
  bytesPerRequest: number
  latency: Latency
  statusCodes: Record<string, number>
}

export interface Latency {
  p50: number
  p95: number
  p99: number
  max: number
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil((p / 100) * sorted.length) - 1
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? Number.NaN
}

export function latencyOf(times: number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b)
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  }
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const times: number[] = []
  const statusCodes: Record<string, number> = {}
  let ok = 0
  let failed = 0
  const { build, onResponse } = options
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    overallRate: options.rate,
    timeout: 30,
    requests: [
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        ...(build
          ? {
              setupRequest: (request: Record<string, unknown>) => {
                const { body, headers } = build()
                return { ...request, body, headers: { ...options.headers, ...headers } }
              },
            }
          : {}),
        ...(onResponse ? { onResponse: (status: number, responseBody: string) => onResponse(status, responseBody) } : {}),
      },
    ],
  })
  let bytes = 0
  instance.on('response', (_client: unknown, status: number, responseBytes: number, responseTime: number) => {
    times.push(responseTime)
    bytes += responseBytes
    statusCodes[status] = (statusCodes[status] ?? 0) + 1
    if (status >= 200 && status < 300) ok += 1
    else failed += 1
  })
  const result = await instance
  const errors = result.errors ?? 0
  if (errors > 0) statusCodes.error = errors
  const seconds = result.duration
  return {
    requests: times.length,
    ok,
    failed: failed + errors,
    seconds,
    requestsPerSecond: ok / seconds,
    bytesPerRequest: times.length ? bytes / times.length : 0,
    latency: latencyOf(times),
    statusCodes,
  }
}

/**
 * Open-loop load at a set rate: requests start at the moments of a Poisson
 * process (independent learners' uploads, exponential gaps with the given
 * mean), whether or not earlier ones have been answered, over at most
 * `connections` keep-alive sockets. Each request's time runs from the moment
 * it was due to start, so time spent waiting for a free socket behind a slow
 * server counts (no coordinated omission). autocannon's own `overallRate`
 * instead sends each connection's share of a second at the top of that second,
 * all connections together: a burst of the whole second's requests, not a rate.
 *
 * When the clock stops, requests still waiting for a socket are dropped
 * unsent (reported in `unsent`; their bodies were built, so the caller resends
 * them as an outbox would) and requests on the wire are awaited.
 */
export async function runPaced(options: LoadOptions & { rate: number; seed?: number }): Promise<LoadResult & { unsent: number }> {
  const target = new URL(options.url)
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections })
  const random = mulberry32(options.seed ?? 1)
  const times: number[] = []
  const statusCodes: Record<string, number> = {}
  let ok = 0
  let failed = 0
  let bytes = 0
  let unsent = 0
  const waiting = new Set<http.ClientRequest>()
  const unsentRequests = new Set<http.ClientRequest>()
  const pending: Promise<void>[] = []
  const started = performance.now()
  const deadline = started + options.seconds * 1000
  let finished = started

  const send = (due: number) =>
    new Promise<void>((resolve) => {
      const { body, headers } = options.build?.() ?? { body: '' }
      const request = http.request({
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? 'GET',
        agent,
        headers: { ...options.headers, ...headers, 'content-length': Buffer.byteLength(body) },
      })
      waiting.add(request)
      request.on('socket', () => waiting.delete(request))
      request.setTimeout(30_000, () => request.destroy(new Error('timed out')))
      request.on('response', (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => {
          finished = performance.now()
          const received = Buffer.concat(chunks)
          const text = received.toString('utf8')
          const status = response.statusCode ?? 0
          times.push(finished - due)
          bytes += received.length
          statusCodes[status] = (statusCodes[status] ?? 0) + 1
          if (status >= 200 && status < 300) ok += 1
          else failed += 1
          options.onResponse?.(status, text)
          resolve()
        })
      })
      request.on('error', () => {
        if (unsentRequests.has(request)) unsent += 1
        else {
          failed += 1
          statusCodes.error = (statusCodes.error ?? 0) + 1
        }
        resolve()
      })
      request.end(body)
    })

  const meanGapMs = 1000 / options.rate
  let due = started
  while (due < deadline) {
    const wait = due - performance.now()
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait))
    pending.push(send(due))
    due += -Math.log(1 - random()) * meanGapMs
  }
  for (const request of waiting) {
    unsentRequests.add(request)
    request.destroy(new Error('not sent before the clock stopped'))
  }
  await Promise.all(pending)
  agent.destroy()
  const seconds = (Math.max(finished, deadline) - started) / 1000
  return {
    requests: times.length,
    ok,
    failed,
    unsent,
    seconds,
    requestsPerSecond: ok / seconds,
    bytesPerRequest: times.length ? bytes / times.length : 0,
    latency: latencyOf(times),
    statusCodes,
  }
}
