'use client'

import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { withInlineCode } from '@/components/drills/shared/inline-code'
import { useItemProgress } from '@/components/progress/lesson-progress'
import type { ComponentProps } from '@/lib/content/components'
import { gradeAnswer, scoreQuiz, type QuizQuestion as QuizQuestionData } from '@/lib/drills/quiz'
import { savedAnswer } from './saved-answer'

/**
 * A quiz of single- and multiple-choice questions. Each question is its own item
 * (`<quiz>.<question>`), answered and checked on its own; the quiz adds up the
 * latest checked answers into a score.
 */
export function Quiz({ id, title, questions }: ComponentProps<'Quiz'>) {
  const titleId = useId()
  // Each question reads its own progress; the quiz collects the latest checked selections to score them.
  const [answers, setAnswers] = useState<Record<string, string[]>>({})
  const report = useCallback((questionId: string, selected: string[] | undefined) => {
    setAnswers((current) => {
      const previous = current[questionId]
      if (
        previous === selected ||
        (previous && selected && previous.join('\n') === selected.join('\n'))
      )
        return current
      const next = { ...current }
      if (selected) next[questionId] = selected
      else delete next[questionId]
      return next
    })
  }, [])

  const score = scoreQuiz({ id, title, questions }, answers)
  const answered = Object.keys(answers).length
  const scoreText =
    answered === 0
      ? 'Check an answer to see your score'
      : `${score.correct} of ${score.total} correct` +
        (answered < score.total ? ` · ${score.total - answered} still to check` : '')

  return (
    <section
      aria-labelledby={titleId}
      data-item-id={id}
      className="not-prose my-6 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h3 id={titleId} className="font-semibold text-slate-900 dark:text-slate-100">
          {title ?? 'Quiz'}
        </h3>
        <p
          aria-live="polite"
          data-testid="quiz-score"
          className="text-sm font-medium text-slate-700 dark:text-slate-300"
        >
          {scoreText}
        </p>
      </div>
      <ol className="mt-4 space-y-6">
        {questions.map((question, index) => (
          <li key={question.id}>
            <QuizQuestion
              itemId={`${id}.${question.id}`}
              question={question}
              number={index + 1}
              onAnswer={report}
            />
          </li>
        ))}
      </ol>
    </section>
  )
}

function QuizQuestion({
  itemId,
  question,
  number,
  onAnswer,
}: {
  itemId: string
  question: QuizQuestionData
  number: number
  onAnswer: (questionId: string, selected: string[] | undefined) => void
}) {
  const { state, record } = useItemProgress(itemId)
  const saved = savedAnswer(state?.last['quiz.answered'], question)
  const [draft, setDraft] = useState<string[]>([])
  // "Try again" hides the saved answer for this visit; the saved history itself stays.
  const [retrying, setRetrying] = useState(false)
  // Said when "Check answer" is pressed with nothing chosen.
  const [nudge, setNudge] = useState('')
  const baseId = useId()
  const tryAgainRef = useRef<HTMLButtonElement>(null)
  const firstInputRef = useRef<HTMLInputElement>(null)
  const focusAfterRender = useRef<'try-again' | 'first-input' | null>(null)

  const showingFeedback = saved !== undefined && !retrying
  const selected = showingFeedback ? saved.selected : draft
  const grade = showingFeedback ? gradeAnswer(question, saved.selected) : undefined
  const savedKey = saved?.selected.join('\n')

  useEffect(() => {
    onAnswer(
      question.id,
      savedKey === undefined ? undefined : savedKey === '' ? [] : savedKey.split('\n'),
    )
  }, [question.id, savedKey, onAnswer])

  useEffect(() => {
    if (focusAfterRender.current === 'try-again') tryAgainRef.current?.focus()
    if (focusAfterRender.current === 'first-input') firstInputRef.current?.focus()
    focusAfterRender.current = null
  })

  function choose(optionId: string, checked: boolean) {
    setNudge('')
    if (question.kind === 'single') setDraft([optionId])
    else
      setDraft((current) =>
        checked ? [...current, optionId] : current.filter((id) => id !== optionId),
      )
  }

  function check() {
    if (draft.length === 0) {
      setNudge(
        question.kind === 'single'
          ? 'Choose an answer first.'
          : 'Choose at least one answer first.',
      )
      return
    }
    // In the question's order, whatever order they were ticked in.
    const answer = question.options
      .filter((option) => draft.includes(option.id))
      .map((option) => option.id)
    record('quiz.answered', {
      selected: answer,
      correct: gradeAnswer(question, answer).correct,
      completed: true,
    })
    setRetrying(false)
    setNudge('')
    focusAfterRender.current = 'try-again'
  }

  function tryAgain() {
    setDraft([])
    setRetrying(true)
    focusAfterRender.current = 'first-input'
  }

  const hintId = `${baseId}-hint`
  return (
    <fieldset aria-describedby={hintId}>
      <legend className="font-medium text-slate-900 dark:text-slate-100">
        <span className="text-slate-600 dark:text-slate-400">{number}. </span>
        {withInlineCode(question.prompt)}
      </legend>
      <p id={hintId} className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        {question.kind === 'single' ? 'Choose one answer.' : 'Choose every answer that applies.'}
      </p>
      <ul className="mt-3 space-y-2">
        {question.options.map((option, index) => {
          const inputId = `${baseId}-${option.id}`
          const explanationId = `${inputId}-explanation`
          const isSelected = selected.includes(option.id)
          const mark = grade ? optionMark(option.correct, isSelected, question.kind) : undefined
          return (
            <li
              key={option.id}
              className={`rounded-md border ${
                mark ? MARK_STYLES[mark.tone].box : 'border-slate-200 dark:border-slate-700'
              }`}
            >
              <label
                htmlFor={inputId}
                className={`flex min-h-11 items-start gap-3 px-3 py-2.5 ${grade ? '' : 'cursor-pointer hover:bg-slate-50 dark:hover:bg-slate-800/60'}`}
              >
                <input
                  ref={index === 0 ? firstInputRef : undefined}
                  id={inputId}
                  type={question.kind === 'single' ? 'radio' : 'checkbox'}
                  name={question.kind === 'single' ? baseId : undefined}
                  value={option.id}
                  checked={isSelected}
                  disabled={showingFeedback}
                  aria-describedby={mark ? explanationId : undefined}
                  onChange={(event) => choose(option.id, event.target.checked)}
                  className="mt-0.5 size-5 shrink-0 accent-brand-600 dark:accent-brand-300"
                />
                <span className="text-slate-900 dark:text-slate-100">
                  {withInlineCode(option.text)}
                </span>
              </label>
              {mark ? (
                <div id={explanationId} className="border-t border-inherit px-3 py-2 text-sm">
                  <p className={`font-semibold ${MARK_STYLES[mark.tone].text}`}>
                    <span aria-hidden="true">{mark.icon} </span>
                    {mark.label}
                  </p>
                  <p className="mt-0.5 text-slate-700 dark:text-slate-300">
                    {withInlineCode(option.explanation)}
                  </p>
                </div>
              ) : null}
            </li>
          )
        })}
      </ul>
      <p aria-live="polite" className="mt-3 text-sm font-medium text-slate-800 dark:text-slate-200">
        {grade ? resultText(question, grade) : nudge}
      </p>
      <div className="mt-3">
        {showingFeedback ? (
          <button
            ref={tryAgainRef}
            type="button"
            onClick={tryAgain}
            className="min-h-11 rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800"
          >
            Try again
          </button>
        ) : (
          <button
            type="button"
            onClick={check}
            className="min-h-11 rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-600 dark:bg-brand-300 dark:text-slate-950 dark:hover:bg-brand-400"
          >
            Check answer
          </button>
        )}
      </div>
    </fieldset>
  )
}

