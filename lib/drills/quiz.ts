import { z } from 'zod'
import {
  authoredBoolean,
  authoredId,
  authoredList,
  authoredText,
  findDuplicateIds,
  parseAuthored,
  type DrillProblem,
  type ParseResult,
} from './authoring'

export const QUESTION_KINDS = ['single', 'multiple'] as const
export type QuestionKind = (typeof QUESTION_KINDS)[number]

export const quizOptionSchema = z.strictObject({
  id: authoredId,
  text: authoredText,
  correct: authoredBoolean,
  /** Shown after answering, for the options a learner picked or should have: wrong answers need it most. */
  explanation: authoredText,
})

export const quizQuestionSchema = z.strictObject({
  id: authoredId,
  prompt: authoredText,
  kind: z.enum(QUESTION_KINDS, {
    error: (issue) =>
      issue.input === undefined ? 'is required' : 'must be "single" or "multiple"',
  }),
  options: authoredList(quizOptionSchema)
    .min(2, 'a question needs at least 2 options')
    .max(6, 'a question allows at most 6 options; more turns it into a reading test'),
})

export const quizSchema = z.strictObject({
  id: authoredId,
  title: authoredText.optional(),
  questions: authoredList(quizQuestionSchema).min(1, 'a quiz needs at least 1 question'),
})

export type QuizOption = z.infer<typeof quizOptionSchema>
export type QuizQuestion = z.infer<typeof quizQuestionSchema>
export type Quiz = z.infer<typeof quizSchema>
/** What the author writes in MDX, before trimming. */
export type QuizInput = z.input<typeof quizSchema>

/** Checks one question; `base` is where the question sits, so a standalone question can be checked too. */
export function validateQuestion(
  question: QuizQuestion,
  base: (string | number)[] = [],
): DrillProblem[] {
  const problems = findDuplicateIds(
    question.options,
    (index) => [...base, 'options', index, 'id'],
    'option',
  )

  const correctCount = question.options.filter((option) => option.correct).length
  if (question.kind === 'single' && correctCount !== 1)
    problems.push({
      path: [...base, 'options'],
      message:
        correctCount === 0
          ? 'a single-choice question needs exactly 1 correct option; none is marked correct'
          : `a single-choice question needs exactly 1 correct option; ${correctCount} are marked correct (use kind "multiple" if that is intended)`,
    })
  if (question.kind === 'multiple' && correctCount === 0)
    problems.push({
      path: [...base, 'options'],
      message: 'a multiple-choice question needs at least 1 correct option; none is marked correct',
    })

  const texts = new Map<string, number>()
  question.options.forEach((option, index) => {
    if (option.explanation.trim() === '')
      problems.push({
        path: [...base, 'options', index, 'explanation'],
        message: 'every option needs an explanation, shown after answering',
      })
    const first = texts.get(option.text)
    if (first === undefined) texts.set(option.text, index)
    else
      problems.push({
        path: [...base, 'options', index, 'text'],
        message: `reads the same as option ${first + 1}; learners could not tell them apart`,
      })
  })
  return problems
}

/** Cross-field checks the schema cannot express; run on data that already passed `quizSchema`. */
export function validateQuiz(quiz: Quiz): DrillProblem[] {
  return [
    ...findDuplicateIds(quiz.questions, (index) => ['questions', index, 'id'], 'question'),
    ...quiz.questions.flatMap((question, index) =>
      validateQuestion(question, ['questions', index]),
    ),
  ]
}

export function parseQuiz(input: unknown): ParseResult<Quiz> {
  return parseAuthored(quizSchema, validateQuiz, input)
}

// Grading --------------------------------------------------------------------

export interface AnswerGrade {
  correct: boolean
  /** Selected options that are wrong, in the question's order (unknown ids last). */
  selectedWrong: string[]
  /** Correct options the learner did not select, in the question's order. */
  missedCorrect: string[]
}

/**
 * All or nothing: a multiple-choice answer with one right option missing is
 * not correct, and the two lists tell the widget what to explain. An id that
 * is not an option counts as a wrong selection, so a stale answer cannot pass.
 */
export function gradeAnswer(
  question: QuizQuestion,
  selectedOptionIds: readonly string[],
): AnswerGrade {
  const selected = new Set(selectedOptionIds)
  const known = new Set(question.options.map((option) => option.id))
  const selectedWrong = [
    ...question.options
      .filter((option) => !option.correct && selected.has(option.id))
      .map((option) => option.id),
    ...[...selected].filter((id) => !known.has(id)),
  ]
  const missedCorrect = question.options
    .filter((option) => option.correct && !selected.has(option.id))
    .map((option) => option.id)
  return {
    correct: selectedWrong.length === 0 && missedCorrect.length === 0,
    selectedWrong,
    missedCorrect,
  }
}

export interface QuizScore {
  correct: number
  total: number
  /** Rounded to a whole percent; 0 for a quiz without questions. */
  percent: number
}

/** `answers` maps question id to the selected option ids; an unanswered question counts as wrong. */
export function scoreQuiz(
  quiz: Quiz,
  answers: Readonly<Record<string, readonly string[]>>,
): QuizScore {
  const total = quiz.questions.length
  const correct = quiz.questions.filter((question) => {
    const selected = Object.hasOwn(answers, question.id) ? answers[question.id] : undefined
    return selected !== undefined && gradeAnswer(question, selected).correct
  }).length
  return { correct, total, percent: total === 0 ? 0 : Math.round((correct / total) * 100) }
}
