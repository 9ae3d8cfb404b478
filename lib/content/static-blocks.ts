import type { Element, ElementContent, Root, RootContent } from 'hast'
import { toHtml } from 'hast-util-to-html'

/**
 * Block elements whose inside a lesson may ship as HTML instead of React elements.
 * components/mdx/static-blocks.tsx renders each of them; a tag missing there would
 * lose its contents, so the two read this one list.
 */
export const STATIC_BLOCK_TAGS = [
  'p',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'blockquote',
  'figure',
  'pre',
  'table',
  'dl',
  'div',
] as const

export type StaticBlockTag = (typeof STATIC_BLOCK_TAGS)[number]

/** The attribute that carries a block's inner HTML from the compiled lesson to the renderer. */
export const STATIC_HTML_ATTRIBUTE = 'data-static-html'
// hast names data attributes in camel case.
const STATIC_HTML_PROPERTY = 'dataStaticHtml'

const staticTags: ReadonlySet<string> = new Set(STATIC_BLOCK_TAGS)

// Nodes that MDX turns into components or JavaScript; a block holding one has to stay React.
const MDX_NODE_TYPES: ReadonlySet<string> = new Set([
  'mdxJsxFlowElement',
  'mdxJsxTextElement',
  'mdxFlowExpression',
  'mdxTextExpression',
  'mdxjsEsm',
])

type Parent = Root | Element | { type: string; children: (RootContent | ElementContent)[] }

/**
 * A rehype plugin, run after highlighting: each block of plain lesson prose (a
 * paragraph, a list, a highlighted code figure) keeps its own element, but its
 * inside becomes one HTML string. The browser then hydrates one element per
 * block instead of one per word of emphasis and per highlighted token: the
 * capstone lesson has about 4,000 of those. Blocks that hold a component, and
 * the components themselves, stay React; the prose inside a component (a
 * callout's paragraphs) is treated the same way.
 */
export function rehypeStaticBlocks() {
  return (tree: Root) => {
    visitChildren(tree)
  }
}

function visitChildren(parent: Parent) {
  for (const child of parent.children) {
    if (!('children' in child)) continue
    if (child.type === 'element' && staticTags.has(child.tagName) && child.children.length > 0 && !holdsMdx(child)) {
      asMdxWouldWrite(child)
      child.properties[STATIC_HTML_PROPERTY] = toHtml(child.children)
      child.children = []
    } else {
      visitChildren(child as Parent)
    }
  }
}

function holdsMdx(node: RootContent | ElementContent): boolean {
  if (MDX_NODE_TYPES.has(node.type)) return true
  return 'children' in node && node.children.some(holdsMdx)
}

const TABLE_ROWS: ReadonlySet<string> = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr'])

/**
 * Writes a table as MDX would have built it: GFM's obsolete align attribute
 * becomes text-align, and the line breaks between rows and cells go.
 */
function asMdxWouldWrite(node: Element) {
  if (TABLE_ROWS.has(node.tagName)) {
    node.children = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''))
  }
  const align = node.properties.align
  if ((node.tagName === 'th' || node.tagName === 'td') && typeof align === 'string') {
    delete node.properties.align
    node.properties.style = `${typeof node.properties.style === 'string' ? `${node.properties.style};` : ''}text-align:${align}`
  }
  for (const child of node.children) if (child.type === 'element') asMdxWouldWrite(child)
}
