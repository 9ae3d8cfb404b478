import { bundleMDX } from 'mdx-bundler'
import rehypePrettyCode from 'rehype-pretty-code'
import remarkGfm from 'remark-gfm'
import { prettyCodeOptions } from './highlight'
import { rehypeStaticBlocks } from './static-blocks'

export class LessonCompileError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message)
    this.name = 'LessonCompileError'
  }
}

/**
 * Compiles one lesson's MDX into the function body that getMDXComponent
 * evaluates. Runs only at build time: esbuild and shiki are far too slow to
 * run per request.
 */
export async function compileLessonMdx(source: string, { staticBlocks = true }: { staticBlocks?: boolean } = {}): Promise<string> {
  try {
    const { code } = await bundleMDX({
      source,
      mdxOptions(options) {
        options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm]
        options.rehypePlugins = [
          ...(options.rehypePlugins ?? []),
          [rehypePrettyCode, prettyCodeOptions],
          // Off only to check that the prose renders the same either way.
          ...(staticBlocks ? [rehypeStaticBlocks] : []),
        ]
        return options
      },
      esbuildOptions(options) {
        // Keeps the compiled code, and so the lesson file, identical from one build to the next.
        options.target = 'es2022'
        return options
      },
    })
    return code
  } catch (error) {
    throw toCompileError(error)
  }
}

function toCompileError(error: unknown): LessonCompileError {
  // esbuild reports failures as { errors: [{ text, location: { line } }] }.
  const first = (error as { errors?: { text?: string; location?: { line?: number } | null }[] }).errors?.[0]
  if (first?.text) return new LessonCompileError(first.text, first.location?.line ?? 1)
  return new LessonCompileError(error instanceof Error ? error.message : String(error), 1)
}
