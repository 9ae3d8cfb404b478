/**
 * Lighthouse (the npm package, default mobile settings with simulated
 * throttling) on the system Chromium, headless. Several runs, reported by the
 * median one as Lighthouse's own guidance on variability advises: on this
 * machine single runs of an unchanged page scored anywhere from 77 to 98, as
 * Total Blocking Time followed whatever else the two cores were doing.
 */
import { existsSync } from 'node:fs'
import { launch } from 'chrome-launcher'
import lighthouse from 'lighthouse'
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js'

export interface LighthouseFigures {
  url: string
  performance: number
  accessibility: number
  /** Audits that cost points, for the report. */
  failing: { id: string; title: string; score: number | null }[]
  metrics: Record<string, number>
  /** Every script the page downloaded, lazily loaded widgets included, as sent over the wire. */
  scriptTransferBytes: number | null
  /** Each run's performance score, in the order run; the figures above are the median run's. */
  runs: number[]
}

export const LIGHTHOUSE_RUNS = 3

type Report = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr']

export function findChromium(): string | null {
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((file) => existsSync(file)) ?? null
}

export async function measureLighthouse(url: string, chromePath: string, runs = LIGHTHOUSE_RUNS): Promise<LighthouseFigures> {
  const chrome = await launch({
    chromePath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
    logLevel: 'silent',
  })
  try {
    const results: Report[] = []
    for (let run = 0; run < runs; run++) {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
      })
      if (!result) throw new Error('Lighthouse returned no result')
      if (result.lhr.runtimeError) throw new Error(`Lighthouse: ${result.lhr.runtimeError.message}`)
      results.push(result.lhr)
    }
    // Closest to the median First Contentful Paint and Time to Interactive (Lighthouse's own choice).
    const lhr: Report = computeMedianRun(results)
    const scoreOf = (report: typeof lhr, id: string) => Math.round((report.categories[id]?.score ?? 0) * 100)
    const score = (id: string) => scoreOf(lhr, id)
    const failing = Object.values(lhr.categories)
      .flatMap((category) => category.auditRefs)
      .filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id])
      .filter((audit): audit is NonNullable<typeof audit> => audit !== undefined && audit.score !== null && audit.score < 0.9)
      .map((audit) => ({ id: audit.id, title: audit.title, score: audit.score }))
    const metrics: Record<string, number> = {}
    for (const id of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']) {
      const value = lhr.audits[id]?.numericValue
      if (typeof value === 'number') metrics[id] = Math.round(value * 1000) / 1000
    }
    const summary = lhr.audits['resource-summary']?.details as { items?: { resourceType: string; transferSize: number }[] } | undefined
    const scripts = summary?.items?.find((item) => item.resourceType === 'script')
    return {
      url,
      performance: score('performance'),
      accessibility: score('accessibility'),
      failing,
      metrics,
      scriptTransferBytes: scripts ? scripts.transferSize : null,
      runs: results.map((report) => scoreOf(report, 'performance')),
    }
  } finally {
    chrome.kill()
  }
}
