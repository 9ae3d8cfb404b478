import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { LessonSidebar } from '@/components/layout/lesson-sidebar'
import { LessonBody } from '@/components/mdx/lesson-body'
import { LessonProgressProvider } from '@/components/progress/lesson-progress'
import { LessonTracker } from '@/components/progress/lesson-tracker'
import { getCompiledLesson, getLessonContext, getManifest, listLessons } from '@/lib/content/store'

export const dynamicParams = false

export function generateStaticParams() {
  return getManifest().courses.flatMap((course) =>
    listLessons(course).map((lesson) => ({ course: course.slug, lesson: lesson.slug })),
  )
}

type Params = { params: Promise<{ course: string; lesson: string }> }

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { course, lesson } = await params
  const context = getLessonContext(course, lesson)
  return context ? { title: `${context.lesson.title} · ${context.course.title}`, description: context.lesson.summary } : {}
}

export default async function LessonPage({ params }: Params) {
  const { course: courseSlug, lesson: lessonSlug } = await params
  const context = getLessonContext(courseSlug, lessonSlug)
  const compiled = getCompiledLesson(courseSlug, lessonSlug)
  if (!context || !compiled) notFound()
  const { course, module, lesson, prev, next } = context

  return (
    <div className="mx-auto grid max-w-7xl gap-8 px-4 py-6 lg:grid-cols-[16rem_minmax(0,1fr)] lg:py-10">
      <aside className="lg:sticky lg:top-20 lg:max-h-[calc(100vh-6rem)] lg:overflow-y-auto">
        <LessonSidebar course={course} currentLesson={lesson.slug} />
      </aside>
      <main id="main" className="min-w-0">
        <article className="mx-auto max-w-[70ch]">
          <header>
            <p className="text-sm font-medium text-brand-700 dark:text-brand-300">{module.title}</p>
            <h1 className="mt-1 text-3xl font-bold tracking-tight text-balance">{lesson.title}</h1>
            <p className="mt-2 text-lg text-slate-700 dark:text-slate-300">{lesson.summary}</p>
            <p className="mt-2 text-sm text-slate-500 dark:text-slate-400">{lesson.minutes} min</p>
            {lesson.objectives.length > 0 ? (
              <section
                aria-labelledby="objectives-heading"
                className="mt-6 rounded-lg bg-slate-50 p-4 dark:bg-slate-900"
              >
                <h2 id="objectives-heading" className="text-sm font-semibold">
                  By the end of this lesson you can
                </h2>
                <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700 dark:text-slate-300">
                  {lesson.objectives.map((objective) => (
                    <li key={objective}>{objective}</li>
                  ))}
                </ul>
              </section>
            ) : null}
          </header>

          <div className="mt-8">
            <LessonProgressProvider courseSlug={course.slug} lessonSlug={lesson.slug}>
              <LessonBody code={compiled.code} />
            </LessonProgressProvider>
          </div>

          <div className="mt-12">
            <LessonTracker
              courseSlug={course.slug}
              lessonSlug={lesson.slug}
              itemIds={lesson.items.map((item) => item.id)}
            />
          </div>

          <nav aria-label="Lesson" className="mt-8 grid gap-4 sm:grid-cols-2">
            {prev ? (
              <Link
                href={`/courses/${course.slug}/${prev.slug}`}
                rel="prev"
                className="rounded-lg border border-slate-200 p-4 hover:border-brand-600 dark:border-slate-800"
              >
                <span className="block text-sm text-slate-500 dark:text-slate-400">← Previous</span>
                <span className="font-medium">{prev.title}</span>
              </Link>
            ) : (
              <span />
            )}
            {next ? (
              <Link
                href={`/courses/${course.slug}/${next.slug}`}
                rel="next"
                className="rounded-lg border border-slate-200 p-4 text-right hover:border-brand-600 dark:border-slate-800"
              >
                <span className="block text-sm text-slate-500 dark:text-slate-400">Next →</span>
                <span className="font-medium">{next.title}</span>
              </Link>
            ) : (
              <Link
                href={`/courses/${course.slug}`}
                className="rounded-lg border border-slate-200 p-4 text-right hover:border-brand-600 dark:border-slate-800"
              >
                <span className="block text-sm text-slate-500 dark:text-slate-400">Last lesson</span>
                <span className="font-medium">Back to the course overview</span>
              </Link>
            )}
          </nav>
        </article>
      </main>
    </div>
  )
}
