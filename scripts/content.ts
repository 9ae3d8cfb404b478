/**
 * npm run content:check   compile and validate every lesson, write nothing
 * npm run content:build   the same, then write .content/ (fails on any problem)
 * content:build --watch   rebuild whenever something under content/ changes
 */
import { watch } from 'node:fs'
import path from 'node:path'
import { buildContent, compileContent, type CompiledContent } from '../lib/content/build'
import { formatProblem } from '../lib/content/problems'

const rootDir = process.cwd()
const contentDir = path.join(rootDir, 'content')
const outDir = path.join(rootDir, '.content')

function summarise({ manifest, lessons }: CompiledContent): string {
  const courses = manifest.courses.length
  const items = manifest.courses.reduce(
    (sum, course) => sum + course.modules.reduce((m, module) => m + module.lessons.reduce((l, lesson) => l + lesson.items.length, 0), 0),
    0,
  )
  return `${courses} ${courses === 1 ? 'course' : 'courses'}, ${lessons.length} ${lessons.length === 1 ? 'lesson' : 'lessons'}, ${items} ${items === 1 ? 'item' : 'items'}`
}

function reportProblems(result: CompiledContent) {
  for (const problem of result.problems) console.error(formatProblem(problem))
  const files = new Set(result.problems.map((problem) => problem.file)).size
  const count = result.problems.length
  console.error(`content: ${count} ${count === 1 ? 'problem' : 'problems'} in ${files} ${files === 1 ? 'file' : 'files'}`)
}

async function run(mode: 'check' | 'build'): Promise<boolean> {
  const started = performance.now()
  const result = mode === 'check' ? await compileContent({ contentDir, rootDir }) : await buildContent({ contentDir, outDir, rootDir })
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  if (result.problems.length > 0) {
    reportProblems(result)
    return false
  }
  const verb = mode === 'check' ? 'checked' : `built into ${path.relative(rootDir, outDir)}/`
  console.log(`content: ${summarise(result)} ${verb} in ${seconds}s`)
  return true
}

async function runSafely(mode: 'check' | 'build'): Promise<boolean> {
  try {
    return await run(mode)
  } catch (error) {
    // A crash in the pipeline itself (not a content problem): show it and keep watching.
    console.error(error)
    return false
  }
}

function watchContent() {
  let running = false
  let again = false
  let timer: NodeJS.Timeout | undefined

  const rebuild = async () => {
    if (running) {
      again = true
      return
    }
    running = true
    do {
      again = false
      await runSafely('build')
    } while (again)
    running = false
  }

  // Editors write a file in several steps; wait for the burst to settle.
  const watcher = watch(contentDir, { recursive: true }, () => {
    clearTimeout(timer)
    timer = setTimeout(() => void rebuild(), 100)
  })
  console.log(`content: watching ${path.relative(rootDir, contentDir)}/ for changes`)
  const stop = () => {
    watcher.close()
    clearTimeout(timer)
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

async function main() {
  const [mode, ...flags] = process.argv.slice(2)
  if (mode !== 'check' && mode !== 'build') {
    console.error('usage: tsx scripts/content.ts check | build [--watch]')
    process.exit(2)
  }
  const watching = mode === 'build' && flags.includes('--watch')
  const ok = await runSafely(mode)
  if (watching) {
    // The first build failing is fine while watching: the author is about to fix it.
    watchContent()
    return
  }
  process.exit(ok ? 0 : 1)
}

void main()
