import { describe, expect, it } from 'vitest'
import {
  gradeAnswer,
  parseQuiz,
  quizSchema,
  scoreQuiz,
  validateQuiz,
  type Quiz,
  type QuizInput,
} from './quiz'

const quizInput: QuizInput = {
  id: 'images-vs-containers',
  title: 'Images and containers',
  questions: [
    {
      id: 'what-is-an-image',
      prompt: 'What is a Docker image?',
      kind: 'single',
      options: [
        {
          id: 'layers',
          text: 'Read-only layers plus metadata',
          correct: true,
          explanation: 'Containers start from it.',
        },
        {
          id: 'vm',
          text: 'A virtual machine disk',
          correct: false,
          explanation: 'No kernel is inside an image.',
        },
        {
          id: 'process',
          text: 'A running process',
          correct: false,
          explanation: 'That is a container.',
        },
      ],
    },
    {
      id: 'lost-on-rm',
      prompt: 'Which are lost when you run docker rm on a container?',
      kind: 'multiple',
      options: [
        {
          id: 'writable',
          text: 'Its writable layer',
          correct: true,
          explanation: 'It belongs to the container.',
        },
        {
          id: 'anon',
          text: 'Files in /tmp inside it',
          correct: true,
          explanation: 'They live in that layer.',
        },
        {
          id: 'named',
          text: 'A named volume it used',
          correct: false,
          explanation: 'Volumes outlive containers.',
        },
        {
          id: 'image',
          text: 'The image it ran',
          correct: false,
          explanation: 'Images are shared, read-only.',
        },
      ],
    },
  ],
}

function parsed(input: QuizInput): Quiz {
  const result = parseQuiz(input)
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  return result.data
}

const quiz = parsed(quizInput)
const [single, multiple] = quiz.questions as [Quiz['questions'][number], Quiz['questions'][number]]

describe('gradeAnswer', () => {
  it('grades a single-choice question', () => {
    expect(gradeAnswer(single, ['layers'])).toEqual({
      correct: true,
      selectedWrong: [],
      missedCorrect: [],
    })
    expect(gradeAnswer(single, ['vm'])).toEqual({
      correct: false,
      selectedWrong: ['vm'],
      missedCorrect: ['layers'],
    })
    expect(gradeAnswer(single, [])).toEqual({
      correct: false,
      selectedWrong: [],
      missedCorrect: ['layers'],
    })
  })

  it('does not let a learner pass a single-choice question by ticking everything', () => {
    expect(gradeAnswer(single, ['process', 'layers', 'vm'])).toEqual({
      correct: false,
      selectedWrong: ['vm', 'process'],
      missedCorrect: [],
    })
  })

  it('requires every right option and no wrong one in a multiple-choice question', () => {
    expect(gradeAnswer(multiple, ['anon', 'writable']).correct).toBe(true)
    expect(gradeAnswer(multiple, ['writable'])).toEqual({
      correct: false,
      selectedWrong: [],
      missedCorrect: ['anon'],
    })
    expect(gradeAnswer(multiple, ['writable', 'anon', 'named'])).toEqual({
      correct: false,
      selectedWrong: ['named'],
      missedCorrect: [],
    })
  })

  it('ignores a repeated selection but refuses an option that does not exist', () => {
    expect(gradeAnswer(single, ['layers', 'layers']).correct).toBe(true)
    expect(gradeAnswer(single, ['layers', 'old-option'])).toEqual({
      correct: false,
      selectedWrong: ['old-option'],
      missedCorrect: [],
    })
  })
})

