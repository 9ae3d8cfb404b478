import { z } from 'zod'
import { authoredId, authoredList, authoredText, findDuplicateIds, type DrillProblem } from './authoring'

/**
 * A deck of flip cards ("test yourself before moving on"). Each card is its own
 * item: its id is what spaced-repetition review schedules, so it must stay stable
 * and be unique across the course.
 */
export const flipCardSchema = z.strictObject({
  id: authoredId,
  front: authoredText,
  back: authoredText,
})

export const flipDeckSchema = z.strictObject({
  id: authoredId,
  title: authoredText.optional(),
  cards: authoredList(flipCardSchema)
    .min(1, 'a deck needs at least 1 card')
    .max(30, 'a deck of more than 30 cards is better split in two'),
})

export type FlipCard = z.infer<typeof flipCardSchema>
export type FlipDeck = z.infer<typeof flipDeckSchema>

export function validateFlipDeck(deck: FlipDeck): DrillProblem[] {
  return findDuplicateIds(deck.cards, (index) => ['cards', index, 'id'], 'card')
}

export type CardRating = 'got-it' | 'again'

/** The counter under a deck: "5 of 8 flipped · 3 known". */
export function summariseDeck(
  cardIds: readonly string[],
  stateOf: (cardId: string) => { flipped: boolean; rating?: CardRating } | undefined,
): { flipped: number; known: number; total: number; text: string } {
  let flipped = 0
  let known = 0
  for (const id of cardIds) {
    const state = stateOf(id)
    if (state?.flipped) flipped += 1
    if (state?.rating === 'got-it') known += 1
  }
  const total = cardIds.length
  const text =
    flipped === 0 ? 'Start flipping cards to track your progress' : `${flipped} of ${total} flipped · ${known} known`
  return { flipped, known, total, text }
}
