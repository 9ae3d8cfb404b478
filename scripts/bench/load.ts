/**
 * HTTP load with autocannon, with every response time kept so any percentile
 * can be read exactly (autocannon's own summary has no p95).
 */
import autocannon from 'autocannon'

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
