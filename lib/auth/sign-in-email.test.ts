import { describe, expect, it } from 'vitest'
import { composeSignInEmail } from './sign-in-email'

describe('composeSignInEmail', () => {
  const url = 'https://learn.example.org/api/auth/callback/nodemailer?callbackUrl=%2F&token=abc&email=a%40b.co'
  const now = new Date('2026-03-01T10:00:00Z')

  it('gives the link in full in both parts, says how long it works, and names the site', () => {
    const email = composeSignInEmail(url, new Date(now.getTime() + 3_600_000), now)
    expect(email.subject).toBe('Sign in to Drydock (learn.example.org)')
    expect(email.text).toContain(`\n${url}\n`)
    expect(email.text).toContain('It works once, for 1 hour.')
    expect(email.html).toContain('href="https://learn.example.org/api/auth/callback/nodemailer?callbackUrl=%2F&#38;token=abc&#38;email=a%40b.co"')
  })

  it('escapes what it puts into the HTML', () => {
    const email = composeSignInEmail('https://x.example/a?"><script>', new Date(now.getTime() + 900_000), now)
    expect(email.html).not.toContain('<script>')
    expect(email.text).toContain('for 15 minutes')
  })
})
