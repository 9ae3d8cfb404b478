'use client'

import { useCallback, useEffect, useId, useState } from 'react'
import { withInlineCode } from '@/components/drills/shared/inline-code'
import { useItemProgress } from '@/components/progress/lesson-progress'
import type { ComponentProps } from '@/lib/content/components'
import {
  summariseDeck,
  type CardRating,
  type FlipCard as FlipCardData,
} from '@/lib/drills/flip-deck'
import { cardProgress, type CardProgress } from './card-state'

/**
 * "Test yourself before moving on": cards that turn over to show the answer,
 * then take a self-rating. Each card is its own item (review schedules cards,
 * not decks); the deck only adds them up for the counter.
 */
export function FlipDeck({ id, title, cards }: ComponentProps<'FlipDeck'>) {
  const titleId = useId()
  // Each card reads its own progress; the deck collects what they report to count them.
  const [progressById, setProgressById] = useState<Record<string, CardProgress>>({})
  const report = useCallback((cardId: string, progress: CardProgress) => {
    setProgressById((current) => {
      const previous = current[cardId]
      if (previous && previous.flipped === progress.flipped && previous.rating === progress.rating)
        return current
      return { ...current, [cardId]: progress }
    })
  }, [])

  const summary = summariseDeck(
    cards.map((card) => card.id),
    (cardId) => progressById[cardId],
  )
  const flippedPercent = summary.total === 0 ? 0 : (summary.flipped / summary.total) * 100
  const knownPercent = summary.total === 0 ? 0 : (summary.known / summary.total) * 100

  return (
    <section
      aria-labelledby={titleId}
      data-item-id={id}
      className="not-prose my-6 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h3 id={titleId} className="font-semibold text-slate-900 dark:text-slate-100">
        {title ?? 'Test yourself before moving on'}
      </h3>
      <div className="mt-2">
        <p
          aria-live="polite"
          data-testid="flip-deck-counter"
          className="text-sm text-slate-700 dark:text-slate-300"
        >
          {summary.text}
        </p>
        <div
          role="progressbar"
          aria-label="Cards flipped"
          aria-valuemin={0}
          aria-valuemax={summary.total}
          aria-valuenow={summary.flipped}
          aria-valuetext={summary.text}
          className="relative mt-2 h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
        >
          <div
            className="absolute inset-y-0 left-0 bg-brand-400 transition-[width] duration-300 motion-reduce:transition-none dark:bg-brand-300"
            style={{ width: `${flippedPercent}%` }}
          />
          <div
            className="absolute inset-y-0 left-0 bg-emerald-600 transition-[width] duration-300 motion-reduce:transition-none dark:bg-emerald-400"
            style={{ width: `${knownPercent}%` }}
          />
        </div>
      </div>
      <ul className="mt-4 grid gap-4 sm:grid-cols-2">
        {cards.map((card, index) => (
          <FlipCard
            key={card.id}
            card={card}
            position={index + 1}
            total={cards.length}
            onProgress={report}
          />
        ))}
      </ul>
    </section>
  )
}

const RATING_LABELS: Record<CardRating, string> = { 'got-it': 'Got it', again: 'Again' }

