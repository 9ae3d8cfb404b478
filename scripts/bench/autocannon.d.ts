/** The part of autocannon's API the benchmark uses (the package ships no types). */
declare module 'autocannon' {
  interface AutocannonRequest {
    method?: string
    path?: string
    headers?: Record<string, string>
    body?: string
    setupRequest?: (request: Record<string, unknown>) => Record<string, unknown>
    onResponse?: (status: number, body: string) => void
  }
  interface AutocannonOptions {
    url: string
    connections?: number
    duration?: number
    overallRate?: number
    timeout?: number
    requests?: AutocannonRequest[]
  }
  interface AutocannonResult {
    duration: number
    errors: number
    timeouts: number
    non2xx: number
  }
  interface AutocannonInstance extends PromiseLike<AutocannonResult> {
    on(event: 'response', listener: (client: unknown, status: number, bytes: number, responseTime: number) => void): this
  }
  function autocannon(options: AutocannonOptions): AutocannonInstance
  export default autocannon
}
