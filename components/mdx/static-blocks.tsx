import { createElement, type ReactNode } from 'react'
import { STATIC_BLOCK_TAGS, STATIC_HTML_ATTRIBUTE, type StaticBlockTag } from '@/lib/content/static-blocks'

type StaticBlockProps = { [STATIC_HTML_ATTRIBUTE]?: string; children?: ReactNode } & Record<string, unknown>

function staticBlock(tag: StaticBlockTag) {
  function StaticBlock({ [STATIC_HTML_ATTRIBUTE]: html, children, ...props }: StaticBlockProps) {
    // The HTML comes from the lesson's own compiled source (lib/content/static-blocks.ts), escaped there.
    return typeof html === 'string'
      ? createElement(tag, { ...props, dangerouslySetInnerHTML: { __html: html } })
      : createElement(tag, props, children)
  }
  StaticBlock.displayName = `StaticBlock(${tag})`
  return StaticBlock
}

/**
 * Renderers for lesson prose blocks: a block compiled to HTML becomes its element
 * with that HTML inside, so hydration has one element to match instead of its
 * whole subtree. Any other block renders as usual.
 */
export const staticBlockComponents = Object.fromEntries(STATIC_BLOCK_TAGS.map((tag) => [tag, staticBlock(tag)])) as Record<
  StaticBlockTag,
  ReturnType<typeof staticBlock>
>
