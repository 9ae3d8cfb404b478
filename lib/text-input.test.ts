import { describe, expect, it } from 'vitest'
import { isRecordId, isStorableJson, isStorableText } from './text-input'

describe('text PostgreSQL can store', () => {
  it('refuses NUL anywhere in text', () => {
    expect(isStorableText('Ada Lovelace 🙂 <b>')).toBe(true)
    expect(isStorableText('Robert\u0000Tables')).toBe(false)
  })

  it('refuses NUL and unpaired surrogates anywhere in JSON, and accepts paired ones', () => {
    expect(isStorableJson({ answer: 'docker run 🙂', nested: [{ ok: true }] })).toBe(true)
    expect(isStorableJson({ answer: 'a\u0000b' })).toBe(false)
    expect(isStorableJson({ deep: [{ text: 'x\uD800' }] })).toBe(false)
    expect(isStorableJson({ deep: 'x\uDC00y' })).toBe(false)
    // A literal backslash-u typed by a person is just text.
    expect(isStorableJson({ text: '\\u0000 is how C writes NUL' })).toBe(true)
  })

  it('accepts only ids Drydock could have made', () => {
    for (const id of ['cm3k2x9q50000abcd1234efgh', '9d7d6c1e-3f7b-4a7e-9d51-3f0a5c3b6a10', 'demo-cohort']) expect(isRecordId(id)).toBe(true)
    for (const id of ['', 'a b', '../x', 'x\u0000', 'a'.repeat(65), 42, null]) expect(isRecordId(id)).toBe(false)
  })
})
