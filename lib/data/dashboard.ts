import { getCourse, listLessons } from '@/lib/content/store'
import type { CourseEntry, ItemEntry, ItemKind, LessonEntry } from '@/lib/content/types'
import { getDb } from '@/lib/db'
import { prepared, type PreparedStatement } from '@/lib/db/pool'
import { catalogueId } from './catalogue-id'
import { getManagedCohort, type CohortSummary, type Viewer } from './cohorts'

/**
 * The instructor's view of a cohort, answered by a fixed handful of aggregate
 * queries however many students and items there are: one for the cohort, one
 * for the students, one for lesson progress (with the exercises done, which
 * the database keeps per student and lesson), one for item totals, one for
 * wrong answers. Everything else is arithmetic on those rows.
 */

export const INACTIVE_AFTER_DAYS = 7
const DAY_MS = 24 * 60 * 60 * 1000

export type CellStatus = 'completed' | 'in-progress' | 'not-started'

export interface HeatmapCell {
  lessonSlug: string
  status: CellStatus
  /** Exercises done in the lesson, out of the lesson's count in `itemCounts`. */
  itemsDone: number
}

export interface StudentRow {
  id: string
  name: string
  email: string
  joinedAt: Date
  lastActivityAt: Date | null
  completedLessons: number
  cells: HeatmapCell[]
  risk: string[]
}

export interface CompletionPoint {
  /** UTC day, YYYY-MM-DD. */
  day: string
  /** Lessons completed by the cohort up to and including this day, as a share of students × lessons. */
  share: number
}

export interface ItemAnalysisRow {
  itemId: string
  kind: ItemKind
  label: string
  lessonSlug: string
  lessonTitle: string
  learners: number
  attempts: number
  /** Learners whose first graded answer was right, out of those who answered. */
  firstTryRight: number
  answered: number
  /** Right on first try, 0–1; null before anyone answered. */
  firstTryRate: number | null
  /** The most frequent mistake in words, or null when there is none to report. */
  commonMistake: string | null
  mistakeCount: number
}

export interface CohortDashboard {
  cohort: CohortSummary
  lessons: Pick<LessonEntry, 'slug' | 'title' | 'position'>[]
  itemCounts: Record<string, number>
  students: StudentRow[]
  medianCompleted: number
  completionOverTime: CompletionPoint[]
  items: ItemAnalysisRow[]
}

interface StudentSql {
  id: string
  name: string | null
  email: string
  joined_at: Date
  last_at: Date | null
}

interface LessonSql {
  user_id: string
  lesson_id: string
  /** YYYY-MM-DD in UTC, or null while the lesson is not completed. */
  completed_day: string | null
  items_done: number
}

interface ItemSql {
  item_id: string
  learners: number
  attempts: number
  answered: number
  first_right: number
}

interface MistakeSql {
  item_id: string
  answer: unknown
  n: number
}

export function median(values: number[]): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

/**
 * The dashboard's statements, run in parallel. They go straight to node-postgres: through
 * Prisma, converting and mapping the 11,000 lesson rows of a 1,000-student cohort cost more
 * than the SQL. Planned per run, since cohorts range from a handful to a thousand students.
 * $1 is the cohort and $2 the course's catalogue prefix ("<course>/%") unless noted.
 */
