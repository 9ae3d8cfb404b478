import { describe, expect, it } from 'vitest'
import { compileLessonMdx } from './compile-lesson'

describe('code highlighting', () => {
  it('keeps every token colour at WCAG AA contrast in both themes', async () => {
    const code = await compileLessonMdx(
      '---\ntitle: t\n---\n\n```python\ndef greet(name: str = "you") -> str:\n    # a comment\n    return f"hello {name}"\n```\n',
    )
    // The GitHub themes' two failing colours are swapped for darker (light) and lighter (dark) ones. The code
    // block ships as HTML (lib/content/static-blocks.ts), so a token's colours are a style attribute's text.
    expect(code).toMatch(/--shiki-light:#/)
    expect(code).not.toMatch(/--shiki-light:\s*#E36209/i)
    expect(code).not.toMatch(/--shiki-dark:\s*#6A737D/i)
    expect(code).toMatch(/--shiki-dark:\s*#959DA5/)
  })
})
