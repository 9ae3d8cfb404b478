import { randomUUID } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { analyseLesson, type FoundItem, type LessonAnalysis } from './analyse-lesson'
import { checkCourseStandards, checkLessonStandards } from './standards'
import { compileLessonMdx, LessonCompileError } from './compile-lesson'
import { hashText } from './hash'
import { formatPath, sortProblems, type ContentProblem } from './problems'
import { courseFileSchema, KEBAB_CASE, type CourseFile } from './schemas'
import type { CompiledLesson, ContentManifest, CourseEntry, LessonEntry, ReviewDeck } from './types'

export interface CompileContentOptions {
  /** The folder holding one sub-folder per course. */
  contentDir: string
  /** Problems name files relative to this folder; defaults to the working directory. */
  rootDir?: string
}

export interface CompiledContent {
  manifest: ContentManifest
  /** Card and interview text for /review and /rehearse, in course order. */
  reviewDeck: ReviewDeck
  lessons: CompiledLesson[]
  /** Sorted by file and line. Empty means the content can ship. */
  problems: ContentProblem[]
}

export interface CompiledCourse {
  /** Undefined when course.json itself is unusable. */
  course?: CourseEntry
  /** Undefined with course. */
  review?: ReviewDeck['courses'][number]
  lessons: CompiledLesson[]
  problems: ContentProblem[]
}

// esbuild runs out of process; a few lessons in flight keep both cores busy
// without queueing dozens of builds at once.
const COMPILE_CONCURRENCY = 4

/** Compiles and checks every course under contentDir, without writing anything. */
export async function compileContent({ contentDir, rootDir = process.cwd() }: CompileContentOptions): Promise<CompiledContent> {
  const entries = await readdir(contentDir, { withFileTypes: true })
  const courseDirs = entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !entry.name.startsWith('_'))
    .map((entry) => entry.name)
    .sort()

  const courses: CourseEntry[] = []
  const reviewCourses: ReviewDeck['courses'] = []
  const lessons: CompiledLesson[] = []
  const problems: ContentProblem[] = []
  for (const name of courseDirs) {
    const result = await compileCourse(path.join(contentDir, name), { rootDir })
    if (result.course) courses.push(result.course)
    if (result.review) reviewCourses.push(result.review)
    lessons.push(...result.lessons)
    problems.push(...result.problems)
  }
  return {
    manifest: { version: 1, courses },
    reviewDeck: { version: 1, courses: reviewCourses },
    lessons,
    problems: sortProblems(problems),
  }
}