const dashboard = {
  // Every event moves its lesson's last_visited_at forward, so the latest of a student's lessons
  // is their last activity in the course, without reading their events.
  students: {
    name: 'dashboard.students.1',
    plan: 'per-run',
    text: `
      SELECT u.id, u.name, u.email, m.joined_at, activity.last_at
      FROM cohort_members m
      JOIN users u ON u.id = m.user_id
      LEFT JOIN LATERAL (
        SELECT max(p.last_visited_at) AS last_at FROM lesson_progress p
        WHERE p.user_id = m.user_id AND p.lesson_id LIKE $2
      ) activity ON true
      WHERE m.cohort_id = $1
      ORDER BY lower(coalesce(u.name, u.email)), u.id`,
  },
  // One row holding them all as JSON, each [user, lesson, day completed or null, exercises done]: a
  // 1,000-student cohort has 11,000, and parsing the protocol row by row was the largest CPU cost of its
  // dashboard (profiled). The day as text: a timestamp each was the largest before that. Exercises done
  // are kept on the row by triggers on item_states (migration 20261123052020_lesson_items_done): counting
  // the cohort's item states here cost 30-70 ms a request.
  lessons: {
    name: 'dashboard.lessons.3',
    plan: 'per-run',
    text: `
      SELECT coalesce(json_agg(json_build_array(
        p.user_id, p.lesson_id, to_char(p.completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), p.items_done)), '[]'::json) AS rows
      FROM lesson_progress p
      JOIN cohort_members m ON m.user_id = p.user_id AND m.cohort_id = $1
      WHERE p.lesson_id LIKE $2`,
  },
  items: {
    name: 'dashboard.items.1',
    plan: 'per-run',
    text: `
      SELECT s.item_id,
        count(*)::int AS learners,
        sum(s.attempts)::int AS attempts,
        (count(*) FILTER (WHERE s.first_try_correct IS NOT NULL))::int AS answered,
        (count(*) FILTER (WHERE s.first_try_correct))::int AS first_right
      FROM item_states s
      JOIN cohort_members m ON m.user_id = s.user_id AND m.cohort_id = $1
      WHERE s.item_id LIKE $2
      GROUP BY s.item_id`,
  },
  // Summed from each learner's counts, which the write path keeps (wrong_answers): reading the cohort's wrong
  // events instead was the dashboard's largest statement, and grew with every answer.
  mistakes: {
    name: 'dashboard.mistakes.2',
    plan: 'per-run',
    text: `
      SELECT w.item_id, w.answer::jsonb AS answer, sum(w.count)::int AS n
      FROM wrong_answers w
      JOIN cohort_members m ON m.user_id = w.user_id AND m.cohort_id = $1
      WHERE w.item_id LIKE $2
      GROUP BY w.item_id, w.answer_key, w.answer`,
  },
} satisfies Record<string, PreparedStatement>

/** The dashboard of one cohort, or null when the viewer may not see it (or it does not exist). */
export async function getCohortDashboard(viewer: Viewer, cohortId: string, options: DashboardOptions = {}): Promise<CohortDashboard | null> {
  const opened = await openCohortDashboard(viewer, cohortId, options)
  if (!opened) return null
  const [overview, items] = await Promise.all([opened.overview, opened.items])
  return { ...overview, items }
}

interface DashboardOptions {
  now?: Date
  course?: CourseEntry
}

/** The dashboard without its item analysis. */
export type CohortOverview = Omit<CohortDashboard, 'items'>

export interface OpenedDashboard {
  overview: Promise<CohortOverview>
  /**
   * The item analysis, counted while the overview is put together: the dashboard's largest statement, so
   * a page can show everything else first. Both promises are already observed, so a page that never shows
   * one, or fails on the other first, leaves no unhandled rejection; awaiting either still raises its error.
   */
  items: Promise<ItemAnalysisRow[]>
}

/**
 * The dashboard in two parts, both under way once the viewer is known to manage the cohort; null when the
 * viewer may not see it (or it does not exist).
 */
export async function openCohortDashboard(viewer: Viewer, cohortId: string, options: DashboardOptions = {}): Promise<OpenedDashboard | null> {
  const cohort = await getManagedCohort(viewer, cohortId)
  if (!cohort) return null
  const course = options.course ?? getCourse(cohort.courseSlug)
  const lessons = course ? listLessons(course) : []
  const coursePrefix = `${cohort.courseSlug}/%`
  const items = Promise.all([
    prepared<ItemSql>(dashboard.items, [cohortId, coursePrefix]),
    prepared<MistakeSql>(dashboard.mistakes, [cohortId, coursePrefix]),
  ]).then(([itemRows, mistakeRows]) => analyseItems(lessons, itemRows, mistakeRows, cohort.courseSlug))
  const overview = loadOverview(cohort, lessons, coursePrefix, options.now ?? new Date())
  items.catch(() => undefined)
  overview.catch(() => undefined)
  return { overview, items }
}

