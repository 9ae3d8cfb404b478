import { z } from 'zod'
import { courseStandardsSchema } from './standards'

/** Slugs end up in URLs and file names, and ids in the database: keep them boring. */
export const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

export const slugSchema = z.string().regex(KEBAB_CASE, 'must be kebab-case (lowercase letters, digits and single dashes)')

const text = z.string().trim().min(1, 'must not be empty')

/** The YAML block at the top of every lesson. Unknown keys are refused so a typo is not silently ignored. */
export const lessonFrontmatterSchema = z.strictObject({
  title: text,
  summary: text,
  minutes: z.int('must be a whole number of minutes').min(1, 'must be at least 1').max(60, 'must be at most 60'),
  objectives: z.array(text).min(1, 'needs at least 1 objective').max(8, 'allows at most 8 objectives'),
})

export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>

export const courseFileSchema = z.strictObject({
  title: text,
  summary: text,
  modules: z
    .array(
      z.strictObject({
        slug: slugSchema,
        title: text,
        summary: text.optional(),
        lessons: z.array(slugSchema).min(1, 'a module needs at least 1 lesson'),
      }),
    )
    .min(1, 'a course needs at least 1 module'),
  /** What every lesson of this course must hold; checked by `npm run content:check`. */
  standards: courseStandardsSchema.optional(),
})

export type CourseFile = z.infer<typeof courseFileSchema>