function FlipCard({
  card,
  position,
  total,
  onProgress,
}: {
  card: FlipCardData
  position: number
  total: number
  onProgress: (cardId: string, progress: CardProgress) => void
}) {
  const { state, record } = useItemProgress(card.id)
  const { flipped: everFlipped, rating } = cardProgress(state)
  // Which face shows is this visit's choice: a returning learner sees the questions again, with their ratings.
  const [showingBack, setShowingBack] = useState(false)
  const frontId = useId()

  useEffect(() => {
    onProgress(card.id, { flipped: everFlipped, ...(rating ? { rating } : {}) })
  }, [card.id, everFlipped, rating, onProgress])

  function flip() {
    const next = !showingBack
    setShowingBack(next)
    if (next) record('card.flipped')
  }

  return (
    <li className="flex flex-col gap-2" aria-label={`Card ${position} of ${total}`}>
      <div className="relative perspective-distant">
        <div
          className={`grid transition-transform duration-500 ease-out transform-3d motion-reduce:transition-none ${showingBack ? 'rotate-y-180' : ''}`}
        >
          {/* The hidden face is also made invisible once the turn ends, so it is out of find-in-page and the accessibility tree. */}
          <div
            aria-hidden={showingBack}
            className={`${showingBack ? 'invisible' : ''} transition-[visibility] duration-500 col-start-1 row-start-1 flex min-h-36 flex-col rounded-lg border border-slate-300 bg-slate-50 px-4 pt-4 pb-14 backface-hidden dark:border-slate-700 dark:bg-slate-800`}
          >
            <span className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
              Question
            </span>
            <p id={frontId} className="mt-1 font-medium text-slate-900 dark:text-slate-100">
              {withInlineCode(card.front)}
            </p>
          </div>
          {/* Screen readers get the answer once, from the live region below, rather than twice. */}
          <div
            aria-hidden="true"
            data-testid="card-back"
            className={`${showingBack ? '' : 'invisible'} transition-[visibility] duration-500 col-start-1 row-start-1 flex min-h-36 rotate-y-180 flex-col rounded-lg border border-brand-600 bg-brand-50 px-4 pt-4 pb-14 backface-hidden dark:border-brand-300 dark:bg-slate-950`}
          >
            <span className="text-xs font-semibold tracking-wide text-brand-700 uppercase dark:text-brand-300">
              Answer
            </span>
            <p className="mt-1 text-slate-900 dark:text-slate-100">{withInlineCode(card.back)}</p>
          </div>
        </div>
        {/* The button's ::after covers the whole card, so a click or tap anywhere on it turns the card. */}
        <div className="pointer-events-none absolute inset-0 flex items-end justify-end p-2">
          <button
            type="button"
            onClick={flip}
            aria-describedby={showingBack ? undefined : frontId}
            className="pointer-events-auto min-h-11 cursor-pointer rounded-md px-3 py-2 text-sm font-medium text-brand-700 after:absolute after:inset-0 after:rounded-lg after:content-[''] hover:underline dark:text-brand-300"
          >
            {showingBack ? 'Show question' : 'Show answer'}
            <span aria-hidden="true"> ↻</span>
          </button>
        </div>
      </div>
      <p aria-live="polite" className="sr-only">
        {showingBack ? `Answer: ${card.back.replaceAll('`', '')}` : ''}
      </p>
      <div className="flex min-h-11 flex-wrap items-center gap-2">
        {showingBack ? (
          <div role="group" aria-label="How did you do?" className="flex gap-2">
            {(['got-it', 'again'] as const).map((value) => (
              <button
                key={value}
                type="button"
                aria-pressed={rating === value}
                onClick={() => record('card.rated', { rating: value, correct: value === 'got-it', completed: true })}
                className={`min-h-11 rounded-md border px-4 py-2 text-sm font-medium ${
                  rating === value
                    ? value === 'got-it'
                      ? 'border-emerald-700 bg-emerald-700 text-white dark:border-emerald-400 dark:bg-emerald-400 dark:text-slate-950'
                      : 'border-amber-700 bg-amber-700 text-white dark:border-amber-300 dark:bg-amber-300 dark:text-slate-950'
                    : 'border-slate-300 text-slate-800 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800'
                }`}
              >
                {RATING_LABELS[value]}
              </button>
            ))}
          </div>
        ) : null}
        {rating ? (
          <span
            className={`text-sm ${rating === 'got-it' ? 'text-emerald-800 dark:text-emerald-300' : 'text-amber-800 dark:text-amber-300'}`}
          >
            {rating === 'got-it' ? (
              <>
                <span aria-hidden="true">✓ </span>Known
              </>
            ) : (
              <>
                <span aria-hidden="true">↻ </span>To practise again
              </>
            )}
          </span>
        ) : null}
      </div>
    </li>
  )
}