async function loadOverview(cohort: CohortSummary, lessons: LessonEntry[], coursePrefix: string, now: Date): Promise<CohortOverview> {
  const [studentRows, [lessonPack]] = await Promise.all([
    prepared<StudentSql>(dashboard.students, [cohort.id, coursePrefix]),
    prepared<{ rows: [string, string, string | null, number][] }>(dashboard.lessons, [cohort.id, coursePrefix]),
  ])

  const lessonRows: LessonSql[] = (lessonPack?.rows ?? []).map(([user_id, lesson_id, completed_day, items_done]) => ({
    user_id,
    lesson_id,
    completed_day,
    items_done,
  }))

  const lessonIdToSlug = new Map(lessons.map((lesson) => [catalogueId(cohort.courseSlug, lesson.slug), lesson.slug]))
  const itemCounts = Object.fromEntries(lessons.map((lesson) => [lesson.slug, lesson.items.length]))

  const progressByStudent = new Map<string, Map<string, LessonSql>>()
  for (const row of lessonRows) {
    const slug = lessonIdToSlug.get(row.lesson_id)
    if (!slug) continue
    let forStudent = progressByStudent.get(row.user_id)
    if (!forStudent) progressByStudent.set(row.user_id, (forStudent = new Map()))
    forStudent.set(slug, row)
  }

  const students: StudentRow[] = studentRows.map((row) => {
    const progress = progressByStudent.get(row.id)
    const cells = lessons.map((lesson): HeatmapCell => {
      const lessonProgress = progress?.get(lesson.slug)
      // Any event in a lesson gives it a progress row, so the status never needs the exercise counts.
      const status: CellStatus = lessonProgress?.completed_day ? 'completed' : lessonProgress ? 'in-progress' : 'not-started'
      return { lessonSlug: lesson.slug, status, itemsDone: lessonProgress?.items_done ?? 0 }
    })
    return {
      id: row.id,
      name: row.name ?? row.email,
      email: row.email,
      joinedAt: row.joined_at,
      lastActivityAt: row.last_at,
      completedLessons: cells.filter((cell) => cell.status === 'completed').length,
      cells,
      risk: [],
    }
  })

  const medianCompleted = median(students.map((student) => student.completedLessons))
  for (const student of students) {
    const idleSince = student.lastActivityAt ?? student.joinedAt
    if (now.getTime() - idleSince.getTime() >= INACTIVE_AFTER_DAYS * DAY_MS) {
      student.risk.push(
        student.lastActivityAt ? `No activity for ${Math.floor((now.getTime() - idleSince.getTime()) / DAY_MS)} days` : 'Has not started',
      )
    }
    // "Far below": under half the median, once the median is worth comparing against.
    if (medianCompleted >= 2 && student.completedLessons < medianCompleted / 2) {
      student.risk.push(`Far behind: ${student.completedLessons} lessons against a median of ${medianCompleted}`)
    }
  }

  return {
    cohort,
    lessons: lessons.map(({ slug, title, position }) => ({ slug, title, position })),
    itemCounts,
    students,
    medianCompleted,
    completionOverTime: completionSeries(lessonRows, students.length, lessons.length),
  }
}

function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/** Cumulative completion by day, from the first completion to the last. */
export function completionSeries(rows: Pick<LessonSql, 'completed_day'>[], studentCount: number, lessonCount: number): CompletionPoint[] {
  const total = studentCount * lessonCount
  if (total === 0) return []
  const perDay = new Map<string, number>()
  for (const row of rows) {
    if (row.completed_day) perDay.set(row.completed_day, (perDay.get(row.completed_day) ?? 0) + 1)
  }
  const days = [...perDay.keys()].sort()
  const first = days[0]
  const last = days.at(-1)
  if (!first || !last) return []
  const points: CompletionPoint[] = []
  let running = 0
  for (let day = new Date(`${first}T00:00:00Z`); utcDay(day) <= last; day = new Date(day.getTime() + DAY_MS)) {
    running += perDay.get(utcDay(day)) ?? 0
    points.push({ day: utcDay(day), share: running / total })
  }
  return points
}

const ANALYSED_KINDS: ReadonlySet<ItemKind> = new Set(['quiz-question', 'reorder', 'command-builder', 'flip-card', 'interview'])

function describeMistake(item: ItemEntry, answer: unknown): string | null {
  if (!Array.isArray(answer)) return null
  const ids = answer.filter((value): value is string => typeof value === 'string')
  const name = (id: string) => item.choices?.[id] ?? id
  if (item.kind === 'quiz-question') return ids.length === 0 ? null : ids.map(name).join(' + ')
  if (item.kind === 'command-builder') return ids.length === 0 ? 'An empty sequence' : ids.map(name).join(' → ')
  return null
}