type Tone = 'right' | 'wrong' | 'missed' | 'neutral'

const MARK_STYLES: Record<Tone, { box: string; text: string }> = {
  right: {
    box: 'border-emerald-600 bg-emerald-50 dark:border-emerald-400 dark:bg-emerald-950/40',
    text: 'text-emerald-800 dark:text-emerald-300',
  },
  wrong: {
    box: 'border-red-600 bg-red-50 dark:border-red-400 dark:bg-red-950/40',
    text: 'text-red-800 dark:text-red-300',
  },
  missed: {
    box: 'border-amber-600 bg-amber-50 dark:border-amber-400 dark:bg-amber-950/40',
    text: 'text-amber-900 dark:text-amber-200',
  },
  neutral: {
    box: 'border-slate-200 dark:border-slate-700',
    text: 'text-slate-700 dark:text-slate-300',
  },
}

/** What each option's mark says after checking: whether it is right, and whether the learner picked it. */
function optionMark(
  correct: boolean,
  selected: boolean,
  kind: QuizQuestionData['kind'],
): { tone: Tone; icon: string; label: string } {
  if (correct && selected)
    return { tone: 'right', icon: '✓', label: 'Right: you chose this, and it is correct.' }
  if (!correct && selected)
    return { tone: 'wrong', icon: '✗', label: 'Wrong: you chose this, but it is not correct.' }
  if (correct)
    return kind === 'single'
      ? { tone: 'right', icon: '✓', label: 'This is the correct answer.' }
      : { tone: 'missed', icon: '!', label: 'Missed: this one is correct too.' }
  return { tone: 'neutral', icon: '✗', label: 'Not correct, and you left it out.' }
}

function resultText(question: QuizQuestionData, grade: ReturnType<typeof gradeAnswer>): string {
  if (grade.correct) return 'Correct.'
  if (question.kind === 'single') return 'Not quite. The explanations show why.'
  const parts = [
    grade.selectedWrong.length > 0
      ? `${grade.selectedWrong.length} wrong ${grade.selectedWrong.length === 1 ? 'choice' : 'choices'}`
      : '',
    grade.missedCorrect.length > 0
      ? `${grade.missedCorrect.length} correct ${grade.missedCorrect.length === 1 ? 'answer' : 'answers'} missed`
      : '',
  ].filter(Boolean)
  return `Not quite: ${parts.join(', ')}. The explanations show why.`
}
