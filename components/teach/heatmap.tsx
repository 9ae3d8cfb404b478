import Link from 'next/link'
import type { CohortDashboard, HeatmapCell } from '@/lib/data/dashboard'

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

function cellText(cell: HeatmapCell, itemCount: number) {
  if (cell.status === 'completed') return { symbol: '✓', words: 'Done' }
  if (cell.status === 'in-progress') return { symbol: '◐', words: `${cell.itemsDone}/${itemCount}` }
  return { symbol: '·', words: 'Not started' }
}

export function Heatmap({ dashboard }: { dashboard: CohortDashboard }) {
  const { lessons, students, itemCounts, cohort, medianCompleted } = dashboard
  return (
    <div>
      <p className="mb-3 flex flex-wrap gap-4 text-sm" aria-hidden="true">
        <span>
          <span className={`inline-block w-6 rounded text-center ${CELL_STYLE.completed}`}>✓</span> done
        </span>
        <span>
          <span className={`inline-block w-6 rounded text-center ${CELL_STYLE['in-progress']}`}>◐</span> started (exercises done)
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
          <tbody>
            {students.map((student) => (
              <tr key={student.id} className="border-t border-slate-200 dark:border-slate-800">
                <th scope="row" className="sticky left-0 z-10 bg-white p-2 text-left font-medium whitespace-nowrap dark:bg-slate-950">
                  <Link href={`/teach/cohorts/${cohort.id}/students/${student.id}`} className="underline-offset-2 hover:underline">
                    {student.name}
                  </Link>
                </th>
                <td className="p-2 whitespace-nowrap">
                  {student.completedLessons} of {lessons.length}
                  <span className="sr-only">; cohort median {formatCount(medianCompleted)}</span>
                  <span aria-hidden="true" className="ml-2 text-slate-600 dark:text-slate-400">
                    {student.completedLessons > medianCompleted ? '▲' : student.completedLessons < medianCompleted ? '▼' : '='}
                  </span>
                </td>
                {student.cells.map((cell) => {
                  const text = cellText(cell, itemCounts[cell.lessonSlug] ?? 0)
                  return (
                    <td key={cell.lessonSlug} className="p-0.5 text-center">
                      <span className={`block min-w-9 rounded px-1 py-1 ${CELL_STYLE[cell.status]}`}>
                        <span aria-hidden="true">{cell.status === 'in-progress' ? text.words : text.symbol}</span>
                        <span className="sr-only">{cell.status === 'in-progress' ? `Started, ${text.words} exercises` : text.words}</span>
                      </span>
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}

export function formatCount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1)
}
