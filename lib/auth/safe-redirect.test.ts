import { describe, expect, it } from 'vitest'
import { safeRedirectPath, signInPath } from './safe-redirect'

describe('safeRedirectPath', () => {
  it('keeps a path on this site, with its query and fragment', () => {
    expect(safeRedirectPath('/courses/docker-fundamentals/layers?tab=notes#quiz')).toBe(
      '/courses/docker-fundamentals/layers?tab=notes#quiz',
    )
  })

  it.each([
    ['another origin', 'https://evil.example/'],
    ['a protocol-relative URL', '//evil.example/path'],
    ['a backslash browsers read as a slash', '/\\evil.example'],
    ['a tab the URL parser would drop', '/\t/evil.example'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path', 'courses'],
    ['nothing', ''],
    ['a non-string', ['/account']],
  ])('falls back for %s', (_, next) => {
    expect(safeRedirectPath(next, '/fallback')).toBe('/fallback')
  })

  it('does not send a signed-in person back to the sign-in or sign-up form', () => {
    expect(safeRedirectPath('/sign-in?next=/account')).toBe('/')
    expect(safeRedirectPath('/sign-up')).toBe('/')
  })

  it('normalises dot segments instead of letting them escape', () => {
    expect(safeRedirectPath('/courses/../account')).toBe('/account')
  })
})

describe('signInPath', () => {
  it('asks to come back to the page, or to nowhere in particular', () => {
    expect(signInPath('/account')).toBe('/sign-in?next=%2Faccount')
    expect(signInPath()).toBe('/sign-in')
    expect(signInPath('https://evil.example')).toBe('/sign-in')
  })
})
