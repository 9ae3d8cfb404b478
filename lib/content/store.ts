import 'server-only'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { CompiledLesson, ContentManifest, CourseEntry, LessonEntry, ModuleEntry, ReviewDeck } from './types'

/**
 * Read side of the content pipeline: pages get courses and compiled lessons
 * from .content/, written by `npm run content:build`. Nothing here compiles.
 *
 * In production the files never change, so they are read once. In
 * development the watcher rewrites them, so every call reads them again (a
 * small JSON file, read only when a page renders).
 */

export interface LessonContext {
  course: CourseEntry
  module: ModuleEntry
  lesson: LessonEntry
  prev?: LessonEntry
  next?: LessonEntry
}

const memoise = process.env.NODE_ENV === 'production'
let manifestCache: ContentManifest | undefined
let reviewDeckCache: ReviewDeck | undefined
const lessonCache = new Map<string, CompiledLesson>()

function contentDir(): string {
  return path.join(process.cwd(), '.content')
}

function readJsonOrThrow<T>(file: string): T {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${path.relative(process.cwd(), file)} is missing: run \`npm run content:build\` to compile the courses in content/`)
    }
    throw error
  }
  return JSON.parse(text) as T
}

export function getManifest(): ContentManifest {
  if (memoise && manifestCache) return manifestCache
  const manifest = readJsonOrThrow<ContentManifest>(path.join(contentDir(), 'manifest.json'))
  if (manifest.version !== 1) {
    throw new Error(`.content/manifest.json has version ${String(manifest.version)}; run \`npm run content:build\` to rebuild it`)
  }
  if (memoise) manifestCache = manifest
  return manifest
}

/** Card and interview text for the review and mock-interview pages (.content/review.json). */
export function getReviewDeck(): ReviewDeck {
  if (memoise && reviewDeckCache) return reviewDeckCache
  const deck = readJsonOrThrow<ReviewDeck>(path.join(contentDir(), 'review.json'))
  if (memoise) reviewDeckCache = deck
  return deck
}

export function getCourse(slug: string): CourseEntry | undefined {
  return getManifest().courses.find((course) => course.slug === slug)
}

/** Every lesson of a course in reading order, across modules. */
export function listLessons(course: CourseEntry): LessonEntry[] {
  return course.modules.flatMap((module) => module.lessons)
}

/** A lesson with its course, module and neighbours; prev and next cross module boundaries. */
export function getLessonContext(courseSlug: string, lessonSlug: string): LessonContext | undefined {
  const course = getCourse(courseSlug)
  if (!course) return undefined
  const lessons = listLessons(course)
  const index = lessons.findIndex((lesson) => lesson.slug === lessonSlug)
  const lesson = lessons[index]
  const lessonModule = course.modules.find((candidate) => candidate.slug === lesson?.moduleSlug)
  if (!lesson || !lessonModule) return undefined
  return { course, module: lessonModule, lesson, prev: lessons[index - 1], next: lessons[index + 1] }
}

export function getCompiledLesson(courseSlug: string, lessonSlug: string): CompiledLesson | undefined {
  // Only slugs the manifest knows reach the file system, so a URL cannot name another file.
  if (!getLessonContext(courseSlug, lessonSlug)) return undefined
  const key = `${courseSlug}/${lessonSlug}`
  const cached = memoise ? lessonCache.get(key) : undefined
  if (cached) return cached
  const lesson = readJsonOrThrow<CompiledLesson>(path.join(contentDir(), courseSlug, `${lessonSlug}.json`))
  if (memoise) lessonCache.set(key, lesson)
  return lesson
}
