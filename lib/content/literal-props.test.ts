import type { Root } from 'mdast'
import type { MdxJsxFlowElement } from 'mdast-util-mdx-jsx'
import remarkMdx from 'remark-mdx'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import { evaluateLiteralProps, NOT_LITERAL } from './literal-props'

function propsOf(jsx: string) {
  const tree = unified().use(remarkParse).use(remarkMdx).parse(jsx) as Root
  return evaluateLiteralProps(tree.children[0] as MdxJsxFlowElement)
}

describe('evaluateLiteralProps', () => {
  it('reads every JSON-like literal form', () => {
    const result = propsOf(
      '<X text="a" flag nothing={null} count={3} offset={-2} on={false} tpl={`plain`} list={[1, "two", [true]]} obj={{ a: 1, "b-c": { d: [] } }} />',
    )
    expect(result).toEqual({
      ok: true,
      props: {
        text: 'a',
        flag: true,
        nothing: null,
        count: 3,
        offset: -2,
        on: false,
        tpl: 'plain',
        list: [1, 'two', [true]],
        obj: { a: 1, 'b-c': { d: [] } },
      },
    })
  })

  it.each([
    ['a variable', '<X a={items} />'],
    ['a call', '<X a={make()} />'],
    ['a template with an expression', '<X a={`n=${n}`} />'],
    ['a spread', '<X {...rest} />'],
    ['a spread inside an array', '<X a={[...rest]} />'],
    ['a shorthand property', '<X a={{ items }} />'],
    ['a computed key', '<X a={{ [key]: 1 }} />'],
    ['arithmetic', '<X a={1 + 2} />'],
    ['a negated variable', '<X a={-n} />'],
    ['a regular expression', '<X a={/x/} />'],
    ['a function', '<X a={() => 1} />'],
    ['JSX', '<X a={<Y />} />'],
  ])('refuses %s', (_name, jsx) => {
    const result = propsOf(jsx)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors[0]?.message).toContain(NOT_LITERAL)
  })

  it('refuses a prop given twice', () => {
    expect(propsOf('<X a="1" a="2" />')).toEqual({ ok: false, errors: [{ prop: 'a', message: 'is given twice' }] })
  })
})
