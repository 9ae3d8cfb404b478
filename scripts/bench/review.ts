/**
 * The review queue fetch for a learner with 2,000 cards. Spaced-repetition
 * review arrives with its API under app/api/review/; until a checkout has it,
 * this figure is reported as not available rather than guessed.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Latency } from './load'

export const REVIEW_CARDS = 2000

export type ReviewFigures =
  | { available: true; cards: number; requests: number; latency: Latency }
  | { available: false; reason: string }

export function reviewApiDir(root: string): string | null {
  const dir = path.join(root, 'app', 'api', 'review')
  return existsSync(dir) ? dir : null
}

export async function measureReviewQueue(options: { root: string }): Promise<ReviewFigures> {
  if (!reviewApiDir(options.root)) {
    return { available: false, reason: 'not available yet: this checkout has no review API (app/api/review/)' }
  }
  return {
    available: false,
    reason: 'app/api/review/ exists, but this benchmark does not yet know how to seed its cards: add it in scripts/bench/review.ts',
  }
}
