import { getDb } from '@/lib/db'
import { verifyPassword } from '@/lib/auth/password'

/**
 * A person's own data: everything stored about them, as one JSON document,
 * and the deletion of all of it.
 */

export async function exportUserData(userId: string) {
  const db = getDb()
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      emailVerified: true,
      createdAt: true,
      updatedAt: true,
      disabledAt: true,
      accounts: { select: { provider: true, providerAccountId: true, createdAt: true } },
      // Session tokens are credentials; their existence and dates are the data.
      sessions: { select: { createdAt: true, updatedAt: true, expires: true } },
      memberships: { select: { joinedAt: true, cohort: { select: { id: true, name: true, courseSlug: true } } } },
      teaching: { select: { id: true, name: true, courseSlug: true, createdAt: true } },
      lessonProgress: { select: { lessonId: true, firstVisitedAt: true, lastVisitedAt: true, completedAt: true }, orderBy: { lessonId: 'asc' } },
      itemStates: {
        select: {
          itemId: true,
          status: true,
          attempts: true,
          firstTryCorrect: true,
          lastCorrect: true,
          lastPayload: true,
          firstAnsweredAt: true,
          lastAnsweredAt: true,
          lastEventAt: true,
        },
        orderBy: { itemId: 'asc' },
      },
      reviewSettings: { select: { desiredRetention: true, newCardsPerDay: true, updatedAt: true } },
      reviewCards: {
        select: {
          itemId: true,
          due: true,
          stability: true,
          difficulty: true,
          elapsedDays: true,
          scheduledDays: true,
          learningSteps: true,
          reps: true,
          lapses: true,
          state: true,
          lastReview: true,
        },
        orderBy: { itemId: 'asc' },
      },
      reviewLogs: {
        select: {
          itemId: true,
          rating: true,
          source: true,
          stateBefore: true,
          stateAfter: true,
          elapsedDays: true,
          scheduledDays: true,
          stabilityAfter: true,
          difficultyAfter: true,
          dueAfter: true,
          reviewedAt: true,
        },
        orderBy: [{ reviewedAt: 'asc' }, { eventId: 'asc' }],
      },
      progressEvents: {
        select: { clientEventId: true, courseSlug: true, lessonSlug: true, itemId: true, type: true, payload: true, occurredAt: true, receivedAt: true },
        orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
      },
    },
  })
  if (!user) return null
  return { exportedAt: new Date().toISOString(), format: 'drydock-account-export/1', account: user }
}

export type DeleteAccountResult = { ok: true } | { ok: false; reason: 'wrong-password' | 'last-admin' }

/**
 * Deletes the account and, through the foreign keys, its sessions, progress,
 * memberships and the cohorts it taught. Needs the password when the account has one.
 */
export async function deleteAccount(userId: string, password: string): Promise<DeleteAccountResult> {
  const db = getDb()
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true, role: true } })
  if (!user) return { ok: true }
  if (user.passwordHash && !(await verifyPassword(user.passwordHash, password))) return { ok: false, reason: 'wrong-password' }
  if (user.role === 'ADMIN') {
    const others = await db.user.count({ where: { role: 'ADMIN', disabledAt: null, id: { not: userId } } })
    if (others === 0) return { ok: false, reason: 'last-admin' }
  }
  await db.user.delete({ where: { id: userId } })
  return { ok: true }
}
