'use client'

import Link from 'next/link'
import { useEffect, useId, useRef, useState } from 'react'
import { withInlineCode } from '@/components/drills/shared/inline-code'
import type { ReviewDeck } from '@/lib/content/types'
import { ratingIsCorrect, SELF_RATINGS, type SelfRating } from '@/lib/drills/interview'
import { readLocalProgress, recordLocalEvent } from '@/lib/progress/local-store'
import { readLocalSettings, replayLocalCards } from '@/lib/review/local'
import {
  formatClock,
  pickQuestions,
  readRehearsals,
  REHEARSAL_LENGTHS,
  saveRehearsal,
  summariseRehearsal,
  type InterviewEntry,
  type RehearsalAnswer,
  type RehearsalRecord,
  type Selection,
} from '@/lib/review/rehearsal'
import { cardFromJson, DEFAULT_REVIEW_SETTINGS, type Card, type CardJson } from '@/lib/review/scheduler'

type Phase =
  | { kind: 'setup' }
  | { kind: 'asking'; courseSlug: string; questions: InterviewEntry[]; index: number; answers: RehearsalAnswer[] }
  | { kind: 'done'; courseSlug: string; questions: InterviewEntry[]; answers: RehearsalAnswer[] }

/** The learner's schedule for one course's questions: the account's when signed in, this browser's otherwise. */
async function loadCards(courseSlug: string): Promise<{ cards: Map<string, Card>; desiredRetention: number }> {
  try {
    const response = await fetch(`/api/review/cards?course=${encodeURIComponent(courseSlug)}`, { credentials: 'same-origin', cache: 'no-store' })
    if (response.ok) {
      const body = (await response.json()) as { cards: (CardJson & { itemId: string })[] }
      const settings = await fetch('/api/review/settings', { credentials: 'same-origin', cache: 'no-store' })
        .then((res) => (res.ok ? (res.json() as Promise<{ desiredRetention: number }>) : DEFAULT_REVIEW_SETTINGS))
        .catch(() => DEFAULT_REVIEW_SETTINGS)
      return { cards: new Map(body.cards.map((card) => [card.itemId, cardFromJson(card)])), desiredRetention: settings.desiredRetention }
    }
  } catch {
    // Offline: this browser's answers.
  }
  const desiredRetention = (readLocalSettings() ?? DEFAULT_REVIEW_SETTINGS).desiredRetention
  const cards = new Map<string, Card>()
  for (const [key, { card }] of replayLocalCards(readLocalProgress().outbox, desiredRetention)) {
    if (key.startsWith(`${courseSlug}/`)) cards.set(key.slice(courseSlug.length + 1), card)
  }
  return { cards, desiredRetention }
}

/**
 * A mock interview: interview questions one at a time with a visible timer,
 * a private written (or spoken) answer, the senior angle and key points, and a
 * self-rating. Each rating is an `interview.rated` progress event, so a miss is
 * an Again grade and the question comes back sooner in review.
 */
export function Rehearsal({ deck }: { deck: ReviewDeck }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'setup' })
  const headingRef = useRef<HTMLHeadingElement>(null)
  // Each new question (and the results) takes focus, so a screen reader starts reading it.
  const step = phase.kind === 'asking' ? phase.index : phase.kind === 'done' ? -1 : -2
  useEffect(() => {
    if (step !== -2) headingRef.current?.focus()
  }, [step])

  if (phase.kind === 'setup') {
    return <RehearsalSetup deck={deck} onStart={(courseSlug, questions) => setPhase({ kind: 'asking', courseSlug, questions, index: 0, answers: [] })} />
  }
  if (phase.kind === 'asking') {
    const question = phase.questions[phase.index]!
    return (
      <QuestionStep
        key={question.id}
        headingRef={headingRef}
        courseSlug={phase.courseSlug}
        question={question}
        position={phase.index + 1}
        total={phase.questions.length}
        onRated={(answer) => {
          const answers = [...phase.answers, answer]
          if (phase.index + 1 < phase.questions.length) {
            setPhase({ ...phase, index: phase.index + 1, answers })
          } else {
            saveRehearsal({ at: new Date().toISOString(), courseSlug: phase.courseSlug, answers })
            setPhase({ kind: 'done', courseSlug: phase.courseSlug, questions: phase.questions, answers })
          }
        }}
      />
    )
  }
  return <RehearsalResults headingRef={headingRef} questions={phase.questions} answers={phase.answers} onAgain={() => setPhase({ kind: 'setup' })} />
}

