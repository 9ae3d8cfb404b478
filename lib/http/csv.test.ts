import { describe, expect, it } from 'vitest'
import { csvCell, toCsv } from './csv'

describe('CSV', () => {
  it('quotes commas, quotes and line breaks, and ends lines with CRLF after a BOM', () => {
    expect(toCsv([['name', 'note'], ['Ada, Lovelace', 'said "hi"\nthen left']])).toBe(
      '\uFEFFname,note\r\n"Ada, Lovelace","said ""hi""\nthen left"\r\n',
    )
  })

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://evil.example")')).toBe(`"'=HYPERLINK(""http://evil.example"")"`)
    expect(csvCell('+1')).toBe("'+1")
    expect(csvCell('@sum')).toBe("'@sum")
    expect(csvCell(-3)).toBe('-3')
    expect(csvCell(null)).toBe('')
  })
})