export function analyseItems(lessons: LessonEntry[], itemRows: ItemSql[], mistakeRows: MistakeSql[], courseSlug: string): ItemAnalysisRow[] {
  const totals = new Map(itemRows.map((row) => [row.item_id, row]))
  const mistakes = new Map<string, MistakeSql[]>()
  for (const row of mistakeRows) {
    const list = mistakes.get(row.item_id)
    if (list) list.push(row)
    else mistakes.set(row.item_id, [row])
  }

  const rows: ItemAnalysisRow[] = []
  for (const lesson of lessons) {
    for (const item of lesson.items) {
      if (!ANALYSED_KINDS.has(item.kind)) continue
      const id = catalogueId(courseSlug, item.id)
      const total = totals.get(id)
      const wrong = mistakes.get(id) ?? []
      let commonMistake: string | null = null
      let mistakeCount = 0
      if (item.kind === 'reorder') {
        // Which step is out of place most often, over every wrong order submitted.
        const misplaced = new Map<string, number>()
        for (const row of wrong) {
          if (!Array.isArray(row.answer)) continue
          row.answer.forEach((stepId, index) => {
            if (typeof stepId === 'string' && item.solution && item.solution[index] !== stepId) {
              misplaced.set(stepId, (misplaced.get(stepId) ?? 0) + row.n)
            }
          })
        }
        const [stepId, count] = [...misplaced.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? []
        if (stepId && count) {
          commonMistake = `Most misplaced step: ${item.choices?.[stepId] ?? stepId}`
          mistakeCount = count
        }
      } else {
        const top = [...wrong].sort((a, b) => b.n - a.n || JSON.stringify(a.answer).localeCompare(JSON.stringify(b.answer)))[0]
        if (top) {
          commonMistake = describeMistake(item, top.answer)
          mistakeCount = commonMistake ? top.n : 0
        }
      }
      const answered = total?.answered ?? 0
      rows.push({
        itemId: item.id,
        kind: item.kind,
        label: item.label,
        lessonSlug: lesson.slug,
        lessonTitle: lesson.title,
        learners: total?.learners ?? 0,
        attempts: total?.attempts ?? 0,
        firstTryRight: total?.first_right ?? 0,
        answered,
        firstTryRate: answered > 0 ? (total?.first_right ?? 0) / answered : null,
        commonMistake,
        mistakeCount,
      })
    }
  }
  // Hardest first: lowest first-try success, then the most attempts; unanswered items last, in course order.
  return rows
    .map((row, order) => ({ row, order }))
    .sort((a, b) => {
      const ra = a.row.firstTryRate
      const rb = b.row.firstTryRate
      if (ra === null || rb === null) return ra === rb ? a.order - b.order : ra === null ? 1 : -1
      return ra - rb || b.row.attempts - a.row.attempts || a.order - b.order
    })
    .map(({ row }) => row)
}

export interface TimelineEntry {
  at: Date
  type: string
  lessonSlug: string
  lessonTitle: string
  itemLabel: string | null
  correct: boolean | null
}

export interface StudentTimeline {
  cohort: CohortSummary
  student: { id: string; name: string; email: string; joinedAt: Date }
  entries: TimelineEntry[]
  truncated: boolean
}

export const TIMELINE_LIMIT = 300

/** One student's recent activity on the cohort's course; null unless the viewer manages the cohort and the student is in it. */
export async function getStudentTimeline(
  viewer: Viewer,
  cohortId: string,
  studentId: string,
  options: { course?: CourseEntry } = {},
): Promise<StudentTimeline | null> {
  const cohort = await getManagedCohort(viewer, cohortId)
  if (!cohort) return null
  const member = await getDb().cohortMember.findUnique({
    where: { cohortId_userId: { cohortId, userId: studentId } },
    select: { joinedAt: true, user: { select: { id: true, name: true, email: true } } },
  })
  if (!member) return null
  const events = await getDb().progressEvent.findMany({
    where: { userId: studentId, courseSlug: cohort.courseSlug },
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    take: TIMELINE_LIMIT + 1,
    select: { occurredAt: true, type: true, lessonSlug: true, itemId: true, payload: true },
  })
  const course = options.course ?? getCourse(cohort.courseSlug)
  const lessons = new Map((course ? listLessons(course) : []).map((lesson) => [lesson.slug, lesson]))
  const prefix = `${cohort.courseSlug}/`
  return {
    cohort,
    student: { id: member.user.id, name: member.user.name ?? member.user.email, email: member.user.email, joinedAt: member.joinedAt },
    truncated: events.length > TIMELINE_LIMIT,
    entries: events.slice(0, TIMELINE_LIMIT).map((event) => {
      const lesson = lessons.get(event.lessonSlug)
      const itemId = event.itemId?.startsWith(prefix) ? event.itemId.slice(prefix.length) : event.itemId
      const item = itemId ? lesson?.items.find((entry) => entry.id === itemId) : undefined
      const payload = event.payload as { correct?: unknown } | null
      return {
        at: event.occurredAt,
        type: event.type,
        lessonSlug: event.lessonSlug,
        lessonTitle: lesson?.title ?? event.lessonSlug,
        itemLabel: item?.label ?? itemId ?? null,
        correct: typeof payload?.correct === 'boolean' ? payload.correct : null,
      }
    }),
  }
}
