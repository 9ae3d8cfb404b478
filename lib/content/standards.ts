import { z } from 'zod'
import type { Quiz } from '@/lib/drills/quiz'
import { bestOrder } from '@/lib/layer-cache/optimise'
import { parseDockerfile } from '@/lib/layer-cache/parse'
import type { LessonAnalysis } from './analyse-lesson'
import type { ContentProblem } from './problems'

/**
 * What a course promises of every lesson, declared in its course.json and
 * enforced by the content check. A course without `standards` promises nothing
 * beyond valid components, so a short internal course stays easy to write.
 */
const count = z.int().min(0)

export const LAYER_CACHE_SHAPES = ['naive', 'optimised', 'multi-stage'] as const
export type LayerCacheShape = (typeof LAYER_CACHE_SHAPES)[number]

export const courseStandardsSchema = z.strictObject({
  lesson: z
    .strictObject({
      minutes: z.strictObject({ min: z.int().min(1), max: z.int().max(60) }).optional(),
      flipCards: count.optional(),
      reorderDrills: count.optional(),
      interviewQuestions: count.optional(),
      /** Questions in the lesson's largest quiz. */
      quizQuestions: count.optional(),
      flowDiagrams: count.optional(),
      codeBlocks: count.optional(),
    })
    .optional(),
  course: z
    .strictObject({
      /** CommandBuilder scenarios across the whole course. */
      commandScenarios: count.optional(),
      /** Each kind of Dockerfile must appear in at least one LayerCacheSimulator. */
      layerCacheDockerfiles: z.array(z.enum(LAYER_CACHE_SHAPES)).optional(),
    })
    .optional(),
})

export type CourseStandards = z.infer<typeof courseStandardsSchema>

function uses(analysis: LessonAnalysis, name: string) {
  return analysis.uses.filter((use) => use.name === name)
}

function plural(n: number, word: string) {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/** Problems with one lesson against its course's per-lesson standards, reported on line 1 of the lesson. */
export function checkLessonStandards(analysis: LessonAnalysis, standards: CourseStandards, file: string): ContentProblem[] {
  const rules = standards.lesson
  if (!rules || !analysis.frontmatter) return []
  const problems: ContentProblem[] = []
  const report = (message: string) => problems.push({ file, line: 1, message: `course standard: ${message}` })

  const { minutes } = analysis.frontmatter
  if (rules.minutes && (minutes < rules.minutes.min || minutes > rules.minutes.max)) {
    report(`minutes is ${minutes}; lessons in this course take ${rules.minutes.min}–${rules.minutes.max} minutes (split a long lesson)`)
  }

  const kinds = (kind: string) => analysis.items.filter((item) => item.kind === kind).length
  const counted: [number | undefined, number, string][] = [
    [rules.flipCards, kinds('flip-card'), 'flip card'],
    [rules.reorderDrills, kinds('reorder'), 'reorder drill'],
    [rules.interviewQuestions, kinds('interview'), 'interview question'],
    [rules.flowDiagrams, uses(analysis, 'FlowDiagram').length, 'flow diagram'],
    [rules.codeBlocks, analysis.codeBlocks, 'code block'],
  ]
  for (const [minimum, found, what] of counted) {
    if (minimum !== undefined && found < minimum) report(`needs at least ${plural(minimum, what)}, found ${found}`)
  }

  if (rules.quizQuestions !== undefined) {
    const largest = Math.max(0, ...uses(analysis, 'Quiz').map((use) => (use.props as Quiz).questions.length))
    if (largest < rules.quizQuestions) {
      report(`needs a quiz of at least ${plural(rules.quizQuestions, 'question')}, found ${largest === 0 ? 'no quiz' : `one of ${largest}`}`)
    }
  }
  return problems
}

/** How a simulator's Dockerfile is shaped: several stages, or one stage whose order could or could not be improved. */
export function layerCacheShape(dockerfile: string): LayerCacheShape | undefined {
  const parsed = parseDockerfile(dockerfile)
  if (parsed.errors.length > 0) return undefined
  if (parsed.stages.length > 1) return 'multi-stage'
  const best = bestOrder(parsed)
  return best.seconds < best.originalSeconds ? 'naive' : 'optimised'
}

/** Problems with the course as a whole, reported against course.json. */
export function checkCourseStandards(analyses: LessonAnalysis[], standards: CourseStandards, file: string, line: number): ContentProblem[] {
  const rules = standards.course
  if (!rules) return []
  const problems: ContentProblem[] = []
  const report = (message: string) => problems.push({ file, line, message: `course standard: ${message}` })
  const all = analyses.flatMap((analysis) => analysis.uses)

  if (rules.commandScenarios !== undefined) {
    const scenarios = all.filter((use) => use.name === 'CommandBuilder').length
    if (scenarios < rules.commandScenarios) {
      report(`needs at least ${plural(rules.commandScenarios, 'CommandBuilder scenario')} across the course, found ${scenarios}`)
    }
  }

  if (rules.layerCacheDockerfiles) {
    const shapes = new Set(
      all
        .filter((use) => use.name === 'LayerCacheSimulator')
        .map((use) => layerCacheShape((use.props as { dockerfile: string }).dockerfile)),
    )
    const missing = rules.layerCacheDockerfiles.filter((shape) => !shapes.has(shape))
    if (missing.length > 0) {
      report(`needs a LayerCacheSimulator on a ${missing.join(', ')} Dockerfile (${missing.length === 1 ? 'it is' : 'they are'} missing)`)
    }
  }
  return problems
}