function RehearsalSetup({ deck, onStart }: { deck: ReviewDeck; onStart: (courseSlug: string, questions: InterviewEntry[]) => void }) {
  const courses = deck.courses
    .map((course) => ({ ...course, questions: course.cards.filter((card): card is InterviewEntry => card.kind === 'interview') }))
    .filter((course) => course.questions.length > 0)
  const [courseSlug, setCourseSlug] = useState(courses[0]?.slug ?? '')
  const [selectionKind, setSelectionKind] = useState<Selection['kind']>('all')
  const [modules, setModules] = useState<string[]>([])
  const [length, setLength] = useState<number>(5)
  const [message, setMessage] = useState('')
  const [starting, setStarting] = useState(false)
  const [history, setHistory] = useState<RehearsalRecord[]>([])
  useEffect(() => setHistory(readRehearsals()), [])
  const course = courses.find((entry) => entry.slug === courseSlug)
  const modulesWithQuestions = course ? course.modules.filter((module) => course.questions.some((question) => question.moduleSlug === module.slug)) : []

  async function start(event: React.FormEvent) {
    event.preventDefault()
    if (!course) return
    if (selectionKind === 'modules' && modules.length === 0) {
      setMessage('Choose at least one module, or ask from every module.')
      return
    }
    setStarting(true)
    const { cards, desiredRetention } = await loadCards(course.slug)
    const selection: Selection = selectionKind === 'modules' ? { kind: 'modules', modules } : { kind: selectionKind }
    const questions = pickQuestions({ questions: course.questions, selection, length, cards, now: new Date(), desiredRetention })
    setStarting(false)
    if (questions.length === 0) {
      setMessage('Those modules have no interview questions.')
      return
    }
    onStart(course.slug, questions)
  }

  if (courses.length === 0) return <p className="mt-6">No course has interview questions yet.</p>
  return (
    <>
      <form onSubmit={start} className="mt-6 space-y-6" aria-label="Set up a mock interview">
        <div>
          <label htmlFor="rehearse-course" className="block font-medium">
            Course
          </label>
          <select
            id="rehearse-course"
            value={courseSlug}
            onChange={(event) => {
              setCourseSlug(event.target.value)
              setModules([])
            }}
            className="mt-1 min-h-11 rounded-md border border-slate-300 bg-white px-2 dark:border-slate-600 dark:bg-slate-900"
          >
            {courses.map((entry) => (
              <option key={entry.slug} value={entry.slug}>
                {entry.title} ({entry.questions.length} questions)
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend className="font-medium">Questions</legend>
          {(
            [
              ['all', 'From every module, in a random order'],
              ['modules', 'From the modules I choose'],
              ['weakest', 'My weakest: the ones I am most likely to have forgotten'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="mt-2 flex min-h-11 items-center gap-2">
              <input type="radio" name="selection" value={value} checked={selectionKind === value} onChange={() => setSelectionKind(value)} className="h-5 w-5" />
              {label}
            </label>
          ))}
          {selectionKind === 'modules' && (
            <fieldset className="mt-2 ml-7">
              <legend className="sr-only">Modules</legend>
              {modulesWithQuestions.map((module) => (
                <label key={module.slug} className="flex min-h-11 items-center gap-2">
                  <input
                    type="checkbox"
                    checked={modules.includes(module.slug)}
                    onChange={(event) =>
                      setModules((current) => (event.target.checked ? [...current, module.slug] : current.filter((slug) => slug !== module.slug)))
                    }
                    className="h-5 w-5"
                  />
                  {module.title}
                </label>
              ))}
            </fieldset>
          )}
        </fieldset>
        <fieldset>
          <legend className="font-medium">Length</legend>
          <div className="flex flex-wrap gap-4">
            {REHEARSAL_LENGTHS.map((value) => (
              <label key={value} className="flex min-h-11 items-center gap-2">
                <input type="radio" name="length" value={value} checked={length === value} onChange={() => setLength(value)} className="h-5 w-5" />
                {value} questions
              </label>
            ))}
          </div>
        </fieldset>
        <p role="status" className="text-sm text-amber-800 dark:text-amber-300">
          {message}
        </p>
        <button
          type="submit"
          disabled={starting}
          className="min-h-11 rounded-md bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60 dark:bg-brand-300 dark:text-slate-950"
        >
          {starting ? 'Choosing questions…' : 'Start the interview'}
        </button>
      </form>
      {history.length > 0 && (
        <section aria-labelledby="history-heading" className="mt-10">
          <h2 id="history-heading" className="text-lg font-semibold">
            Your recent mock interviews
          </h2>
          <ul className="mt-2 space-y-1 text-sm">
            {history.map((record) => {
              const totals = summariseRehearsal(record.answers)
              return (
                <li key={record.at}>
                  {new Date(record.at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}:{' '}
                  {deck.courses.find((entry) => entry.slug === record.courseSlug)?.title ?? record.courseSlug}, {record.answers.length} questions —{' '}
                  {totals.nailed} nailed, {totals.partly} partly, {totals.missed} missed
                </li>
              )
            })}
          </ul>
        </section>
      )}
    </>
  )
}

function useElapsedSeconds(running: boolean): number {
  const [started] = useState(() => Date.now())
  const [now, setNow] = useState(started)
  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [running])
  return Math.floor((now - started) / 1000)
}

function QuestionStep({
  headingRef,
  courseSlug,
  question,
  position,
  total,
  onRated,
}: {
  headingRef: React.RefObject<HTMLHeadingElement | null>
  courseSlug: string
  question: InterviewEntry
  position: number
  total: number
  onRated: (answer: RehearsalAnswer) => void
}) {
  const [mode, setMode] = useState<'writing' | 'aloud'>('writing')
  const [draft, setDraft] = useState('')
  const [revealed, setRevealed] = useState(false)
  const [ticked, setTicked] = useState<number[]>([])
  const seconds = useElapsedSeconds(!revealed)
  const [answeredIn, setAnsweredIn] = useState<number | undefined>()
  const baseId = useId()

  function reveal() {
    setRevealed(true)
    setAnsweredIn(seconds)
  }

  function rate(rating: SelfRating) {
    const spent = answeredIn ?? seconds
    recordLocalEvent({
      courseSlug,
      lessonSlug: question.lessonSlug,
      itemId: question.id,
      type: 'interview.rated',
      payload: { rating, correct: ratingIsCorrect(rating), completed: true, via: 'rehearsal', seconds: spent, points: ticked },
    })
    onRated({ itemId: question.id, rating, seconds: spent })
  }

  return (
    <section aria-labelledby={`${baseId}-heading`} className="mt-6" data-testid="rehearsal-question" data-item-id={question.id}>
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 id={`${baseId}-heading`} ref={headingRef} tabIndex={-1} className="text-sm font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
          Question {position} of {total}
        </h2>
        <p className="font-mono text-lg tabular-nums" role="timer" aria-label="Time on this question" data-testid="rehearsal-timer">
          {formatClock(answeredIn ?? seconds)}
        </p>
      </div>
      <p className="mt-2 text-xl font-medium text-slate-900 dark:text-slate-100" data-testid="rehearsal-prompt">
        {withInlineCode(question.question)}
      </p>
      <fieldset className="mt-4">
        <legend className="text-sm font-medium">I will answer</legend>
        <div className="flex flex-wrap gap-4">
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" name={`${baseId}-mode`} checked={mode === 'writing'} onChange={() => setMode('writing')} className="h-5 w-5" />
            In writing
          </label>
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" name={`${baseId}-mode`} checked={mode === 'aloud'} onChange={() => setMode('aloud')} className="h-5 w-5" />
            Aloud
          </label>
        </div>
      </fieldset>
      {mode === 'writing' ? (
        <div className="mt-3">
          <label htmlFor={`${baseId}-answer`} className="block text-sm font-medium">
            Your answer
          </label>
          <textarea
            id={`${baseId}-answer`}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            rows={6}
            aria-describedby={`${baseId}-private`}
            className="mt-1 w-full rounded-md border border-slate-300 bg-white p-2 dark:border-slate-600 dark:bg-slate-900"
          />
          <p id={`${baseId}-private`} className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            Only you see this; it stays on this page and is never sent anywhere.
          </p>
        </div>
      ) : (
        <p className="mt-3 text-sm text-slate-700 dark:text-slate-300">Say your answer out loud as you would in the interview, then reveal.</p>
      )}
      {!revealed ? (
        <button
          type="button"
          onClick={reveal}
          className="mt-4 min-h-11 rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 dark:bg-brand-300 dark:text-slate-950"
        >
          Reveal the senior angle
        </button>
      ) : (
        <div className="mt-4 rounded-lg border border-brand-600 bg-brand-50 p-4 dark:border-brand-300 dark:bg-slate-950" data-testid="rehearsal-reveal">
          <h3 className="font-semibold">The senior angle</h3>
          <p className="mt-1">{withInlineCode(question.seniorAngle)}</p>
          <fieldset className="mt-3">
            <legend className="font-semibold">Key points: tick the ones your answer covered</legend>
            {question.keyPoints.map((point, index) => (
              <label key={point} className="mt-1 flex min-h-11 items-start gap-2">
                <input
                  type="checkbox"
                  checked={ticked.includes(index)}
                  onChange={(event) =>
                    setTicked((current) => (event.target.checked ? [...current, index].sort((a, b) => a - b) : current.filter((i) => i !== index)))
                  }
                  className="mt-1 h-5 w-5"
                />
                <span>{withInlineCode(point)}</span>
              </label>
            ))}
          </fieldset>
          <div role="group" aria-label="How did your answer go?" className="mt-4 flex flex-wrap gap-2">
            {SELF_RATINGS.map((option) => (
              <button
                key={option.value}
                type="button"
                onClick={() => rate(option.value)}
                className="min-h-11 rounded-md border border-slate-400 bg-white px-4 py-2 font-medium text-slate-900 hover:bg-slate-100 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800"
              >
                {option.label}
              </button>
            ))}
          </div>
        </div>
      )}
    </section>
  )
}

const RATING_LABELS = Object.fromEntries(SELF_RATINGS.map((option) => [option.value, option.label])) as Record<SelfRating, string>

function RehearsalResults({
  headingRef,
  questions,
  answers,
  onAgain,
}: {
  headingRef: React.RefObject<HTMLHeadingElement | null>
  questions: InterviewEntry[]
  answers: RehearsalAnswer[]
  onAgain: () => void
}) {
  const totals = summariseRehearsal(answers)
  return (
    <section aria-labelledby="rehearsal-results-heading" className="mt-6" data-testid="rehearsal-results">
      <h2 id="rehearsal-results-heading" ref={headingRef} tabIndex={-1} className="text-2xl font-semibold">
        Interview over
      </h2>
      <p className="mt-2" data-testid="rehearsal-totals">
        {answers.length} questions in {formatClock(totals.seconds)}: {totals.nailed} nailed, {totals.partly} partly, {totals.missed} missed.
        {totals.missed + totals.partly > 0 ? ' The ones you missed come back first in review.' : ''}
      </p>
      <table className="mt-4 w-full text-left text-sm">
        <caption className="sr-only">Your answers</caption>
        <thead>
          <tr>
            <th scope="col" className="py-1 pr-4">
              Question
            </th>
            <th scope="col" className="py-1 pr-4">
              You said
            </th>
            <th scope="col" className="py-1">
              Time
            </th>
          </tr>
        </thead>
        <tbody>
          {answers.map((answer) => {
            const question = questions.find((entry) => entry.id === answer.itemId)
            return (
              <tr key={answer.itemId} className="border-t border-slate-200 dark:border-slate-800">
                <td className="py-2 pr-4">{question ? withInlineCode(question.question) : answer.itemId}</td>
                <td className="py-2 pr-4">{RATING_LABELS[answer.rating]}</td>
                <td className="py-2 tabular-nums">{formatClock(answer.seconds)}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <div className="mt-6 flex flex-wrap gap-3">
        <Link href="/review" className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 font-medium text-white dark:bg-brand-300 dark:text-slate-950">
          Go to review
        </Link>
        <button type="button" onClick={onAgain} className="min-h-11 rounded-md border border-slate-300 px-4 py-2 font-medium dark:border-slate-600">
          Another mock interview
        </button>
      </div>
    </section>
  )
}
