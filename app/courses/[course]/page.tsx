import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { CourseProgress } from '@/components/progress/course-progress'
import { LessonStatusMark } from '@/components/progress/lesson-status-mark'
import { getCourse, getManifest, listLessons } from '@/lib/content/store'

export const dynamicParams = false

export function generateStaticParams() {
  return getManifest().courses.map((course) => ({ course: course.slug }))
}

type Params = { params: Promise<{ course: string }> }

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const course = getCourse((await params).course)
  return course ? { title: course.title, description: course.summary } : {}
}

export default async function CoursePage({ params }: Params) {
  const course = getCourse((await params).course)
  if (!course) notFound()
  const lessons = listLessons(course)
  const minutes = lessons.reduce((sum, lesson) => sum + lesson.minutes, 0)

  return (
    <main id="main" className="mx-auto max-w-4xl px-4 py-10">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600 dark:text-slate-400">
        <Link href="/" className="hover:underline">
          Courses
        </Link>
      </nav>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">{course.title}</h1>
      <p className="mt-3 max-w-2xl text-lg text-slate-700 dark:text-slate-300">{course.summary}</p>
      <p className="mt-3 text-sm text-slate-500 dark:text-slate-400">
        {course.modules.length} modules · {lessons.length} lessons · {minutes} minutes of reading and drills
      </p>
      <div className="mt-6">
        <CourseProgress courseSlug={course.slug} lessons={lessons.map(({ slug, title }) => ({ slug, title }))} />
      </div>

      <ol className="mt-10 space-y-8">
        {course.modules.map((module, moduleIndex) => (
          <li key={module.slug} aria-labelledby={`module-${module.slug}`}>
            <h2 id={`module-${module.slug}`} className="text-xl font-semibold">
              <span className="text-slate-500 dark:text-slate-400">Module {moduleIndex + 1}.</span> {module.title}
            </h2>
            {module.summary ? <p className="mt-1 text-slate-600 dark:text-slate-300">{module.summary}</p> : null}
            <ol className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
              {module.lessons.map((lesson) => (
                <li key={lesson.slug}>
                  <Link
                    href={`/courses/${course.slug}/${lesson.slug}`}
                    className="flex items-start gap-3 p-4 hover:bg-slate-50 dark:hover:bg-slate-900"
                  >
                    <span className="mt-0.5">
                      <LessonStatusMark courseSlug={course.slug} lessonSlug={lesson.slug} />
                    </span>
                    <span className="grow">
                      <span className="block font-medium">{lesson.title}</span>
                      <span className="mt-0.5 block text-sm text-slate-600 dark:text-slate-400">{lesson.summary}</span>
                    </span>
                    <span className="shrink-0 text-sm text-slate-500 dark:text-slate-400">{lesson.minutes} min</span>
                  </Link>
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </main>
  )
}
