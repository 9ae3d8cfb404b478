import type { CardRating } from '@/lib/drills/flip-deck'
import type { ItemLocalState } from '@/lib/progress/local-store'

export interface CardProgress {
  /** Turned over at least once, on any visit. */
  flipped: boolean
  rating?: CardRating
}

/** What a card's saved events say about it; a rating implies the card was turned over. */
export function cardProgress(state: ItemLocalState | undefined): CardProgress {
  const rated = state?.last['card.rated']?.rating
  const rating = rated === 'got-it' || rated === 'again' ? rated : undefined
  return {
    flipped: Boolean(state?.last['card.flipped']) || rating !== undefined,
    ...(rating ? { rating } : {}),
  }
}
