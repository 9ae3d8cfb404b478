'use client'

import Link from 'next/link'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { withInlineCode } from '@/components/drills/shared/inline-code'
import { SyncStatusText } from '@/components/progress/progress-sync'
import type { ReviewCardEntry, ReviewDeck } from '@/lib/content/types'
import { recordLocalEvent } from '@/lib/progress/local-store'
import type { ReviewFilter, ReviewQueue } from '@/lib/review/local'
import {
  cardFromJson,
  GRADES,
  NEW_CARDS_RANGE,
  previewGrades,
  RETENTION_RANGE,
  type Grade,
} from '@/lib/review/scheduler'
import { gradeCurrent, startSession, summariseSession, undoLast, type ReviewSessionState } from '@/lib/review/session'
import { formatDue, loadQueue, saveSettings, type Source } from './review-data'

type Loaded = { source: Source; queue: ReviewQueue }

/**
 * The review page's island: the due queue of flip cards and interview
 * questions, keyboard first (Space flips, 1–4 grade, U undoes). Each grade is a
 * progress event, saved in the browser at once and sent to the account in the
 * background; the schedule shown is computed here with the same FSRS replay.
 */
export function ReviewSession({ deck }: { deck: ReviewDeck }) {
  const [filter, setFilter] = useState<ReviewFilter>({})
  const [loaded, setLoaded] = useState<Loaded | undefined>()
  const [session, setSession] = useState<ReviewSessionState | undefined>()
  const [revealed, setRevealed] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const [reload, setReload] = useState(0)

  const cards = useMemo(() => {
    const map = new Map<string, { courseTitle: string; lessonTitle: string; card: ReviewCardEntry }>()
    for (const course of deck.courses) {
      for (const card of course.cards) {
        map.set(`${course.slug}/${card.id}`, { courseTitle: course.title, lessonTitle: course.lessons[card.lessonSlug] ?? card.lessonSlug, card })
      }
    }
    return map
  }, [deck])

  useEffect(() => {
    const params = new URLSearchParams(window.location.search)
    const courseSlug = params.get('course') ?? undefined
    const moduleSlug = params.get('module') ?? undefined
    if (courseSlug) setFilter({ courseSlug, ...(moduleSlug ? { moduleSlug } : {}) })
  }, [])

  useEffect(() => {
    let cancelled = false
    setLoaded(undefined)
    void loadQueue(deck, filter).then((result) => {
      if (cancelled) return
      setLoaded(result)
      setRevealed(false)
      // Cards whose text is no longer in the courses are skipped rather than shown blank.
      const queue = [
        ...result.queue.due.map((entry) => ({ key: `${entry.courseSlug}/${entry.itemId}`, courseSlug: entry.courseSlug, itemId: entry.itemId, card: cardFromJson(entry) })),
        ...result.queue.fresh.map((entry) => ({ key: `${entry.courseSlug}/${entry.itemId}`, courseSlug: entry.courseSlug, itemId: entry.itemId })),
      ].filter((entry) => cards.has(entry.key))
      setSession(startSession(queue))
    })
    const onSession = () => setReload((n) => n + 1)
    window.addEventListener('drydock:session-change', onSession)
    return () => {
      cancelled = true
      window.removeEventListener('drydock:session-change', onSession)
    }
  }, [deck, filter, cards, reload])

  const retention = loaded?.queue.settings.desiredRetention ?? 0.9
  const current = session?.queue[0]
  const currentText = current ? cards.get(current.key) : undefined
  const preview = useMemo(
    () => (current && revealed ? previewGrades(current.card, new Date(), retention) : []),
    [current, revealed, retention],
  )

  const flip = useCallback(() => {
    if (!current) return
    setRevealed((shown) => !shown)
  }, [current])

  const grade = useCallback(
    (rating: Grade) => {
      if (!session || !current || !currentText || !revealed) return
      const event = recordLocalEvent({
        courseSlug: current.courseSlug,
        lessonSlug: currentText.card.lessonSlug,
        itemId: current.itemId,
        type: 'review.graded',
        payload: { rating },
      })
      // The event's own time, so this schedule is exactly the one the server replays.
      const now = new Date(event.occurredAt)
      const next = gradeCurrent(session, rating, now, retention, event.clientEventId)
      const due = next.graded.at(-1)?.due
      setSession(next)
      setRevealed(false)
      const label = GRADES.find((g) => g.rating === rating)?.label ?? ''
      setAnnouncement(`${label}. Next due ${due ? formatDue(due, now) : ''}. ${next.queue.length} to go.`)
    },
    [session, current, currentText, revealed, retention],
  )

  const undo = useCallback(() => {
    if (!session) return
    const { state, eventId } = undoLast(session)
    if (!eventId) return
    const undone = state.queue[0]
    const text = undone ? cards.get(undone.key) : undefined
    if (undone && text) {
      recordLocalEvent({
        courseSlug: undone.courseSlug,
        lessonSlug: text.card.lessonSlug,
        itemId: undone.itemId,
        type: 'review.undone',
        payload: { undoes: eventId },
      })
    }
    setSession(state)
    setRevealed(true)
    setAnnouncement('Last grade undone.')
  }, [session, cards])

  // Keyboard first: keys act on the review unless the learner is typing or on a control that uses them.
  const handlers = useRef({ flip, grade, undo })
  handlers.current = { flip, grade, undo }
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return
      const target = event.target as HTMLElement | null
      const tag = target?.tagName
      if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || target?.isContentEditable) return
      if (event.key === ' ') {
        // A focused button or summary already answers Space itself.
        if (tag === 'BUTTON' || tag === 'SUMMARY' || tag === 'A') return
        event.preventDefault()
        handlers.current.flip()
      } else if (['1', '2', '3', '4'].includes(event.key)) {
        handlers.current.grade(Number(event.key) as Grade)
      } else if (event.key === 'u' || event.key === 'U') {
        handlers.current.undo()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  return (
    <div className="mt-6">
      <ReviewControls
        deck={deck}
        filter={filter}
        onFilter={(next) => {
          setFilter(next)
          const params = new URLSearchParams()
          if (next.courseSlug) params.set('course', next.courseSlug)
          if (next.moduleSlug) params.set('module', next.moduleSlug)
          window.history.replaceState(null, '', `${window.location.pathname}${params.size > 0 ? `?${params}` : ''}`)
        }}
        loaded={loaded}
        onSettingsSaved={() => setReload((n) => n + 1)}
      />
      <p aria-live="polite" className="sr-only" data-testid="review-announcement">
        {announcement}
      </p>
      {!loaded || !session ? (
        <p className="mt-8 text-slate-700 dark:text-slate-300" role="status">
          Loading your review…
        </p>
      ) : current && currentText ? (
        <section aria-labelledby="review-card-heading" className="mt-6" data-testid="review-card" data-item-id={current.itemId}>
          <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm text-slate-700 dark:text-slate-300">
            <p data-testid="review-remaining">
              {session.queue.length} to go{session.graded.length > 0 ? ` · ${session.graded.length} reviewed` : ''}
              {loaded.queue.dueTotal > loaded.queue.due.length ? ` · ${loaded.queue.dueTotal} due in all` : ''}
            </p>
            <p>
              {currentText.courseTitle} · {currentText.lessonTitle}
              {current.card ? '' : ' · new'}
            </p>
          </div>
          <div className="mt-3 rounded-lg border border-slate-300 bg-white p-6 dark:border-slate-700 dark:bg-slate-900">
            <h2 id="review-card-heading" className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
              {currentText.card.kind === 'interview' ? 'Interview question' : 'Question'}
            </h2>
            <p className="mt-2 text-lg font-medium text-slate-900 dark:text-slate-100" data-testid="review-front">
              {withInlineCode(currentText.card.kind === 'interview' ? currentText.card.question : currentText.card.front)}
            </p>
            {revealed && (
              <div className="mt-4 border-t border-slate-200 pt-4 dark:border-slate-700" data-testid="review-back">
                <h3 className="text-xs font-semibold tracking-wide text-brand-700 uppercase dark:text-brand-300">
                  {currentText.card.kind === 'interview' ? 'The senior angle' : 'Answer'}
                </h3>
                {currentText.card.kind === 'interview' ? (
                  <>
                    <p className="mt-2 text-slate-900 dark:text-slate-100">{withInlineCode(currentText.card.seniorAngle)}</p>
                    <h3 className="mt-3 text-sm font-semibold">Key points</h3>
                    <ul className="mt-1 list-disc pl-5 text-slate-900 dark:text-slate-100">
                      {currentText.card.keyPoints.map((point) => (
                        <li key={point}>{withInlineCode(point)}</li>
                      ))}
                    </ul>
                  </>
                ) : (
                  <p className="mt-2 text-slate-900 dark:text-slate-100">{withInlineCode(currentText.card.back)}</p>
                )}
              </div>
            )}
          </div>
          <div className="mt-4 flex flex-wrap items-center gap-2">
            {revealed ? (
              <div role="group" aria-label="How well did you remember?" className="flex flex-wrap gap-2">
                {preview.map((option) => (
                  <button
                    key={option.rating}
                    type="button"
                    onClick={() => grade(option.rating)}
                    aria-keyshortcuts={option.key}
                    data-testid={`grade-${option.label.toLowerCase()}`}
                    className="flex min-h-11 min-w-24 flex-col items-center rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-900 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-100 dark:hover:bg-slate-800"
                  >
                    <span>
                      {option.label} <kbd className="text-xs text-slate-600 dark:text-slate-400">{option.key}</kbd>
                    </span>
                    <span className="text-xs font-normal text-slate-700 dark:text-slate-300" data-testid="grade-interval">
                      {option.interval}
                    </span>
                  </button>
                ))}
              </div>
            ) : (
              <button
                type="button"
                onClick={flip}
                aria-keyshortcuts="Space"
                className="min-h-11 rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800 dark:bg-brand-300 dark:text-slate-950"
              >
                Show answer <kbd className="text-xs opacity-80">Space</kbd>
              </button>
            )}
            {session.history.length > 0 && (
              <button
                type="button"
                onClick={undo}
                aria-keyshortcuts="U"
                className="min-h-11 rounded-md px-3 py-2 text-sm font-medium text-brand-700 hover:underline dark:text-brand-300"
              >
                Undo last grade <kbd className="text-xs">U</kbd>
              </button>
            )}
          </div>
          <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">
            Keys: <kbd>Space</kbd> flips, <kbd>1</kbd>–<kbd>4</kbd> grade Again, Hard, Good, Easy, <kbd>U</kbd> undoes.
          </p>
        </section>
      ) : session.graded.length > 0 ? (
        <SessionSummary session={session} cards={cards} nextDueAt={loaded.queue.nextDueAt} onUndo={undo} />
      ) : (
        <EmptyState queue={loaded.queue} />
      )}
    </div>
  )
}

