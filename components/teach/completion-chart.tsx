import type { CompletionPoint } from '@/lib/data/dashboard'

/** Completion over time as a line, with the same figures as a table for screen readers and for reading exact values. */
export function CompletionChart({ points }: { points: CompletionPoint[] }) {
  if (points.length === 0) {
    return <p className="text-slate-700 dark:text-slate-300">Nobody has completed a lesson yet.</p>
  }
  const width = 640
  const height = 200
  const pad = { left: 44, right: 12, top: 12, bottom: 28 }
  const innerW = width - pad.left - pad.right
  const innerH = height - pad.top - pad.bottom
  const x = (index: number) => pad.left + (points.length === 1 ? innerW / 2 : (index / (points.length - 1)) * innerW)
  const y = (share: number) => pad.top + innerH - share * innerH
  const path = points.map((point, index) => `${index === 0 ? 'M' : 'L'}${x(index).toFixed(1)},${y(point.share).toFixed(1)}`).join(' ')
  const last = points.at(-1)
  const percent = (share: number) => `${Math.round(share * 100)}%`

  return (
    <figure>
      <svg viewBox={`0 0 ${width} ${height}`} className="w-full max-w-2xl" role="img" aria-labelledby="completion-title">
        <title id="completion-title">
          {`Cohort completion rose to ${percent(last?.share ?? 0)} of all lessons by ${last?.day ?? ''}`}
        </title>
        {[0, 0.5, 1].map((tick) => (
          <g key={tick}>
            <line x1={pad.left} x2={width - pad.right} y1={y(tick)} y2={y(tick)} className="stroke-slate-300 dark:stroke-slate-700" />
            <text x={pad.left - 6} y={y(tick) + 4} textAnchor="end" className="fill-slate-700 text-[11px] dark:fill-slate-300">
              {percent(tick)}
            </text>
          </g>
        ))}
        <path d={path} fill="none" strokeWidth={2.5} className="stroke-brand-600 dark:stroke-brand-300" />
        {points.length <= 60 &&
          points.map((point, index) => <circle key={point.day} cx={x(index)} cy={y(point.share)} r={3} className="fill-brand-600 dark:fill-brand-300" />)}
        <text x={pad.left} y={height - 8} className="fill-slate-700 text-[11px] dark:fill-slate-300">
          {points[0]?.day}
        </text>
        <text x={width - pad.right} y={height - 8} textAnchor="end" className="fill-slate-700 text-[11px] dark:fill-slate-300">
          {last?.day}
        </text>
      </svg>
      <details className="mt-2">
        <summary className="cursor-pointer text-sm font-medium">Show the figures</summary>
        <table className="mt-2 text-sm">
          <caption className="sr-only">Share of all lessons completed by the cohort, by day</caption>
          <thead>
            <tr>
              <th scope="col" className="pr-6 text-left">
                Day (UTC)
              </th>
              <th scope="col" className="text-right">
                Completed
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.day}>
                <td className="pr-6">{point.day}</td>
                <td className="text-right">{percent(point.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