describe('scoreQuiz', () => {
  it('counts fully right answers and rounds the percentage', () => {
    expect(
      scoreQuiz(quiz, { 'what-is-an-image': ['layers'], 'lost-on-rm': ['writable', 'anon'] }),
    ).toEqual({
      correct: 2,
      total: 2,
      percent: 100,
    })
    expect(scoreQuiz(quiz, { 'what-is-an-image': ['layers'], 'lost-on-rm': ['writable'] })).toEqual(
      {
        correct: 1,
        total: 2,
        percent: 50,
      },
    )
    const three = parsed({
      ...quizInput,
      questions: [...quizInput.questions, { ...single, id: 'again' }],
    })
    expect(scoreQuiz(three, { again: ['layers'] })).toEqual({ correct: 1, total: 3, percent: 33 })
  })

  it('counts an unanswered question as wrong', () => {
    expect(scoreQuiz(quiz, {})).toEqual({ correct: 0, total: 2, percent: 0 })
  })
})

describe('authoring a quiz', () => {
  it('accepts a well-formed quiz', () => {
    expect(validateQuiz(quiz)).toEqual([])
  })

  it('points at missing explanations, bad kinds and option counts', () => {
    const result = quizSchema.safeParse({
      id: 'broken',
      questions: [
        {
          id: 'q1',
          prompt: 'Pick one',
          kind: 'either',
          options: [
            { id: 'a', text: 'A', correct: true },
            { id: 'b', text: 'B', correct: 'no', explanation: ' ' },
          ],
        },
        {
          id: 'q2',
          prompt: 'Too few',
          kind: 'single',
          options: [{ id: 'a', text: 'A', correct: true, explanation: 'x' }],
        },
      ],
    })
    expect(result.error?.issues.map(({ path, message }) => ({ path, message }))).toEqual([
      { path: ['questions', 0, 'kind'], message: 'must be "single" or "multiple"' },
      { path: ['questions', 0, 'options', 0, 'explanation'], message: 'is required' },
      { path: ['questions', 0, 'options', 1, 'correct'], message: 'must be true or false' },
      { path: ['questions', 0, 'options', 1, 'explanation'], message: 'must not be empty' },
      { path: ['questions', 1, 'options'], message: 'a question needs at least 2 options' },
    ])
  })

  it('catches a single-choice question with no or several right options', () => {
    const none = structuredClone(quiz)
    for (const option of none.questions[0]!.options) option.correct = false
    expect(validateQuiz(none)).toEqual([
      {
        path: ['questions', 0, 'options'],
        message: 'a single-choice question needs exactly 1 correct option; none is marked correct',
      },
    ])
    const two = structuredClone(quiz)
    two.questions[0]!.options[1]!.correct = true
    expect(validateQuiz(two)[0]?.message).toBe(
      'a single-choice question needs exactly 1 correct option; 2 are marked correct (use kind "multiple" if that is intended)',
    )
  })

  it('catches a multiple-choice question with nothing right', () => {
    const none = structuredClone(quiz)
    for (const option of none.questions[1]!.options) option.correct = false
    expect(validateQuiz(none)).toEqual([
      {
        path: ['questions', 1, 'options'],
        message:
          'a multiple-choice question needs at least 1 correct option; none is marked correct',
      },
    ])
  })

  it('catches an option without an explanation in a quiz built in code', () => {
    const bare = structuredClone(quiz)
    bare.questions[1]!.options[2]!.explanation = ''
    expect(validateQuiz(bare)).toEqual([
      {
        path: ['questions', 1, 'options', 2, 'explanation'],
        message: 'every option needs an explanation, shown after answering',
      },
    ])
  })

  it('catches repeated ids and look-alike options', () => {
    const result = parseQuiz({
      ...quizInput,
      questions: [
        quizInput.questions[0],
        {
          ...multiple,
          id: 'what-is-an-image',
          options: [...multiple.options.slice(0, 3), { ...multiple.options[0]!, id: 'anon' }],
        },
      ],
    })
    expect(!result.ok && result.problems).toEqual([
      {
        path: ['questions', 1, 'id'],
        message: 'repeats the id "what-is-an-image" of question 1; each question needs its own id',
      },
      {
        path: ['questions', 1, 'options', 3, 'id'],
        message: 'repeats the id "anon" of option 2; each option needs its own id',
      },
      {
        path: ['questions', 1, 'options', 3, 'text'],
        message: 'reads the same as option 1; learners could not tell them apart',
      },
    ])
  })
})
