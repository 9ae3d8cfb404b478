/**
 * A problem found in a course's source, reported as `file:line: message` so
 * editors and CI logs can jump straight to it.
 */
export interface ContentProblem {
  /** Path relative to the repository root (or the root a caller chose). */
  file: string
  /** 1-based line in `file`. */
  line: number
  message: string
}

export function formatProblem(problem: ContentProblem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`
}

export function sortProblems(problems: ContentProblem[]): ContentProblem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)
}

/**
 * Formats a validation path the way an author writes it in MDX or YAML:
 * `steps[1].label` rather than `steps.1.label`.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out === '' ? String(key) : `.${String(key)}`
  }
  return out
}
