'use client'

import { useEffect, useId, useState } from 'react'
import { useItemProgress } from '@/components/progress/lesson-progress'
import type { ComponentProps } from '@/lib/content/components'
import { ratingIsCorrect, SELF_RATINGS, type SelfRating } from '@/lib/drills/interview'
import { withInlineCode } from '@/components/drills/shared/inline-code'
import { draftStorageKey, interviewProgress } from './interview-progress'

/**
 * Interview rehearsal: think an answer through (a private draft), reveal the
 * senior angle, tick the key points the answer covered, and rate it. The draft
 * never leaves the browser; only the reveal, ticks and rating are recorded.
 */
export function InterviewQuestion({
  id,
  question,
  seniorAngle,
  keyPoints,
}: ComponentProps<'InterviewQuestion'>) {
  const baseId = useId()
  const { state, record } = useItemProgress(id)
  const progress = interviewProgress(state, keyPoints.length)
  // Hiding the answer again is this visit's choice; a reload shows what was revealed.
  const [hidden, setHidden] = useState(false)
  const expanded = progress.revealed && !hidden
  const draft = usePrivateDraft(id)

  function toggleReveal() {
    if (expanded) {
      setHidden(true)
      return
    }
    setHidden(false)
    if (!progress.revealed) record('interview.revealed')
  }

  function togglePoint(index: number) {
    const points = progress.checkedPoints.includes(index)
      ? progress.checkedPoints.filter((point) => point !== index)
      : [...progress.checkedPoints, index].sort((a, b) => a - b)
    record('interview.point-checked', { points })
  }

  function rate(rating: SelfRating) {
    record('interview.rated', { rating, correct: ratingIsCorrect(rating), completed: true })
  }

  const questionId = `${baseId}-question`
  const draftId = `${baseId}-draft`
  const privacyId = `${baseId}-privacy`
  const panelId = `${baseId}-panel`
  const pointsId = `${baseId}-points`
  const ratingId = `${baseId}-rating`
  return (
    <section
      aria-labelledby={questionId}
      data-item-id={id}
      className="not-prose my-6 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <p className="text-xs font-semibold tracking-wide text-violet-800 uppercase dark:text-violet-300">
        Interview question
      </p>
      <h3 id={questionId} className="mt-1 text-lg font-semibold text-slate-900 dark:text-slate-100">
        {question}
      </h3>

      <label
        htmlFor={draftId}
        className="mt-4 block text-sm font-medium text-slate-800 dark:text-slate-200"
      >
        Your answer, before you look
      </label>
      <textarea
        id={draftId}
        value={draft.value}
        onChange={(event) => draft.set(event.target.value)}
        aria-describedby={privacyId}
        rows={4}
        className="mt-1 block w-full rounded-md border border-slate-400 bg-white p-2 text-base text-slate-900 placeholder:text-slate-600 dark:border-slate-500 dark:bg-slate-950 dark:text-slate-100 dark:placeholder:text-slate-400"
        placeholder="Think it through as if the interviewer were waiting: what, why, and what goes wrong in production."
      />
      <p id={privacyId} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        Only you can see this draft; it stays in this browser.
      </p>

      <button
        type="button"
        aria-expanded={expanded}
        aria-controls={panelId}
        onClick={toggleReveal}
        className="mt-4 min-h-11 rounded-md bg-violet-700 px-4 py-2 text-sm font-medium text-white hover:bg-violet-800 dark:bg-violet-300 dark:text-slate-950 dark:hover:bg-violet-200"
      >
        {expanded ? 'Hide the senior angle' : 'Reveal the senior angle'}
      </button>

      <div id={panelId} hidden={!expanded} className="mt-4 space-y-5">
        <div className="rounded-r-lg border-l-4 border-violet-500 bg-violet-50 px-4 py-3 dark:border-violet-400 dark:bg-violet-950/40">
          <p className="text-xs font-semibold tracking-wide text-violet-800 uppercase dark:text-violet-200">
            The senior angle
          </p>
          <p className="mt-1 text-slate-900 dark:text-slate-100">{withInlineCode(seniorAngle)}</p>
        </div>

        <fieldset>
          <legend id={pointsId} className="font-medium text-slate-900 dark:text-slate-100">
            Key points: tick the ones your answer covered
          </legend>
          <p aria-live="polite" className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {progress.checkedPoints.length} of {keyPoints.length} covered
          </p>
          <ul className="mt-2 space-y-1">
            {keyPoints.map((point, index) => (
              <li key={index}>
                <label
                  htmlFor={`${pointsId}-${index}`}
                  className="flex min-h-11 cursor-pointer items-start gap-3 rounded-md px-1 py-2 text-slate-800 hover:bg-slate-50 dark:text-slate-200 dark:hover:bg-slate-800/60"
                >
                  <input
                    id={`${pointsId}-${index}`}
                    type="checkbox"
                    checked={progress.checkedPoints.includes(index)}
                    onChange={() => togglePoint(index)}
                    className="mt-0.5 size-5 shrink-0 cursor-pointer accent-violet-700 dark:accent-violet-300"
                  />
                  <span>{withInlineCode(point)}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>

        <div>
          <p id={ratingId} className="font-medium text-slate-900 dark:text-slate-100">
            How did your answer compare?
          </p>
          <div role="group" aria-labelledby={ratingId} className="mt-2 flex flex-wrap gap-2">
            {SELF_RATINGS.map((option) => {
              const pressed = progress.rating === option.value
              return (
                <button
                  key={option.value}
                  type="button"
                  aria-pressed={pressed}
                  onClick={() => rate(option.value)}
                  className={`min-h-11 rounded-md border px-4 py-2 text-sm font-medium ${
                    pressed
                      ? 'border-violet-700 bg-violet-700 text-white dark:border-violet-300 dark:bg-violet-300 dark:text-slate-950'
                      : 'border-slate-300 text-slate-800 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800'
                  }`}
                >
                  {pressed ? <span aria-hidden="true">✓ </span> : null}
                  {option.label}
                </button>
              )
            })}
          </div>
          <p aria-live="polite" className="mt-2 text-sm text-slate-700 dark:text-slate-300">
            {progress.rating ? ratingMessage(progress.rating) : ''}
          </p>
        </div>
      </div>
    </section>
  )
}

function ratingMessage(rating: SelfRating): string {
  const label = SELF_RATINGS.find((option) => option.value === rating)?.label ?? ''
  return rating === 'nailed'
    ? `Rating saved: ${label}.`
    : `Rating saved: ${label}. Compare your draft with the points you left unticked.`
}

/**
 * The learner's draft answer, kept only in this browser's localStorage and
 * never recorded as an event. Read after hydration, so the static HTML and the
 * first client render agree.
 */
function usePrivateDraft(itemId: string): { value: string; set: (value: string) => void } {
  const [value, setValue] = useState('')
  const key = draftStorageKey(itemId)
  useEffect(() => {
    try {
      setValue(window.localStorage.getItem(key) ?? '')
    } catch {
      // Storage refused (private mode): the draft lives for this visit only.
    }
  }, [key])
  function set(next: string) {
    setValue(next)
    try {
      if (next === '') window.localStorage.removeItem(key)
      else window.localStorage.setItem(key, next)
    } catch {
      // As above: still usable, just not kept.
    }
  }
  return { value, set }
}
