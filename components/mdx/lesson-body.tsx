import { getMDXComponent } from 'mdx-bundler/client'
import { mdxComponents } from './index'
import { staticBlockComponents } from './static-blocks'

type LessonContent = ReturnType<typeof getMDXComponent>

// Evaluating compiled code builds a new component function; do it once per
// lesson version. Bounded because in development every rebuild is a new key.
const MAX_CACHED = 200
const contentByCode = new Map<string, LessonContent>()
const components = { ...staticBlockComponents, ...mdxComponents }

function getLessonContent(code: string): LessonContent {
  let content = contentByCode.get(code)
  if (!content) {
    content = getMDXComponent(code)
    contentByCode.set(code, content)
    if (contentByCode.size > MAX_CACHED) {
      const oldest = contentByCode.keys().next().value
      if (oldest !== undefined) contentByCode.delete(oldest)
    }
  }
  return content
}

/** A compiled lesson (from .content/) rendered on the server, in a column sized for long reading. */
export function LessonBody({ code }: { code: string }) {
  const Content = getLessonContent(code)
  return (
    <div className="prose prose-slate max-w-[70ch] dark:prose-invert prose-headings:scroll-mt-20 prose-a:text-brand-700 dark:prose-a:text-brand-300 prose-pre:my-0">
      <Content components={components} />
    </div>
  )
}
