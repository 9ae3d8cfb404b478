/**
 * The instructor's cohort dashboard, fetched one request at a time as an
 * instructor's browser would: the time to the last byte of the page, and the
 * SQL statements each request cost, counted by PostgreSQL itself
 * (pg_stat_statements), not by the app.
 */
import pg from 'pg'
import { latencyOf, type Latency } from './load'

export interface DashboardFigures {
  cohortId: string
  students: number
  requests: number
  latency: Latency
  /** The first requests, made before the measured ones; reported apart (see WARM_UP_REQUESTS). */
  warmUp: Latency
  /** SQL statements per request, as PostgreSQL counted them. */
  queries: number
}

export interface StatementCounter {
  reset(): Promise<void>
  /** Statements run since the last reset, other than the counter's own. */
  count(): Promise<number>
  close(): Promise<void>
}

export async function openStatementCounter(databaseUrl: string): Promise<StatementCounter> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements')
  return {
    reset: async () => {
      await client.query('SELECT pg_stat_statements_reset()')
    },
    count: async () => {
      const { rows } = await client.query<{ calls: string | null }>(
        `SELECT sum(calls) AS calls FROM pg_stat_statements
         WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND query NOT ILIKE '%pg_stat_statements%'`,
      )
      return Number(rows[0]?.calls ?? 0)
    },
    close: () => client.end(),
  }
}

/**
 * Requests made before the measured ones. The first dozen after the server starts take 1.5 to 5 times as long
 * as the rest (by hand: 531, 192, 182, 156 … ms, then about 100): V8 is still compiling the page's code, and each
 * connection of the pool prepares the dashboard's statements the first time it runs them. The budget is for a
 * server that has been up; the first requests are still printed.
 */
export const WARM_UP_REQUESTS = 12

export async function measureDashboard(options: {
  serverUrl: string
  cohortId: string
  students: number
  instructorCookie: string
  /** At most this many requests, and fewer when they take longer than `maxSeconds` together (at least 5). */
  requests: number
  maxSeconds: number
  counter: StatementCounter
}): Promise<DashboardFigures> {
  const url = `${options.serverUrl}/teach/cohorts/${options.cohortId}`
  const fetchPage = async () => {
    const response = await fetch(url, { headers: { cookie: options.instructorCookie }, redirect: 'manual' })
    const body = await response.text()
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`)
    return body
  }
  // Warm: the first render of a route loads its code.
  const warmUp: number[] = []
  for (let i = 0; i < WARM_UP_REQUESTS; i++) {
    const started = performance.now()
    const page = await fetchPage()
    warmUp.push(performance.now() - started)
    // React separates adjacent text nodes with empty comments.
    if (i === 0 && !page.replaceAll('<!-- -->', '').includes(`${options.students} students`)) {
      throw new Error(`${url} does not show ${options.students} students`)
    }
  }

  await options.counter.reset()
  const times: number[] = []
  const deadline = performance.now() + options.maxSeconds * 1000
  while (times.length < options.requests && (times.length < 5 || performance.now() < deadline)) {
    const started = performance.now()
    await fetchPage()
    times.push(performance.now() - started)
  }
  const statements = await options.counter.count()
  return {
    cohortId: options.cohortId,
    students: options.students,
    requests: times.length,
    latency: latencyOf(times),
    warmUp: latencyOf(warmUp),
    queries: statements / times.length,
  }
}
