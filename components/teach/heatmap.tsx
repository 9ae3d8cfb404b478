import Link from 'next/link'
import { stringifyEntitiesLight } from 'stringify-entities'
import type { CohortOverview, HeatmapCell, StudentRow } from '@/lib/data/dashboard'

/**
 * Students × lessons. Every cell says its state in text and a symbol as well
 * as colour, and the table has real row and column headers, so a screen
 * reader announces "Ada, Lesson 3 Layers: done".
 */

const CELL_STYLE: Record<HeatmapCell['status'], string> = {
  completed: 'bg-emerald-700 text-white dark:bg-emerald-600',
  'in-progress': 'bg-amber-100 text-amber-950 dark:bg-amber-900 dark:text-amber-50',
  'not-started': 'bg-white text-slate-700 dark:bg-slate-900 dark:text-slate-300',
}

/** Text and attribute values as HTML, with the characters that could end either escaped. */
const escape = (value: string) => stringifyEntitiesLight(value, { escapeOnly: true })

/**
 * One cell: a short class (app/globals.css) draws ✓ or ·; a started lesson shows its exercises done.
 * The words are for screen readers.
 */
function cellHtml(cell: HeatmapCell, itemCount: number): string {
  if (cell.status === 'completed') return '<td class="hm hm-done"><span class="sr-only">Done</span></td>'
  if (cell.status === 'in-progress') {
    return `<td class="hm hm-part">${Number(cell.itemsDone)}/${itemCount}<span class="sr-only"> exercises, started</span></td>`
  }
  return '<td class="hm hm-none"><span class="sr-only">Not started</span></td>'
}

/**
 * The heatmap's rows as one HTML string. A page of 100 students is 2,400 cells; as React elements
 * they were most of the dashboard's server time and its page weight, rendered once for the HTML and
 * again for the page's React payload. Only names and ids come from users, and they are escaped.
 */
function rowsHtml(dashboard: CohortOverview, students: StudentRow[]): string {
  const { lessons, itemCounts, cohort, medianCompleted } = dashboard
  const median = formatCount(medianCompleted)
  return students
    .map((student) => {
      const href = escape(`/teach/cohorts/${cohort.id}/students/${student.id}`)
      const trend = student.completedLessons > medianCompleted ? '▲' : student.completedLessons < medianCompleted ? '▼' : '='
      const cells = student.cells.map((cell) => cellHtml(cell, itemCounts[cell.lessonSlug] ?? 0)).join('')
      return (
        '<tr class="border-t border-slate-200 dark:border-slate-800">' +
        '<th scope="row" class="sticky left-0 z-10 bg-white p-2 text-left font-medium whitespace-nowrap dark:bg-slate-950">' +
        `<a href="${href}" class="underline-offset-2 hover:underline">${escape(student.name)}</a></th>` +
        `<td class="p-2 whitespace-nowrap">${student.completedLessons} of ${lessons.length}` +
        `<span class="sr-only">; cohort median ${median}</span>` +
        `<span aria-hidden="true" class="ml-2 text-slate-600 dark:text-slate-400">${trend}</span></td>` +
        `${cells}</tr>`
      )
    })
    .join('')
}

/** Students shown per page of the heatmap; the CSV holds them all. */
export const HEATMAP_PAGE_SIZE = 100

export function Heatmap({ dashboard, page = 1 }: { dashboard: CohortOverview; page?: number }) {
  const { lessons, cohort, medianCompleted } = dashboard
  const pages = Math.max(1, Math.ceil(dashboard.students.length / HEATMAP_PAGE_SIZE))
  const current = Math.min(Math.max(1, page), pages)
  const first = (current - 1) * HEATMAP_PAGE_SIZE
  const students = dashboard.students.slice(first, first + HEATMAP_PAGE_SIZE)
  return (
    <div>
      <p className="mb-3 flex flex-wrap gap-4 text-sm" aria-hidden="true">
        <span>
          <span className={`inline-block w-6 rounded text-center ${CELL_STYLE.completed}`}>✓</span> done
        </span>
        <span>
          <span className={`inline-block rounded px-1 text-center ${CELL_STYLE['in-progress']}`}>2/9</span> started (2 of its 9 exercises done)
        </span>
        <span>
          <span className={`inline-block w-6 rounded border text-center ${CELL_STYLE['not-started']}`}>·</span> not started
        </span>
      </p>
      {/* Scrolls sideways on a phone; focusable so keyboard users can scroll it too. */}
      <div tabIndex={0} role="region" aria-labelledby="heatmap-caption" className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="border-collapse text-sm" data-testid="heatmap">
          <caption id="heatmap-caption" className="sr-only">
            Lesson completion in {cohort.name}: one row per student, one column per lesson
          </caption>
          <thead>
            <tr>
              <th scope="col" className="sticky left-0 z-10 bg-white p-2 text-left dark:bg-slate-950">
                Student
              </th>
              <th scope="col" className="p-2 text-left whitespace-nowrap">
                Lessons done <span className="font-normal">(median {formatCount(medianCompleted)})</span>
              </th>
              {lessons.map((lesson, index) => (
                <th key={lesson.slug} scope="col" className="p-1 text-center font-medium" title={lesson.title}>
                  <span aria-hidden="true">{index + 1}</span>
                  <span className="sr-only">
                    Lesson {index + 1}: {lesson.title}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody dangerouslySetInnerHTML={{ __html: rowsHtml(dashboard, students) }} />
        </table>
      </div>
      {pages > 1 && <HeatmapPages cohortId={cohort.id} current={current} pages={pages} total={dashboard.students.length} />}
    </div>
  )
}

function HeatmapPages({ cohortId, current, pages, total }: { cohortId: string; current: number; pages: number; total: number }) {
  const from = (current - 1) * HEATMAP_PAGE_SIZE + 1
  const to = Math.min(total, current * HEATMAP_PAGE_SIZE)
  const href = (page: number) => `/teach/cohorts/${cohortId}?page=${page}#heatmap-heading`
  const linkClass = 'inline-flex h-11 min-w-11 items-center justify-center rounded-md px-2 underline-offset-2 hover:underline'
  return (
    <nav aria-label="Heatmap pages" className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      <p>
        Students {from}–{to} of {total}
      </p>
      <ul className="flex flex-wrap gap-1">
        {Array.from({ length: pages }, (_, index) => index + 1).map((page) => (
          <li key={page}>
            {page === current ? (
              <span aria-current="page" className={`${linkClass} bg-slate-200 font-semibold dark:bg-slate-800`}>
                <span className="sr-only">Page </span>
                {page}
              </span>
            ) : (
              <Link href={href(page)} className={`${linkClass} text-brand-700 underline dark:text-brand-300`}>
                <span className="sr-only">Page </span>
                {page}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  )
}

export function formatCount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1)
}
