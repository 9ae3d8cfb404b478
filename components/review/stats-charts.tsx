import type { DailyReviews, ReviewStats } from '@/lib/review/stats'

/**
 * Review statistics as SVG charts, each with its figures as a table (for
 * screen readers and for reading exact values), like the cohort completion chart.
 */

const width = 640
const height = 200
const pad = { left: 36, right: 12, top: 12, bottom: 28 }
const innerW = width - pad.left - pad.right
const innerH = height - pad.top - pad.bottom

const SEGMENTS = [
  { key: 'again', label: 'Again', className: 'fill-amber-600 dark:fill-amber-400' },
  { key: 'hard', label: 'Hard', className: 'fill-slate-500 dark:fill-slate-400' },
  { key: 'good', label: 'Good', className: 'fill-emerald-700 dark:fill-emerald-400' },
  { key: 'easy', label: 'Easy', className: 'fill-brand-600 dark:fill-brand-300' },
] as const

function niceMax(value: number): number {
  if (value <= 4) return 4
  const magnitude = 10 ** Math.floor(Math.log10(value))
  return Math.ceil(value / magnitude) * magnitude
}

function shortDay(day: string): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' })
}

function Axis({ max, first, last }: { max: number; first: string; last: string }) {
  const y = (value: number) => pad.top + innerH - (value / max) * innerH
  return (
    <>
      {[0, max / 2, max].map((tick) => (
        <g key={tick}>
          <line x1={pad.left} x2={width - pad.right} y1={y(tick)} y2={y(tick)} className="stroke-slate-300 dark:stroke-slate-700" />
          <text x={pad.left - 6} y={y(tick) + 4} textAnchor="end" className="fill-slate-700 text-[11px] dark:fill-slate-300">
            {tick}
          </text>
        </g>
      ))}
      <text x={pad.left} y={height - 8} className="fill-slate-700 text-[11px] dark:fill-slate-300">
        {shortDay(first)}
      </text>
      <text x={width - pad.right} y={height - 8} textAnchor="end" className="fill-slate-700 text-[11px] dark:fill-slate-300">
        {shortDay(last)}
      </text>
    </>
  )
}

const total = (day: DailyReviews) => day.again + day.hard + day.good + day.easy

export function ReviewsPerDayChart({ days }: { days: DailyReviews[] }) {
  const sum = days.reduce((acc, day) => acc + total(day), 0)
  const max = niceMax(Math.max(0, ...days.map(total)))
  const slot = innerW / days.length
  const barW = Math.max(2, slot * 0.7)
  const y = (value: number) => (value / max) * innerH
  return (
    <figure>
      <svg viewBox={`0 0 ${width} ${height}`} className="w-full max-w-2xl" role="img" aria-labelledby="reviews-chart-title">
        <title id="reviews-chart-title">{`${sum} reviews in the last ${days.length} days, by grade`}</title>
        <Axis max={max} first={days[0]?.day ?? ''} last={days.at(-1)?.day ?? ''} />
        {days.map((day, index) => {
          let base = pad.top + innerH
          return (
            <g key={day.day}>
              {SEGMENTS.map((segment) => {
                const h = y(day[segment.key])
                base -= h
                return h > 0 ? (
                  <rect key={segment.key} x={pad.left + index * slot + (slot - barW) / 2} y={base} width={barW} height={h} className={segment.className} />
                ) : null
              })}
            </g>
          )
        })}
      </svg>
      <figcaption className="mt-1 flex flex-wrap gap-3 text-sm">
        {SEGMENTS.map((segment) => (
          <span key={segment.key} className="inline-flex items-center gap-1">
            <svg width="12" height="12" aria-hidden="true">
              <rect width="12" height="12" className={segment.className} />
            </svg>
            {segment.label}
          </span>
        ))}
      </figcaption>
      <details className="mt-2">
        <summary className="cursor-pointer text-sm font-medium">Show the figures</summary>
        <table className="mt-2 text-sm" data-testid="reviews-table">
          <caption className="sr-only">Reviews per day by grade</caption>
          <thead>
            <tr>
              <th scope="col" className="pr-6 text-left">
                Day
              </th>
              {SEGMENTS.map((segment) => (
                <th key={segment.key} scope="col" className="pr-4 text-right">
                  {segment.label}
                </th>
              ))}
              <th scope="col" className="text-right">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {days
              .filter((day) => total(day) > 0)
              .map((day) => (
                <tr key={day.day}>
                  <td className="pr-6">{day.day}</td>
                  {SEGMENTS.map((segment) => (
                    <td key={segment.key} className="pr-4 text-right">
                      {day[segment.key]}
                    </td>
                  ))}
                  <td className="text-right">{total(day)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}

export function ForecastChart({ forecast }: { forecast: ReviewStats['forecast'] }) {
  const sum = forecast.reduce((acc, day) => acc + day.due, 0)
  const max = niceMax(Math.max(0, ...forecast.map((day) => day.due)))
  const slot = innerW / forecast.length
  const barW = Math.max(2, slot * 0.7)
  return (
    <figure>
      <svg viewBox={`0 0 ${width} ${height}`} className="w-full max-w-2xl" role="img" aria-labelledby="forecast-chart-title">
        <title id="forecast-chart-title">{`${sum} cards due in the next ${forecast.length} days, ${forecast[0]?.due ?? 0} of them today`}</title>
        <Axis max={max} first={forecast[0]?.day ?? ''} last={forecast.at(-1)?.day ?? ''} />
        {forecast.map((day, index) => {
          const h = (day.due / max) * innerH
          return h > 0 ? (
            <rect
              key={day.day}
              x={pad.left + index * slot + (slot - barW) / 2}
              y={pad.top + innerH - h}
              width={barW}
              height={h}
              className="fill-brand-600 dark:fill-brand-300"
            />
          ) : null
        })}
      </svg>
      <details className="mt-2">
        <summary className="cursor-pointer text-sm font-medium">Show the figures</summary>
        <table className="mt-2 text-sm" data-testid="forecast-table">
          <caption className="sr-only">Cards due per day</caption>
          <thead>
            <tr>
              <th scope="col" className="pr-6 text-left">
                Day
              </th>
              <th scope="col" className="text-right">
                Cards due
              </th>
            </tr>
          </thead>
          <tbody>
            {forecast
              .filter((day) => day.due > 0)
              .map((day) => (
                <tr key={day.day}>
                  <td className="pr-6">{day.day}</td>
                  <td className="text-right">{day.due}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
