import type { Nodes, Root, RootContent } from 'mdast'
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx'
import { toString } from 'mdast-util-to-string'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkMdx from 'remark-mdx'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { parse as parseYaml, YAMLParseError } from 'yaml'
import type { z } from 'zod'
import { componentNames, findComponent } from './components'
import { hashValue } from './hash'
import { CODE_LANGUAGES } from './highlight'
import { evaluateLiteralProps, type LiteralValue } from './literal-props'
import { formatPath, type ContentProblem } from './problems'
import { lessonFrontmatterSchema, type LessonFrontmatter } from './schemas'
import type { ItemEntry, ReviewContent } from './types'

/** An item as found in one lesson; the course-wide pass checks its id is unique. */
export interface FoundItem extends ItemEntry {
  line: number
  /** Cards and interview questions: the text review shows (kept out of the manifest). */
  review?: ReviewContent
}

export interface LessonAnalysis {
  /** Undefined when the frontmatter has problems. */
  frontmatter?: LessonFrontmatter
  items: FoundItem[]
  /** Every valid component use, with its parsed props, for the course's standards. */
  uses: ComponentUse[]
  /** Fenced code blocks in the lesson. */
  codeBlocks: number
  problems: ContentProblem[]
}

export interface ComponentUse {
  name: string
  line: number
  props: unknown
}

// The same syntax mdx-bundler compiles (MDX + GFM + YAML frontmatter), parsed
// here with positions intact so every problem can name its line.
const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkMdx).use(remarkGfm)

/**
 * Checks one lesson's source statically: frontmatter, components and their
 * props, code block languages, and the things MDX allows but a lesson must not
 * do (imports, JavaScript expressions, a second page title).
 */
export function analyseLesson(source: string, file: string): LessonAnalysis {
  const problems: ContentProblem[] = []
  const report = (line: number | undefined, message: string) => problems.push({ file, line: line ?? 1, message })

  let tree: Root
  try {
    tree = parser.parse(source)
  } catch (error) {
    const { line, reason = String(error) } = error as { line?: number; reason?: string }
    // Tag mismatches are reported where the enclosing paragraph starts; the tag itself is in the reason.
    const tagLine = /\((\d+):\d+-\d+:\d+\)/.exec(reason)?.[1]
    report(tagLine ? Number(tagLine) : line, `MDX syntax error: ${reason}`)
    return { items: [], uses: [], codeBlocks: 0, problems }
  }

  const frontmatter = readFrontmatter(tree, report)
  const items: FoundItem[] = []
  const uses: ComponentUse[] = []
  let codeBlocks = 0

  const visit = (node: Nodes, parent?: Nodes) => {
    const line = node.position?.start.line
    switch (node.type) {
      case 'yaml':
        if (node !== tree.children[0]) report(line, 'frontmatter must be the first thing in the file')
        break
      case 'heading':
        if (node.depth === 1) report(line, 'the page already shows the lesson title as its heading; start sections at ##')
        break
      case 'code':
        codeBlocks += 1
        if (node.lang && !Object.hasOwn(CODE_LANGUAGES, node.lang)) {
          report(line, `code block language "${node.lang}" is not supported; use one of: ${Object.keys(CODE_LANGUAGES).join(', ')}`)
        }
        break
      case 'table': {
        // Screen readers announce each cell by its column header, so an empty one leaves readers guessing.
        const header = node.children[0]
        header?.children.forEach((cell, index) => {
          if (toString(cell).trim() === '') report(line, `table column ${index + 1} has an empty header; name the column`)
        })
        break
      }
      case 'mdxjsEsm':
        report(line, 'import and export are not allowed in lessons; components come from lib/content/components.ts')
        break
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        // {/* comments */} parse to an empty program and are fine.
        if ((node.data?.estree?.body.length ?? 0) > 0) {
          report(line, 'JavaScript expressions are not allowed in lessons; write text, or a component with literal props')
        }
        break
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        checkElement(node, parent, items, uses, report)
        break
    }
    if ('children' in node) for (const child of node.children) visit(child, node)
  }
  visit(tree)
  checkUniqueTitles(uses, report)

  return { frontmatter, items, uses, codeBlocks, problems }
}

type Report = (line: number | undefined, message: string) => void

/** Each titled widget is a page region named by its title; two with one name cannot be told apart by screen readers. */
function checkUniqueTitles(uses: ComponentUse[], report: Report) {
  const seen = new Map<string, ComponentUse>()
  for (const use of uses) {
    if (use.name === 'Callout' || use.name === 'FlowDiagram') continue
    const title = (use.props as { title?: unknown }).title
    if (typeof title !== 'string') continue
    const key = title.trim().toLowerCase()
    const first = seen.get(key)
    if (first) {
      report(use.line, `<${use.name}> title "${title}" is already the title of the <${first.name}> on line ${first.line}; give each exercise its own title`)
    } else {
      seen.set(key, use)
    }
  }
}