function SessionSummary({
  session,
  cards,
  nextDueAt,
  onUndo,
}: {
  session: ReviewSessionState
  cards: Map<string, { card: ReviewCardEntry }>
  nextDueAt: string | null
  onUndo: () => void
}) {
  const summary = summariseSession(session)
  const now = new Date()
  const firstDue = [summary.next[0]?.due.getTime(), nextDueAt ? Date.parse(nextDueAt) : undefined].filter(
    (value): value is number => value !== undefined,
  )
  return (
    <section aria-labelledby="summary-heading" className="mt-8" data-testid="review-summary">
      <h2 id="summary-heading" className="text-2xl font-semibold" tabIndex={-1}>
        Session done
      </h2>
      <p className="mt-2">
        {summary.reviews} {summary.reviews === 1 ? 'review' : 'reviews'} of {summary.cards} {summary.cards === 1 ? 'card' : 'cards'}:{' '}
        {GRADES.map((g) => `${summary.byRating[g.rating]} ${g.label}`).join(', ')}.
        {firstDue.length > 0 && ` Next card due ${formatDue(new Date(Math.min(...firstDue)), now)}.`}
      </p>
      <table className="mt-4 w-full text-left text-sm">
        <caption className="sr-only">When each card you reviewed comes back</caption>
        <thead>
          <tr>
            <th scope="col" className="py-1 pr-4">
              Card
            </th>
            <th scope="col" className="py-1">
              Next due
            </th>
          </tr>
        </thead>
        <tbody>
          {summary.next.map((entry) => {
            const found = cards.get(entry.key)?.card
            const text = found ? (found.kind === 'interview' ? found.question : found.front) : entry.key
            return (
              <tr key={entry.key} className="border-t border-slate-200 dark:border-slate-800" data-testid="summary-row">
                <td className="py-2 pr-4">{withInlineCode(text)}</td>
                <td className="py-2 whitespace-nowrap" data-testid="summary-due">
                  {formatDue(entry.due, now)}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <div className="mt-4 flex flex-wrap gap-3">
        <button type="button" onClick={onUndo} className="min-h-11 rounded-md border border-slate-300 px-4 py-2 text-sm font-medium dark:border-slate-600">
          Undo last grade <kbd className="text-xs">U</kbd>
        </button>
        <Link href="/review/stats" className="inline-flex min-h-11 items-center rounded-md px-4 py-2 text-sm font-medium text-brand-700 underline dark:text-brand-300">
          See your review statistics
        </Link>
      </div>
    </section>
  )
}

function EmptyState({ queue }: { queue: ReviewQueue }) {
  const next = queue.nextDueAt ? new Date(queue.nextDueAt) : undefined
  return (
    <section aria-labelledby="empty-heading" className="mt-8 rounded-lg border border-slate-200 p-6 dark:border-slate-800" data-testid="review-empty">
      <h2 id="empty-heading" className="text-xl font-semibold">
        Nothing to review right now
      </h2>
      {next ? (
        <p className="mt-2" data-testid="next-due">
          The next card is due {formatDue(next)}.
        </p>
      ) : (
        <p className="mt-2">
          Cards join your review when you flip them or answer interview questions in a lesson.{' '}
          <Link href="/" className="font-medium underline">
            Open a course
          </Link>
          .
        </p>
      )}
      {queue.settings.newCardsPerDay > 0 && queue.newToday >= queue.settings.newCardsPerDay && (
        <p className="mt-2 text-sm">You met today&apos;s limit of {queue.settings.newCardsPerDay} new cards.</p>
      )}
    </section>
  )
}

function ReviewControls({
  deck,
  filter,
  onFilter,
  loaded,
  onSettingsSaved,
}: {
  deck: ReviewDeck
  filter: ReviewFilter
  onFilter: (filter: ReviewFilter) => void
  loaded: Loaded | undefined
  onSettingsSaved: () => void
}) {
  const course = deck.courses.find((entry) => entry.slug === filter.courseSlug)
  const [retention, setRetention] = useState('')
  const [perDay, setPerDay] = useState('')
  const [message, setMessage] = useState('')
  useEffect(() => {
    if (!loaded) return
    setRetention(String(Math.round(loaded.queue.settings.desiredRetention * 100)))
    setPerDay(String(loaded.queue.settings.newCardsPerDay))
  }, [loaded])

  async function submit(event: React.FormEvent) {
    event.preventDefault()
    if (!loaded) return
    const desiredRetention = Number(retention) / 100
    const newCardsPerDay = Number(perDay)
    if (
      !(desiredRetention >= RETENTION_RANGE.min && desiredRetention <= RETENTION_RANGE.max) ||
      !Number.isInteger(newCardsPerDay) ||
      newCardsPerDay < NEW_CARDS_RANGE.min ||
      newCardsPerDay > NEW_CARDS_RANGE.max
    ) {
      setMessage(
        `Choose a retention from ${RETENTION_RANGE.min * 100} to ${RETENTION_RANGE.max * 100}% and ${NEW_CARDS_RANGE.min} to ${NEW_CARDS_RANGE.max} new cards a day.`,
      )
      return
    }
    const saved = await saveSettings(loaded.source, { desiredRetention, newCardsPerDay })
    setMessage(saved ? 'Settings saved.' : 'The settings could not be saved just now; try again.')
    if (saved) onSettingsSaved()
  }

  return (
    <div className="flex flex-wrap items-end gap-4">
      <div>
        <label htmlFor="review-course" className="block text-sm font-medium">
          Course
        </label>
        <select
          id="review-course"
          value={filter.courseSlug ?? ''}
          onChange={(event) => onFilter(event.target.value ? { courseSlug: event.target.value } : {})}
          className="mt-1 min-h-11 rounded-md border border-slate-300 bg-white px-2 dark:border-slate-600 dark:bg-slate-900"
        >
          <option value="">All my courses</option>
          {deck.courses.map((entry) => (
            <option key={entry.slug} value={entry.slug}>
              {entry.title}
            </option>
          ))}
        </select>
      </div>
      {course && (
        <div>
          <label htmlFor="review-module" className="block text-sm font-medium">
            Module
          </label>
          <select
            id="review-module"
            value={filter.moduleSlug ?? ''}
            onChange={(event) => onFilter({ courseSlug: course.slug, ...(event.target.value ? { moduleSlug: event.target.value } : {}) })}
            className="mt-1 min-h-11 rounded-md border border-slate-300 bg-white px-2 dark:border-slate-600 dark:bg-slate-900"
          >
            <option value="">Every module</option>
            {course.modules.map((entry) => (
              <option key={entry.slug} value={entry.slug}>
                {entry.title}
              </option>
            ))}
          </select>
        </div>
      )}
      <details className="text-sm">
        <summary className="min-h-11 cursor-pointer py-3 font-medium">Review settings</summary>
        <form onSubmit={submit} className="mt-2 flex flex-wrap items-end gap-3 rounded-md border border-slate-200 p-3 dark:border-slate-800">
          <div>
            <label htmlFor="review-retention" className="block font-medium">
              Desired retention (%)
            </label>
            <input
              id="review-retention"
              type="number"
              min={RETENTION_RANGE.min * 100}
              max={RETENTION_RANGE.max * 100}
              step={1}
              value={retention}
              disabled={!loaded}
              onChange={(event) => setRetention(event.target.value)}
              aria-describedby="review-retention-help"
              className="mt-1 min-h-11 w-24 rounded-md border border-slate-300 bg-white px-2 dark:border-slate-600 dark:bg-slate-900"
            />
            <p id="review-retention-help" className="mt-1 max-w-xs text-slate-600 dark:text-slate-400">
              The chance of remembering a card when it comes due. Higher means more reviews.
            </p>
          </div>
          <div>
            <label htmlFor="review-new" className="block font-medium">
              New cards per day
            </label>
            <input
              id="review-new"
              type="number"
              min={NEW_CARDS_RANGE.min}
              max={NEW_CARDS_RANGE.max}
              step={1}
              value={perDay}
              disabled={!loaded}
              onChange={(event) => setPerDay(event.target.value)}
              className="mt-1 min-h-11 w-24 rounded-md border border-slate-300 bg-white px-2 dark:border-slate-600 dark:bg-slate-900"
            />
          </div>
          {/* Until the current settings arrive, an edit would be overwritten by them. */}
          <button type="submit" disabled={!loaded} className="min-h-11 rounded-md border border-slate-300 px-4 py-2 font-medium disabled:opacity-60 dark:border-slate-600">
            Save settings
          </button>
          <p role="status" className="w-full">
            {message}
          </p>
        </form>
      </details>
      <div className="ml-auto text-right text-sm text-slate-600 dark:text-slate-400">
        <p data-testid="review-source">{loaded ? (loaded.source === 'account' ? 'Your account\'s schedule' : 'Kept in this browser until you sign in') : ''}</p>
        <SyncStatusText className="text-xs" />
      </div>
    </div>
  )
}
