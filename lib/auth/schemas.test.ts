import { describe, expect, it } from 'vitest'
import { hasRole } from './roles'
import { changePasswordSchema, signInSchema, signUpSchema } from './schemas'

describe('signUpSchema', () => {
  it('trims and lower-cases the email and drops an empty name', () => {
    const parsed = signUpSchema.parse({
      email: '  Ada@Example.COM ',
      password: 'ten chars!',
      name: '  ',
    })
    expect(parsed).toEqual({ email: 'ada@example.com', password: 'ten chars!', name: null })
  })

  it('explains what is wrong with each field', () => {
    const result = signUpSchema.safeParse({ email: 'ada', password: 'short' })
    expect(result.success).toBe(false)
    const messages = Object.fromEntries(
      result.error?.issues.map((issue) => [issue.path[0], issue.message]) ?? [],
    )
    expect(messages).toEqual({
      email: 'Enter an email address like name@example.com',
      password: 'Use at least 10 characters',
    })
  })

  it('keeps passwords between 10 and 200 characters, spaces and all', () => {
    expect(signUpSchema.safeParse({ email: 'a@b.co', password: ' '.repeat(10) }).success).toBe(true)
    expect(signUpSchema.safeParse({ email: 'a@b.co', password: 'x'.repeat(200) }).success).toBe(
      true,
    )
    expect(signUpSchema.safeParse({ email: 'a@b.co', password: 'x'.repeat(201) }).success).toBe(
      false,
    )
  })

  it('refuses a form with fields missing', () => {
    expect(signUpSchema.safeParse({}).success).toBe(false)
  })
})

describe('signInSchema', () => {
  it('accepts any non-empty password, so older short ones still work', () => {
    expect(signInSchema.parse({ email: 'ADA@example.com ', password: 'old' })).toEqual({
      email: 'ada@example.com',
      password: 'old',
    })
    expect(signInSchema.safeParse({ email: 'ada@example.com', password: '' }).success).toBe(false)
  })
})

describe('changePasswordSchema', () => {
  it('holds the new password to the sign-up rules', () => {
    expect(
      changePasswordSchema.safeParse({ currentPassword: 'old', newPassword: 'short' }).success,
    ).toBe(false)
    expect(
      changePasswordSchema.safeParse({ currentPassword: 'old', newPassword: 'long enough now' })
        .success,
    ).toBe(true)
  })
})

describe('hasRole', () => {
  it('lets a stronger role through a weaker check, never the reverse', () => {
    expect(hasRole('ADMIN', 'INSTRUCTOR')).toBe(true)
    expect(hasRole('INSTRUCTOR', 'INSTRUCTOR')).toBe(true)
    expect(hasRole('STUDENT', 'INSTRUCTOR')).toBe(false)
  })
})
