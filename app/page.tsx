import Link from 'next/link'
import { CourseProgress } from '@/components/progress/course-progress'
import { getManifest, listLessons } from '@/lib/content/store'

export default function CataloguePage() {
  const { courses } = getManifest()
  return (
    <main id="main" className="mx-auto max-w-5xl px-4 py-10">
      <h1 className="text-3xl font-bold tracking-tight">Courses</h1>
      <p className="mt-2 max-w-2xl text-slate-600 dark:text-slate-300">
        Read a lesson, work through its drills, and come back to what you learned when it is due for review.
      </p>
      {courses.length === 0 ? (
        <p className="mt-8 rounded-lg border border-dashed border-slate-300 p-6 dark:border-slate-700">
          No courses yet. Add a folder under <code>content/</code> and run <code>npm run content:build</code>.
        </p>
      ) : (
        <ul className="mt-8 grid gap-6 md:grid-cols-2">
          {courses.map((course) => {
            const lessons = listLessons(course)
            const minutes = lessons.reduce((sum, lesson) => sum + lesson.minutes, 0)
            return (
              <li
                key={course.slug}
                className="flex flex-col rounded-xl border border-slate-200 p-6 shadow-sm dark:border-slate-800"
              >
                <h2 className="text-xl font-semibold">
                  <Link href={`/courses/${course.slug}`} className="hover:underline">
                    {course.title}
                  </Link>
                </h2>
                <p className="mt-2 grow text-slate-600 dark:text-slate-300">{course.summary}</p>
                <p className="mt-4 text-sm text-slate-500 dark:text-slate-400">
                  {course.modules.length} modules · {lessons.length} lessons · about {formatMinutes(minutes)}
                </p>
                <div className="mt-4">
                  <CourseProgress
                    courseSlug={course.slug}
                    lessons={lessons.map(({ slug, title }) => ({ slug, title }))}
                    variant="quiet"
                  />
                </div>
              </li>
            )
          })}
        </ul>
      )}
    </main>
  )
}

function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`
}
