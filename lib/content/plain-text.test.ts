import { describe, expect, it } from 'vitest'
import { plainText } from './analyse-lesson'

describe('plain labels for dashboards', () => {
  it('drops inline Markdown and keeps the words', () => {
    expect(plainText('A call to Redis `GETDEL` fails')).toBe('A call to Redis GETDEL fails')
    expect(plainText('Why **not** run as [root](https://example.org)?')).toBe('Why not run as root?')
    expect(plainText('Use *exec* form, not _shell_ form')).toBe('Use exec form, not shell form')
    expect(plainText('keep snake_case_names and 2*3')).toBe('keep snake_case_names and 2*3')
  })
})
