import { createHash, randomBytes } from 'node:crypto'
import { hash } from '@node-rs/argon2'
import type { ContentManifest, LessonEntry } from '@/lib/content/types'
import type { DbLog } from '@/lib/db/log'
import { getDb } from '@/lib/db'
import { syncCatalogue } from './catalogue'
import { recordProgressEvents, type ProgressEventInput } from './progress-write'
import { simulatedItemEvents } from './simulated-answers'

/**
 * Demo accounts so a fresh install has someone to sign in as and an
 * instructor dashboard with something on it. Each account gets a random
 * password, shown once when the account is created and never stored in clear;
 * an account that already exists is left alone, so running the seed again (as
 * every `npm start` with DRYDOCK_SEED_DEMO does) changes nothing.
 */

export interface DemoAccount {
  email: string
  name: string
  role: 'INSTRUCTOR' | 'STUDENT'
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'instructor@drydock.example', name: 'Ines Instructor', role: 'INSTRUCTOR' },
  { email: 'ada@drydock.example', name: 'Ada Student', role: 'STUDENT' },
  { email: 'brook@drydock.example', name: 'Brook Student', role: 'STUDENT' },
  { email: 'chen@drydock.example', name: 'Chen Student', role: 'STUDENT' },
]

// How far each student got: Ada finished most of the course, Brook is midway
// and struggling, Chen opened the first lesson and stopped.
const STUDENT_PACE: Record<string, { lessonShare: number; accuracy: number; idleDays?: number }> = {
  'ada@drydock.example': { lessonShare: 0.8, accuracy: 0.9 },
  'brook@drydock.example': { lessonShare: 0.4, accuracy: 0.5 },
  'chen@drydock.example': { lessonShare: 0, accuracy: 0.7, idleDays: 9 },
}

/**
 * Classmates in the demo cohort, so the instructor's dashboard has a spread
 * to read. They have no password and cannot sign in.
 */
export const DEMO_CLASSMATES: readonly { email: string; name: string; lessonShare: number; accuracy: number; idleDays?: number }[] = [
  { email: 'dara@drydock.example', name: 'Dara Okafor', lessonShare: 0.65, accuracy: 0.8 },
  { email: 'eli@drydock.example', name: 'Eli Novak', lessonShare: 0.55, accuracy: 0.75 },
  { email: 'fen@drydock.example', name: 'Fen Li', lessonShare: 0.95, accuracy: 0.95 },
  { email: 'gus@drydock.example', name: 'Gus Moreau', lessonShare: 0.3, accuracy: 0.6, idleDays: 12 },
  { email: 'hana@drydock.example', name: 'Hana Sato', lessonShare: 0.5, accuracy: 0.7 },
  { email: 'ivo@drydock.example', name: 'Ivo Petrov', lessonShare: 0.1, accuracy: 0.55 },
  { email: 'jo@drydock.example', name: 'Jo Mensah', lessonShare: 0.75, accuracy: 0.85 },
]
for (const classmate of DEMO_CLASSMATES) STUDENT_PACE[classmate.email] = classmate

export const DEMO_COHORT_ID = 'demo-cohort'

export interface SeedDemoResult {
  /** Accounts created by this run, with the only copy of their passwords. */
  created: { email: string; role: DemoAccount['role']; password: string }[]
  eventsRecorded: number
}

