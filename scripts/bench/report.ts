/**
 * The budgets from issue #8 and the table the benchmark prints: one row per
 * figure with its value, its budget and whether it is met.
 */

export type Verdict = 'pass' | 'FAIL' | 'n/a' | ''

export interface Row {
  figure: string
  value: string
  budget: string
  verdict: Verdict
  /** The raw number, for results.json. */
  raw?: number | null
}

export function row(figure: string, value: string, budget = '', pass?: boolean | null, raw?: number | null): Row {
  return { figure, value, budget, verdict: pass === undefined ? '' : pass === null ? 'n/a' : pass ? 'pass' : 'FAIL', raw }
}

export const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`
export const perSecond = (value: number, unit = 'req/s') => `${Math.round(value).toLocaleString('en-US')} ${unit}`
export const ratio = (value: number) => value.toFixed(2)

export function formatTable(rows: Row[]): string {
  const headers = ['Figure', 'Value', 'Budget', 'Result']
  const cells = rows.map((r) => [r.figure, r.value, r.budget, r.verdict])
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)))
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd()
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n')
}

/** The same table as Markdown, for README.md. */
export function formatMarkdown(rows: Row[]): string {
  const escape = (value: string) => value.replaceAll('|', '\\|')
  return [
    '| Figure | Value | Budget | Result |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${escape(r.figure)} | ${escape(r.value)} | ${escape(r.budget)} | ${r.verdict} |`),
  ].join('\n')
}
