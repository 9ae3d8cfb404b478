/**
 * Progress kept in the browser. Every action is an event with a client-made id,
 * appended to an outbox; the server stores each id once, so the outbox can be
 * sent again after a failure or merged into an account at sign-in without
 * doubling anything. The lesson summary is derived from the same events.
 */
import type { LessonStatus } from './resume'

export const PROGRESS_STORAGE_KEY = 'drydock:progress:v1'
const CHANGE_EVENT = 'drydock:progress-change'

export interface LocalProgressEvent {
  clientEventId: string
  courseSlug: string
  lessonSlug: string
  itemId?: string
  type: string
  payload: Record<string, unknown>
  occurredAt: string
}

interface LessonRecord {
  visitedAt: string
  completedAt?: string
}

/** What the browser knows about one interactive item, derived from its events. */
export interface ItemLocalState {
  /** Graded attempts (events whose payload says `correct`). */
  attempts: number
  completed: boolean
  firstTryCorrect?: boolean
  lastCorrect?: boolean
  /** The latest payload of each event type, e.g. `last['card.rated']`. */
  last: Record<string, Record<string, unknown>>
  updatedAt: string
}

export interface LocalProgress {
  version: 1
  /** Keyed by `<course>/<lesson>`. */
  lessons: Record<string, LessonRecord>
  /** Keyed by `<course>/<itemId>`. */
  items: Record<string, ItemLocalState>
  /** Events not yet acknowledged by the server. */
  outbox: LocalProgressEvent[]
}

const empty: LocalProgress = { version: 1, lessons: {}, items: {}, outbox: [] }

let cachedRaw: string | null | undefined
let cachedValue: LocalProgress = empty

function parse(raw: string | null): LocalProgress {
  if (!raw) return empty
  try {
    const value = JSON.parse(raw) as Partial<LocalProgress>
    if (value?.version !== 1 || typeof value.lessons !== 'object' || !Array.isArray(value.outbox)) return empty
    return { version: 1, lessons: value.lessons ?? {}, items: value.items ?? {}, outbox: value.outbox }
  } catch {
    return empty
  }
}

/** A stable snapshot for useSyncExternalStore: same object until storage changes. */
export function readLocalProgress(): LocalProgress {
  if (typeof window === 'undefined') return empty
  let raw: string | null = null
  try {
    raw = window.localStorage.getItem(PROGRESS_STORAGE_KEY)
  } catch {
    return cachedValue
  }
  if (raw !== cachedRaw) {
    cachedRaw = raw
    cachedValue = parse(raw)
  }
  return cachedValue
}

export function serverSnapshot(): LocalProgress {
  return empty
}

function write(next: LocalProgress) {
  try {
    window.localStorage.setItem(PROGRESS_STORAGE_KEY, JSON.stringify(next))
  } catch {
    // Storage full or refused: keep the in-memory copy so this page still reflects the action.
    cachedRaw = undefined
    cachedValue = next
  }
  window.dispatchEvent(new Event(CHANGE_EVENT))
}

export function subscribeLocalProgress(onChange: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === PROGRESS_STORAGE_KEY) onChange()
  }
  window.addEventListener('storage', onStorage)
  window.addEventListener(CHANGE_EVENT, onChange)
  return () => {
    window.removeEventListener('storage', onStorage)
    window.removeEventListener(CHANGE_EVENT, onChange)
  }
}

function newEventId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : // Older mobile browsers on plain http lack randomUUID; getRandomValues is everywhere.
      '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
        (Number(c) ^ (crypto.getRandomValues(new Uint8Array(1))[0]! & (15 >> (Number(c) / 4)))).toString(16),
      )
}

export function applyEvent(state: LocalProgress, event: LocalProgressEvent): LocalProgress {
  const key = `${event.courseSlug}/${event.lessonSlug}`
  const current = state.lessons[key]
  let record: LessonRecord | undefined = current
  if (event.type === 'lesson.visited') {
    record = { ...current, visitedAt: event.occurredAt }
  } else if (event.type === 'lesson.completed') {
    record = { visitedAt: current?.visitedAt ?? event.occurredAt, completedAt: current?.completedAt ?? event.occurredAt }
  } else if (event.type === 'lesson.reopened') {
    record = current ? { visitedAt: current.visitedAt } : current
  }
  return {
    version: 1,
    lessons: record ? { ...state.lessons, [key]: record } : state.lessons,
    items: event.itemId ? { ...state.items, [`${event.courseSlug}/${event.itemId}`]: applyItemEvent(state.items[`${event.courseSlug}/${event.itemId}`], event) } : state.items,
    outbox: [...state.outbox, event],
  }
}