export async function seedDemo(
  manifest: ContentManifest | null,
  options: { log?: DbLog } = {},
): Promise<SeedDemoResult> {
  const log = options.log ?? (() => {})
  const db = getDb()
  const created: SeedDemoResult['created'] = []

  const passwords = new Map<string, string>()
  const data = []
  for (const account of DEMO_ACCOUNTS) {
    const password = randomBytes(12).toString('base64url')
    passwords.set(account.email, password)
    // @node-rs/argon2 hashes with argon2id unless told otherwise.
    data.push({ ...account, passwordHash: await hash(password), emailVerified: new Date() })
  }
  // skipDuplicates (ON CONFLICT DO NOTHING) returns only the rows inserted, so
  // two servers seeding at once cannot both announce the same account.
  const inserted = await db.user.createManyAndReturn({
    data,
    skipDuplicates: true,
    select: { email: true, role: true },
  })
  for (const account of DEMO_ACCOUNTS) {
    const password = passwords.get(account.email)
    if (!password || !inserted.some((row) => row.email === account.email)) continue
    created.push({ email: account.email, role: account.role, password })
    log(
      `Created demo ${account.role.toLowerCase()} ${account.email} with password ${password} (shown only now)`,
    )
  }

  // The classmates and the instructor's cohort: created once, left alone after.
  await db.user.createMany({
    data: DEMO_CLASSMATES.map(({ email, name }) => ({ email, name, role: 'STUDENT' as const })),
    skipDuplicates: true,
  })

  if (created.length === 0) {
    log('Demo accounts already exist; their passwords were shown when they were created')
  }

  let eventsRecorded = 0
  const lessons = manifest ? orderedLessons(manifest) : []
  if (manifest && lessons.length > 0) {
    await syncCatalogue(manifest)
    const students = await db.user.findMany({
      where: { email: { in: Object.keys(STUDENT_PACE) } },
      select: { id: true, email: true },
    })
    for (const student of students) {
      const events = demoEvents(student.email, lessons)
      // recordProgressEvents takes bounded batches; the event ids are derived
      // from the student and step, so re-seeding only finds duplicates.
      for (let start = 0; start < events.length; start += 200) {
        const { accepted } = await recordProgressEvents(
          student.id,
          events.slice(start, start + 200),
        )
        eventsRecorded += accepted.length
      }
    }
    if (eventsRecorded > 0) log(`Recorded ${eventsRecorded} demo progress events`)
    await seedDemoCohort(manifest, students.map((student) => student.id))
  } else {
    log('No compiled content yet, so the demo students have no progress')
  }
  return { created, eventsRecorded }
}

async function seedDemoCohort(manifest: ContentManifest, studentIds: string[]) {
  const db = getDb()
  const instructor = await db.user.findUnique({ where: { email: 'instructor@drydock.example' }, select: { id: true } })
  const course = manifest.courses[0]
  if (!instructor || !course) return
  await db.cohort.upsert({
    where: { id: DEMO_COHORT_ID },
    create: { id: DEMO_COHORT_ID, name: 'Demo cohort', courseSlug: course.slug, instructorId: instructor.id, joinCode: null },
    update: {},
  })
  await db.cohortMember.createMany({
    data: studentIds.map((userId) => ({ cohortId: DEMO_COHORT_ID, userId })),
    skipDuplicates: true,
  })
}

function orderedLessons(manifest: ContentManifest): LessonEntry[] {
  const first = manifest.courses[0]
  if (!first) return []
  return first.modules.flatMap((m) => m.lessons).sort((a, b) => a.position - b.position)
}

function demoEvents(email: string, lessons: LessonEntry[]): ProgressEventInput[] {
  const pace = STUDENT_PACE[email]
  if (!pace) return []
  const finished = Math.floor(lessons.length * pace.lessonShare)
  // Chen and anyone below one lesson still opened the first one.
  const touched = lessons.slice(0, Math.min(lessons.length, finished + 1))
  const events: ProgressEventInput[] = []
  const start = Date.now() - (touched.length + 2 + (pace.idleDays ?? 0)) * 86_400_000
  let step = 0
  const at = (day: number, minute: number) =>
    new Date(start + day * 86_400_000 + minute * 60_000).toISOString()

  touched.forEach((lesson, day) => {
    const base = { courseSlug: lesson.courseSlug, lessonSlug: lesson.slug }
    events.push({
      ...base,
      clientEventId: demoUuid(email, step++),
      type: 'lesson.visited',
      payload: {},
      occurredAt: at(day, 0),
    })
    const isFinished = day < finished
    const items = isFinished
      ? lesson.items
      : lesson.items.slice(0, Math.ceil(lesson.items.length / 2))
    items.forEach((item, index) => {
      const correct = pseudoRandom(`${email}:${item.id}`) < pace.accuracy
      for (const event of simulatedItemEvents(item, correct, pseudoRandom(`${item.id}:mistake`))) {
        events.push({
          ...base,
          ...event,
          itemId: item.id,
          clientEventId: demoUuid(email, step++),
          occurredAt: at(day, 2 + index),
        })
      }
    })
    if (isFinished) {
      events.push({
        ...base,
        clientEventId: demoUuid(email, step++),
        type: 'lesson.completed',
        payload: {},
        occurredAt: at(day, 3 + items.length),
      })
    }
  })
  return events
}

/** A stable RFC 4122 (version 4 layout) uuid per student and step. */
function demoUuid(email: string, step: number): string {
  const hex = createHash('sha256').update(`drydock-demo:${email}:${step}`).digest('hex')
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

function pseudoRandom(seed: string): number {
  return (
    Number.parseInt(createHash('sha256').update(seed).digest('hex').slice(0, 8), 16) / 0xffffffff
  )
}