/** Compiles and checks one course folder: its course.json and every .mdx file in it. */
export async function compileCourse(courseDir: string, { rootDir = process.cwd() }: { rootDir?: string } = {}): Promise<CompiledCourse> {
  const courseSlug = path.basename(courseDir)
  const relative = (file: string) => path.relative(rootDir, path.join(courseDir, file)).split(path.sep).join('/')
  const courseFile = relative('course.json')
  const problems: ContentProblem[] = []

  if (!KEBAB_CASE.test(courseSlug)) {
    problems.push({ file: courseFile, line: 1, message: `course folder "${courseSlug}" must be kebab-case: it becomes the course URL` })
  }

  const { course: courseData, text: courseText } = await readCourseFile(path.join(courseDir, 'course.json'), courseFile, problems)
  const lineOf = (slug: string, nth = 0) => findQuotedLine(courseText, slug, nth)

  const mdxFiles = (await readdir(courseDir, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith('.mdx'))
    .map((entry) => entry.name.slice(0, -'.mdx'.length))
    .sort()
  const present = new Set(mdxFiles)

  // Which module lists each lesson, in course order; duplicates and missing files are problems.
  const placements: { slug: string; moduleIndex: number }[] = []
  if (courseData) {
    const seenModules = new Map<string, number>()
    const seenLessons = new Map<string, number>()
    courseData.modules.forEach((module, moduleIndex) => {
      const moduleCount = seenModules.get(module.slug) ?? 0
      seenModules.set(module.slug, moduleCount + 1)
      if (moduleCount > 0) {
        problems.push({ file: courseFile, line: lineOf(module.slug, moduleCount), message: `module "${module.slug}" appears twice` })
      }
      for (const slug of module.lessons) {
        const count = seenLessons.get(slug) ?? 0
        seenLessons.set(slug, count + 1)
        if (count > 0) {
          problems.push({ file: courseFile, line: lineOf(slug, count), message: `lesson "${slug}" is listed twice` })
          continue
        }
        if (!present.has(slug)) {
          problems.push({ file: courseFile, line: lineOf(slug), message: `lesson "${slug}" is listed but ${relative(`${slug}.mdx`)} does not exist` })
          continue
        }
        placements.push({ slug, moduleIndex })
      }
    })
    for (const slug of mdxFiles) {
      if (!seenLessons.has(slug)) {
        problems.push({
          file: relative(`${slug}.mdx`),
          line: 1,
          message: `lesson is not listed in ${courseFile}; add "${slug}" to a module's lessons or delete the file`,
        })
      }
    }
  }

  // Every file is analysed, listed or not, so one run reports everything.
  const sources = new Map<string, string>()
  const analyses = new Map<string, LessonAnalysis>()
  for (const slug of mdxFiles) {
    const source = await readFile(path.join(courseDir, `${slug}.mdx`), 'utf8')
    sources.set(slug, source)
    const analysis = analyseLesson(source, relative(`${slug}.mdx`))
    analyses.set(slug, analysis)
    problems.push(...analysis.problems)
  }

  problems.push(...findDuplicateIds(mdxFiles, placements, analyses, relative))

  const standards = courseData?.standards
  if (standards) {
    const listed = placements.flatMap(({ slug }) => {
      const analysis = analyses.get(slug)
      return analysis ? [{ slug, analysis }] : []
    })
    for (const { slug, analysis } of listed) problems.push(...checkLessonStandards(analysis, standards, relative(`${slug}.mdx`)))
    // Course-wide counts only make sense once every lesson is readable.
    if (listed.every(({ analysis }) => analysis.problems.length === 0)) {
      problems.push(...checkCourseStandards(listed.map(({ analysis }) => analysis), standards, courseFile, lineOf('standards')))
    }
  }

  const compiled = new Map<string, string>()
  const compilable = placements.filter(({ slug }) => analyses.get(slug)?.problems.length === 0)
  await forEachWithConcurrency(compilable, COMPILE_CONCURRENCY, async ({ slug }) => {
    try {
      compiled.set(slug, await compileLessonMdx(sources.get(slug) ?? ''))
    } catch (error) {
      const { message, line } = error instanceof LessonCompileError ? error : { message: String(error), line: 1 }
      problems.push({ file: relative(`${slug}.mdx`), line, message: `compile error: ${message}` })
    }
  })

  if (!courseData) return { lessons: [], problems }

  const entries: LessonEntry[] = []
  placements.forEach(({ slug, moduleIndex }) => {
    const analysis = analyses.get(slug)
    const frontmatter = analysis?.frontmatter
    if (!analysis || !frontmatter) return
    entries.push({
      slug,
      courseSlug,
      moduleSlug: courseData.modules[moduleIndex]?.slug ?? '',
      title: frontmatter.title,
      summary: frontmatter.summary,
      minutes: frontmatter.minutes,
      objectives: frontmatter.objectives,
      position: entries.length,
      items: analysis.items.map(({ line: _line, review: _review, ...item }) => item),
      contentHash: hashText(sources.get(slug) ?? ''),
    })
  })

  const course: CourseEntry = {
    slug: courseSlug,
    title: courseData.title,
    summary: courseData.summary,
    modules: courseData.modules.map((module) => ({
      slug: module.slug,
      title: module.title,
      ...(module.summary ? { summary: module.summary } : {}),
      lessons: entries.filter((lesson) => lesson.moduleSlug === module.slug),
    })),
    contentHash: hashText([courseText, ...entries.map((lesson) => lesson.contentHash)].join('\n')),
  }
  const lessons = entries.flatMap((lesson): CompiledLesson[] => {
    const code = compiled.get(lesson.slug)
    return code === undefined ? [] : [{ courseSlug, slug: lesson.slug, code }]
  })
  const review: ReviewDeck['courses'][number] = {
    slug: courseSlug,
    title: course.title,
    modules: course.modules.map(({ slug, title }) => ({ slug, title })),
    lessons: Object.fromEntries(entries.map((lesson) => [lesson.slug, lesson.title])),
    cards: entries.flatMap((lesson) =>
      (analyses.get(lesson.slug)?.items ?? []).flatMap((item) =>
        item.review ? [{ ...item.review, id: item.id, lessonSlug: lesson.slug, moduleSlug: lesson.moduleSlug }] : [],
      ),
    ),
  }
  return { course, review, lessons, problems }
}

async function readCourseFile(
  file: string,
  displayName: string,
  problems: ContentProblem[],
): Promise<{ course?: CourseFile; text: string }> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    problems.push({ file: displayName, line: 1, message: 'missing: every folder under content/ is a course and needs a course.json' })
    return { text: '' }
  }

  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const position = /position (\d+)/.exec(message)?.[1]
    const line = position ? text.slice(0, Number(position)).split('\n').length : 1
    problems.push({ file: displayName, line, message: `invalid JSON: ${message}` })
    return { text }
  }

  const result = courseFileSchema.safeParse(data)
  if (!result.success) {
    for (const issue of result.error.issues) {
      const where = issue.path.length > 0 ? formatPath(issue.path) : 'course'
      const detail = issue.code === 'unrecognized_keys' ? `unknown keys ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message
      problems.push({ file: displayName, line: 1, message: `${where}: ${detail}` })
    }
    return { text }
  }
  return { course: result.data, text }
}

/** Line of the nth occurrence of `"value"` in a JSON text, so problems point at the right entry. */
function findQuotedLine(text: string, value: string, nth: number): number {
  const needle = JSON.stringify(value)
  let index = -1
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(needle, index + 1)
    if (index === -1) return 1
  }
  return text.slice(0, index).split('\n').length
}

/** Item ids key saved progress for the whole course, so two items may never share one. */
function findDuplicateIds(
  mdxFiles: string[],
  placements: { slug: string }[],
  analyses: Map<string, LessonAnalysis>,
  relative: (file: string) => string,
): ContentProblem[] {
  // Course order first, so "already used at" points at the earlier lesson a reader meets.
  const listed = placements.map(({ slug }) => slug)
  const order = [...listed, ...mdxFiles.filter((slug) => !listed.includes(slug))]
  const firstUse = new Map<string, { file: string; item: FoundItem }>()
  const problems: ContentProblem[] = []
  for (const slug of order) {
    const file = relative(`${slug}.mdx`)
    for (const item of analyses.get(slug)?.items ?? []) {
      const earlier = firstUse.get(item.id)
      if (earlier) {
        problems.push({
          file,
          line: item.line,
          message: `item id "${item.id}" is already used at ${earlier.file}:${earlier.item.line}; ids must be unique within the course`,
        })
      } else {
        firstUse.set(item.id, { file, item })
      }
    }
  }
  return problems
}

async function forEachWithConcurrency<T>(items: T[], limit: number, run: (item: T) => Promise<void>) {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T
      await run(item)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

export interface BuildContentOptions extends CompileContentOptions {
  /** Where the manifest and compiled lessons go (the app reads `<cwd>/.content`). */
  outDir: string
}

/**
 * Compiles everything and, only if there are no problems, writes the manifest
 * and one JSON file per lesson. A failed build leaves the previous output in
 * place, so a dev server keeps serving the last good content.
 */
export async function buildContent({ outDir, ...options }: BuildContentOptions): Promise<CompiledContent & { written: boolean }> {
  const result = await compileContent(options)
  if (result.problems.length > 0) return { ...result, written: false }

  const keep = new Set<string>([path.join(outDir, 'manifest.json'), path.join(outDir, 'review.json')])
  for (const lesson of result.lessons) {
    const file = path.join(outDir, lesson.courseSlug, `${lesson.slug}.json`)
    keep.add(file)
    await writeFileAtomically(file, `${JSON.stringify(lesson)}\n`)
  }
  await writeFileAtomically(path.join(outDir, 'review.json'), `${JSON.stringify(result.reviewDeck)}\n`)
  // The manifest goes last: a reader never sees it list a lesson whose file is not there yet.
  await writeFileAtomically(path.join(outDir, 'manifest.json'), `${JSON.stringify(result.manifest, null, 2)}\n`)
  await removeStaleFiles(outDir, keep)
  return { ...result, written: true }
}

async function writeFileAtomically(file: string, text: string) {
  const existing = await readFile(file, 'utf8').catch(() => undefined)
  // Unchanged files keep their mtime, so a dev server does not reload for nothing.
  if (existing === text) return
  await mkdir(path.dirname(file), { recursive: true })
  const temporary = `${file}.${randomUUID()}.tmp`
  await writeFile(temporary, text)
  await rename(temporary, file)
}

async function removeStaleFiles(outDir: string, keep: Set<string>) {
  const entries = await readdir(outDir, { withFileTypes: true, recursive: true })
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    if (!keep.has(file)) await rm(file, { force: true })
  }
  for (const entry of await readdir(outDir, { withFileTypes: true })) {
    if (entry.isDirectory() && (await readdir(path.join(outDir, entry.name))).length === 0) {
      await rm(path.join(outDir, entry.name), { recursive: true, force: true })
    }
  }
}
