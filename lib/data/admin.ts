import type { CurrentUser } from '@/lib/auth/current-user'
import { ROLES, type Role } from '@/lib/auth/roles'
import { getDb } from '@/lib/db'
import { isRecordId } from '@/lib/text-input'

/**
 * What an administrator can do to other accounts. Each function checks the
 * caller is an admin, and none lets the last active admin lock everyone out
 * by demoting or disabling themselves.
 */

type Viewer = Pick<CurrentUser, 'id' | 'role'>

export class AdminError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'AdminError'
  }
}

export interface AdminUserRow {
  id: string
  email: string
  name: string | null
  role: Role
  createdAt: Date
  disabledAt: Date | null
  sessions: number
}

export const ADMIN_PAGE_SIZE = 100

function assertAdmin(viewer: Viewer) {
  if (viewer.role !== 'ADMIN') throw new AdminError('Only administrators can manage accounts.')
}

/** Accounts, newest first, optionally filtered by email or name. */
export async function listUsers(viewer: Viewer, options: { query?: string; page?: number } = {}): Promise<{ users: AdminUserRow[]; total: number }> {
  assertAdmin(viewer)
  const query = options.query?.trim().slice(0, 100)
  const where = query
    ? { OR: [{ email: { contains: query, mode: 'insensitive' as const } }, { name: { contains: query, mode: 'insensitive' as const } }] }
    : {}
  const page = Math.max(0, Math.floor(options.page ?? 0))
  const [rows, total] = await Promise.all([
    getDb().user.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      skip: page * ADMIN_PAGE_SIZE,
      take: ADMIN_PAGE_SIZE,
      select: { id: true, email: true, name: true, role: true, createdAt: true, disabledAt: true, _count: { select: { sessions: true } } },
    }),
    getDb().user.count({ where }),
  ])
  return { users: rows.map(({ _count, ...row }) => ({ ...row, sessions: _count.sessions })), total }
}

async function assertNotLastAdmin(userId: string) {
  const others = await getDb().user.count({ where: { role: 'ADMIN', disabledAt: null, id: { not: userId } } })
  if (others === 0) throw new AdminError('This is the only active administrator; make someone else an administrator first.')
}

export async function setUserRole(viewer: Viewer, userId: string, role: string): Promise<void> {
  assertAdmin(viewer)
  if (!(ROLES as readonly string[]).includes(role)) throw new AdminError('Choose student, instructor or administrator.')
  const target = isRecordId(userId) ? await getDb().user.findUnique({ where: { id: userId }, select: { role: true } }) : null
  if (!target) throw new AdminError('No such account.')
  if (target.role === 'ADMIN' && role !== 'ADMIN') await assertNotLastAdmin(userId)
  await getDb().user.update({ where: { id: userId }, data: { role: role as Role } })
}

/** Disabling ends every session of the account at once; enabling lets it sign in again. */
export async function setUserDisabled(viewer: Viewer, userId: string, disabled: boolean): Promise<void> {
  assertAdmin(viewer)
  const target = isRecordId(userId) ? await getDb().user.findUnique({ where: { id: userId }, select: { role: true } }) : null
  if (!target) throw new AdminError('No such account.')
  if (disabled && target.role === 'ADMIN') await assertNotLastAdmin(userId)
  await getDb().$transaction([
    getDb().user.update({ where: { id: userId }, data: { disabledAt: disabled ? new Date() : null } }),
    ...(disabled ? [getDb().session.deleteMany({ where: { userId } })] : []),
  ])
}
