/**
 * Roles, weakest first. Each includes the ones before it: an admin can do
 * whatever an instructor can, and an instructor whatever a student can.
 */
export const ROLES = ['STUDENT', 'INSTRUCTOR', 'ADMIN'] as const

export type Role = (typeof ROLES)[number]

export function hasRole(actual: Role, required: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(required)
}
