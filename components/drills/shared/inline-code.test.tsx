import { isValidElement } from 'react'
import { describe, expect, it } from 'vitest'
import { withInlineCode } from './inline-code'

describe('withInlineCode', () => {
  it('turns backticked parts into code and keeps the rest as text', () => {
    const parts = withInlineCode('Replace `shop` with `shop:1.0.1` now.')
    expect(parts.filter((part) => typeof part === 'string')).toEqual([
      'Replace ',
      ' with ',
      ' now.',
    ])
    const code = parts.filter(isValidElement) as { type: unknown; props: { children: string } }[]
    expect(code.map((element) => [element.type, element.props.children])).toEqual([
      ['code', 'shop'],
      ['code', 'shop:1.0.1'],
    ])
  })

  it('leaves text without backticks alone', () => {
    expect(withInlineCode('No commands here.')).toEqual(['No commands here.'])
  })
})
