import Link from 'next/link'
import type { CourseEntry } from '@/lib/content/types'
import { LessonStatusMark } from '@/components/progress/lesson-status-mark'
import { SidebarDisclosure } from './sidebar-disclosure'

/** The course outline beside a lesson; on phones it folds behind a "Course contents" button. */
export function LessonSidebar({ course, currentLesson }: { course: CourseEntry; currentLesson: string }) {
  return (
    <SidebarDisclosure>
      <nav aria-label="Course contents" className="text-sm">
        <p className="font-semibold">
          <Link href={`/courses/${course.slug}`} className="hover:underline">
            {course.title}
          </Link>
        </p>
        <ol className="mt-4 space-y-5">
          {course.modules.map((module) => (
            <li key={module.slug}>
              <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
                {module.title}
              </p>
              <ol className="mt-2 space-y-1">
                {module.lessons.map((lesson) => {
                  const current = lesson.slug === currentLesson
                  return (
                    <li key={lesson.slug}>
                      <Link
                        href={`/courses/${course.slug}/${lesson.slug}`}
                        // A whole course of lessons in view would otherwise each be fetched on every lesson page.
                        prefetch={false}
                        aria-current={current ? 'page' : undefined}
                        className={`flex min-h-10 items-start gap-2 rounded-md px-2 py-1.5 ${
                          current
                            ? 'bg-brand-50 font-medium text-brand-700 dark:bg-slate-800 dark:text-brand-300'
                            : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-900'
                        }`}
                      >
                        <LessonStatusMark courseSlug={course.slug} lessonSlug={lesson.slug} />
                        <span>{lesson.title}</span>
                      </Link>
                    </li>
                  )
                })}
              </ol>
            </li>
          ))}
        </ol>
      </nav>
    </SidebarDisclosure>
  )
}
