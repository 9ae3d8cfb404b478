/** Where "continue" should take a learner: the first lesson, in course order, not yet completed. */
export interface LessonStatus {
  visited: boolean
  completed: boolean
}

export type ResumeTarget =
  | { state: 'not-started'; lessonSlug: string }
  | { state: 'in-progress'; lessonSlug: string }
  | { state: 'finished'; lessonSlug: null }

export function findResumeTarget(
  lessonSlugs: readonly string[],
  statusOf: (lessonSlug: string) => LessonStatus | undefined,
): ResumeTarget {
  const first = lessonSlugs[0]
  if (first === undefined) return { state: 'finished', lessonSlug: null }
  const anyTouched = lessonSlugs.some((slug) => {
    const status = statusOf(slug)
    return status?.visited || status?.completed
  })
  if (!anyTouched) return { state: 'not-started', lessonSlug: first }
  const unfinished = lessonSlugs.find((slug) => !statusOf(slug)?.completed)
  return unfinished === undefined
    ? { state: 'finished', lessonSlug: null }
    : { state: 'in-progress', lessonSlug: unfinished }
}

export function countCompleted(
  lessonSlugs: readonly string[],
  statusOf: (lessonSlug: string) => LessonStatus | undefined,
): number {
  return lessonSlugs.filter((slug) => statusOf(slug)?.completed).length
}
