import type {
  ContentManifest,
  CourseEntry,
  ItemEntry,
  ItemKind,
  LessonEntry,
} from '@/lib/content/types'

/**
 * A small course in the shape the content pipeline produces, for tests that
 * need a catalogue: two modules, three lessons, a handful of items.
 */

function item(id: string, kind: ItemKind, position: number, answer: Pick<ItemEntry, 'choices' | 'solution'> = {}): ItemEntry {
  return { id, kind, position, label: `Label of ${id}`, contentHash: `hash-${id}`, ...answer }
}

function lesson(
  slug: string,
  moduleSlug: string,
  position: number,
  items: ItemEntry[],
): LessonEntry {
  return {
    slug,
    courseSlug: 'docker',
    moduleSlug,
    title: `Lesson ${slug}`,
    summary: `What ${slug} covers`,
    minutes: 10,
    objectives: [],
    position,
    items,
    contentHash: `hash-${slug}`,
  }
}

export function buildCourse(): CourseEntry {
  return {
    slug: 'docker',
    title: 'Docker Fundamentals',
    summary: 'Containers from first principles',
    contentHash: 'hash-docker',
    modules: [
      {
        slug: 'basics',
        title: 'Basics',
        lessons: [
          lesson('why-containers', 'basics', 0, [
            item('why-card-1', 'flip-card', 0),
            item('why-quiz-1', 'quiz-question', 1, {
              choices: { vm: 'A small virtual machine', process: 'A process with boundaries', image: 'An image' },
              solution: ['process'],
            }),
          ]),
          lesson('images', 'basics', 1, [
            item('images-order', 'reorder', 0, {
              choices: { pull: 'Pull the image', create: 'Create the container', start: 'Start it' },
              solution: ['pull', 'create', 'start'],
            }),
            item('images-quiz', 'quiz-question', 1),
          ]),
        ],
      },
      {
        slug: 'compose',
        title: 'Compose',
        lessons: [lesson('compose-intro', 'compose', 2, [item('compose-card', 'flip-card', 0)])],
      },
    ],
  }
}

export function buildManifest(): ContentManifest {
  return { version: 1, courses: [buildCourse()] }
}