/** Mirrors the server's derivation, so the page shows the same state before and after a sync. */
export function applyItemEvent(current: ItemLocalState | undefined, event: LocalProgressEvent): ItemLocalState {
  const graded = typeof event.payload.correct === 'boolean' ? (event.payload.correct as boolean) : undefined
  const state: ItemLocalState = current
    ? { ...current, last: { ...current.last } }
    : { attempts: 0, completed: false, last: {}, updatedAt: event.occurredAt }
  if (graded !== undefined) {
    state.attempts += 1
    state.firstTryCorrect ??= graded
    state.lastCorrect = graded
  }
  if (event.payload.completed === true) state.completed = true
  state.last[event.type] = event.payload
  state.updatedAt = event.occurredAt
  return state
}

export function itemState(state: LocalProgress, courseSlug: string, itemId: string): ItemLocalState | undefined {
  return state.items[`${courseSlug}/${itemId}`]
}

const LEARNER_SEED_KEY = 'drydock:learner-seed'

/** A random id kept in this browser, so shuffled drills stay the same across reloads for one learner. */
export function learnerSeed(): string {
  try {
    let seed = window.localStorage.getItem(LEARNER_SEED_KEY)
    if (!seed) {
      seed = newEventId()
      window.localStorage.setItem(LEARNER_SEED_KEY, seed)
    }
    return seed
  } catch {
    return 'anonymous'
  }
}

/** Records an action locally and returns the event so a caller can send it on. */
export function recordLocalEvent(
  input: Omit<LocalProgressEvent, 'clientEventId' | 'occurredAt' | 'payload'> & { payload?: Record<string, unknown> },
): LocalProgressEvent {
  const event: LocalProgressEvent = {
    clientEventId: newEventId(),
    occurredAt: new Date().toISOString(),
    payload: input.payload ?? {},
    courseSlug: input.courseSlug,
    lessonSlug: input.lessonSlug,
    type: input.type,
    ...(input.itemId ? { itemId: input.itemId } : {}),
  }
  write(applyEvent(readLocalProgress(), event))
  return event
}

export function lessonStatus(state: LocalProgress, courseSlug: string, lessonSlug: string): LessonStatus | undefined {
  const record = state.lessons[`${courseSlug}/${lessonSlug}`]
  return record ? { visited: true, completed: Boolean(record.completedAt) } : undefined
}

/** Removes events the server has stored (or had already stored) from the outbox. */
export function acknowledgeEvents(clientEventIds: readonly string[]): void {
  if (clientEventIds.length === 0) return
  const done = new Set(clientEventIds.map((id) => id.toLowerCase()))
  const current = readLocalProgress()
  write({ ...current, outbox: current.outbox.filter((event) => !done.has(event.clientEventId.toLowerCase())) })
}

/** What the server knows about a learner in one course (GET /api/progress). */
export interface ServerCourseState {
  lessons: { lessonSlug: string; visited: boolean; completed: boolean; lastVisitedAt: string | null }[]
  items: {
    itemId: string
    completed: boolean
    attempts: number
    firstTryCorrect: boolean | null
    lastCorrect: boolean | null
    last: Record<string, Record<string, unknown>>
    updatedAt: string
  }[]
}

/**
 * Folds the account's state into this browser's, so a learner sees the same progress on every device.
 * Completion only ever moves forward; for everything else the newer side wins.
 */
export function mergeServerState(state: LocalProgress, courseSlug: string, server: ServerCourseState): LocalProgress {
  const lessons = { ...state.lessons }
  for (const lesson of server.lessons) {
    if (!lesson.visited && !lesson.completed) continue
    const key = `${courseSlug}/${lesson.lessonSlug}`
    const local = lessons[key]
    const visitedAt = local?.visitedAt ?? lesson.lastVisitedAt ?? new Date(0).toISOString()
    lessons[key] = {
      visitedAt,
      ...(local?.completedAt || lesson.completed ? { completedAt: local?.completedAt ?? visitedAt } : {}),
    }
  }
  const items = { ...state.items }
  for (const item of server.items) {
    const key = `${courseSlug}/${item.itemId}`
    const local = items[key]
    const serverNewer = !local || item.updatedAt > local.updatedAt
    items[key] = {
      attempts: Math.max(local?.attempts ?? 0, item.attempts),
      completed: Boolean(local?.completed) || item.completed,
      ...(item.firstTryCorrect !== null ? { firstTryCorrect: item.firstTryCorrect } : local?.firstTryCorrect !== undefined ? { firstTryCorrect: local.firstTryCorrect } : {}),
      ...(serverNewer
        ? item.lastCorrect !== null
          ? { lastCorrect: item.lastCorrect }
          : {}
        : local?.lastCorrect !== undefined
          ? { lastCorrect: local.lastCorrect }
          : {}),
      last: serverNewer ? { ...local?.last, ...item.last } : { ...item.last, ...local?.last },
      updatedAt: serverNewer ? item.updatedAt : local.updatedAt,
    }
  }
  return { ...state, lessons, items }
}

export function applyServerState(courseSlug: string, server: ServerCourseState): void {
  write(mergeServerState(readLocalProgress(), courseSlug, server))
}
