/**
 * The shapes the content pipeline produces. `npm run content:build` compiles
 * every course under content/ into .content/ (a manifest plus one JSON file per
 * lesson); pages, the catalogue sync and the content check all read these.
 */

/** The kinds of interactive piece an MDX lesson can hold, each with a stable id. */
export type ItemKind =
  | 'flip-card'
  | 'reorder'
  | 'interview'
  | 'layer-cache'
  | 'command-builder'
  | 'quiz-question'
  | 'checklist'

export interface ItemEntry {
  /** Stable id written in the MDX; unique within its course. */
  id: string
  kind: ItemKind
  /** sha256 (hex, first 16 chars) of the item's props: changes when its text changes. */
  contentHash: string
  /** Order of the item within its lesson, from 0. */
  position: number
  /** A short human label (card front, question text, drill title). */
  label: string
  /** What a learner picks from, by id (quiz options, reorder steps, command tiles), for item analysis. */
  choices?: Record<string, string>
  /** The right answer as ids: the correct options, or the steps and tiles in order. */
  solution?: string[]
}

/** What review and mock interviews show of a card: its text, as authored (inline Markdown). */
export type ReviewContent =
  | { kind: 'flip-card'; front: string; back: string }
  | { kind: 'interview'; question: string; seniorAngle: string; keyPoints: string[] }

/** One reviewable item with where it lives, as written to .content/review.json. */
export type ReviewCardEntry = ReviewContent & {
  id: string
  lessonSlug: string
  moduleSlug: string
}

/** Every course's reviewable items in course order, for /review and /rehearse. */
export interface ReviewDeck {
  version: 1
  courses: {
    slug: string
    title: string
    modules: { slug: string; title: string }[]
    /** Lesson titles by slug, to say where a card comes from. */
    lessons: Record<string, string>
    cards: ReviewCardEntry[]
  }[]
}

export interface LessonEntry {
  slug: string
  courseSlug: string
  moduleSlug: string
  title: string
  summary: string
  minutes: number
  objectives: string[]
  /** Order of the lesson within its course, from 0. */
  position: number
  items: ItemEntry[]
  contentHash: string
}

export interface ModuleEntry {
  slug: string
  title: string
  summary?: string
  lessons: LessonEntry[]
}

export interface CourseEntry {
  slug: string
  title: string
  summary: string
  modules: ModuleEntry[]
  contentHash: string
}

export interface ContentManifest {
  version: 1
  courses: CourseEntry[]
}

/** One compiled lesson: its MDX compiled by mdx-bundler into a function body. */
export interface CompiledLesson {
  courseSlug: string
  slug: string
  code: string
}
