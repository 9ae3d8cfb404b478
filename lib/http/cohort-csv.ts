import { getUserFromRequest } from '@/lib/auth/request-user'
import { hasRole } from '@/lib/auth/roles'
import { getCohortDashboard, type CohortDashboard } from '@/lib/data/dashboard'
import { jsonError, HttpError } from './json'
import { csvResponse, toCsv } from './csv'

const STATUS_WORDS = { completed: 'done', 'in-progress': 'started', 'not-started': '' } as const

export function heatmapCsv(dashboard: CohortDashboard): string {
  const header = ['Student', 'Email', 'Lessons done', 'Last activity (UTC)', ...dashboard.lessons.map((lesson, i) => `${i + 1}. ${lesson.title}`)]
  const rows = dashboard.students.map((student) => [
    student.name,
    student.email,
    student.completedLessons,
    student.lastActivityAt?.toISOString() ?? '',
    ...student.cells.map((cell) =>
      cell.status === 'in-progress' ? `started ${cell.itemsDone}/${dashboard.itemCounts[cell.lessonSlug] ?? 0}` : STATUS_WORDS[cell.status],
    ),
  ])
  return toCsv([header, ...rows])
}

export function itemsCsv(dashboard: CohortDashboard): string {
  const header = ['Item', 'Kind', 'Lesson', 'Learners', 'Attempts', 'Answered', 'Right first time', 'First-try success (%)', 'Most common mistake', 'Times']
  const rows = dashboard.items.map((item) => [
    item.label,
    item.kind,
    item.lessonTitle,
    item.learners,
    item.attempts,
    item.answered,
    item.firstTryRight,
    item.firstTryRate === null ? '' : Math.round(item.firstTryRate * 100),
    item.commonMistake ?? '',
    item.mistakeCount || '',
  ])
  return toCsv([header, ...rows])
}

/** GET handler body shared by both exports: the same checks as the dashboard page. */
export async function cohortCsv(request: Request, cohortId: string, kind: 'heatmap' | 'items'): Promise<Response> {
  const viewer = await getUserFromRequest(request)
  if (!viewer) return jsonError(new HttpError(401, 'Sign in to download cohort data.'))
  const dashboard = hasRole(viewer.role, 'INSTRUCTOR') ? await getCohortDashboard(viewer, cohortId) : null
  if (!dashboard) return jsonError(new HttpError(404, 'No such cohort.'))
  const slug = dashboard.cohort.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'cohort'
  return kind === 'heatmap'
    ? csvResponse(`${slug}-heatmap.csv`, heatmapCsv(dashboard))
    : csvResponse(`${slug}-items.csv`, itemsCsv(dashboard))
}