function readFrontmatter(tree: Root, report: Report): LessonFrontmatter | undefined {
  const first: RootContent | undefined = tree.children[0]
  if (first?.type !== 'yaml') {
    report(1, 'missing frontmatter: start the file with a --- block giving title, summary, minutes and objectives')
    return undefined
  }

  let data: unknown
  try {
    data = parseYaml(first.value)
  } catch (error) {
    if (error instanceof YAMLParseError) {
      // +1 for the opening --- line.
      report((error.linePos?.[0].line ?? 0) + 1, `frontmatter: ${error.message.split('\n')[0]}`)
      return undefined
    }
    throw error
  }

  const result = lessonFrontmatterSchema.safeParse(data ?? {}, { reportInput: true })
  if (result.success) return result.data
  for (const issue of result.error.issues) report(1, describeIssue('frontmatter', issue))
  return undefined
}

function checkElement(
  element: MdxJsxFlowElement | MdxJsxTextElement,
  parent: Nodes | undefined,
  items: FoundItem[],
  uses: ComponentUse[],
  report: Report,
) {
  const { name } = element
  // Lower-case names are plain HTML elements and fragments have no name; only components are registered.
  if (!name || !/^[A-Z]/.test(name)) return
  const line = element.position?.start.line
  const definition = findComponent(name)
  if (!definition) {
    report(line, `unknown component <${name}>; known components: ${componentNames.join(', ')}`)
    return
  }

  if (element.type === 'mdxJsxTextElement' && !definition.inline && !(parent && isUnravelled(parent))) {
    report(line, `<${name}> is a block: put it on its own lines, with a blank line before and after`)
  }

  const literal = evaluateLiteralProps(element)
  if (!literal.ok) {
    for (const error of literal.errors) report(line, `<${name}> ${error.prop}: ${error.message}`)
    return
  }

  const childrenText = toString(element.children)
  const hasChildren = element.children.some((child) => child.type !== 'text' || child.value.trim() !== '')
  if (definition.children === 'none' && hasChildren) report(line, `<${name}> takes no children; close it with />`)
  if (definition.children === 'required' && !hasChildren) report(line, `<${name}> needs content between its tags`)

  const parsed = definition.props.safeParse(literal.props, { reportInput: true })
  if (!parsed.success) {
    for (const issue of parsed.error.issues) report(line, `<${name}> ${describeIssue('props', issue)}`)
    return
  }

  const authoringProblems = definition.validate?.(parsed.data) ?? []
  for (const problem of authoringProblems) {
    report(line, `<${name}> ${problem.path.length > 0 ? `${formatPath(problem.path)}: ` : ''}${problem.message}`)
  }
  if (authoringProblems.length > 0) return
  uses.push({ name, line: line ?? 1, props: parsed.data })

  for (const nested of definition.items?.(parsed.data) ?? []) {
    items.push({
      id: nested.id,
      kind: nested.kind,
      label: plainText(nested.label),
      position: items.length,
      contentHash: hashValue(nested.content),
      ...plainAnswer(nested.answer),
      ...(nested.review ? { review: nested.review } : {}),
      line: line ?? 1,
    })
  }

  if (definition.item) {
    const props = literal.props as Record<string, LiteralValue> & { id: string }
    items.push({
      id: props.id,
      kind: definition.item.kind,
      label: plainText(definition.item.label(parsed.data)),
      position: items.length,
      // The raw props, not the parsed ones: a schema default added later must not look like an edit.
      contentHash: hashValue({ props, children: childrenText }),
      ...plainAnswer(definition.item.answer?.(parsed.data)),
      ...(definition.item.review ? { review: definition.item.review(parsed.data) } : {}),
      line: line ?? 1,
    })
  }
}

/**
 * MDX lifts a paragraph holding nothing but JSX out into block content, so
 * `<Callout>text</Callout>` on one line is still a block. Only JSX sharing a
 * paragraph with real text ends up inside a <p>.
 */
function isUnravelled(parent: Nodes): boolean {
  return (
    parent.type === 'paragraph' &&
    parent.children.every(
      (child) =>
        child.type === 'mdxJsxTextElement' || child.type === 'mdxTextExpression' || (child.type === 'text' && child.value.trim() === ''),
    )
  )
}

function describeIssue(whole: string, issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length > 0 ? `${formatPath(issue.path)}: ` : ''
    return `${where}unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
  }
  const { input } = issue
  // Quoting a short bad value saves the author a trip back to the file.
  const got = ['string', 'number', 'boolean'].includes(typeof input) && String(input).length <= 40 ? ` (got ${JSON.stringify(input)})` : ''
  return `${issue.path.length > 0 ? formatPath(issue.path) : whole}: ${issue.message}${got}`
}

/**
 * Labels and choices are authored in inline Markdown (`code`, **bold**, links);
 * dashboards and CSV files show them as plain text.
 */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_]([^*_\s][^*_]*?)[*_](?=[^\w*]|$)/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim()
}

function plainAnswer(answer: { choices: Record<string, string>; solution: string[] } | undefined) {
  if (!answer) return {}
  return { choices: Object.fromEntries(Object.entries(answer.choices).map(([id, text]) => [id, plainText(text)])), solution: answer.solution }
}
