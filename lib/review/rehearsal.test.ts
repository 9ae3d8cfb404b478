import { describe, expect, it } from 'vitest'
import { pickQuestions, weakestFirst, type InterviewEntry } from './rehearsal'
import { gradeCard, Rating, type Card } from './scheduler'

const question = (id: string, moduleSlug = 'basics'): InterviewEntry => ({
  kind: 'interview',
  id,
  question: `Question ${id}`,
  seniorAngle: 'angle',
  keyPoints: ['a', 'b'],
  lessonSlug: 'intro',
  moduleSlug,
})

const questions = [question('q1'), question('q2'), question('q3', 'compose'), question('q4', 'compose')]
const now = new Date('2026-03-10T09:00:00Z')
const day1 = new Date('2026-03-01T09:00:00Z')

describe('choosing questions for a mock interview', () => {
  it('puts what the learner missed first, then the rest of what they answered, then what they never met', () => {
    const cards = new Map<string, Card>([
      ['q2', gradeCard(undefined, Rating.Good, day1, 0.9)],
      ['q3', gradeCard(undefined, Rating.Again, day1, 0.9)],
      ['q4', gradeCard(undefined, Rating.Easy, day1, 0.9)],
    ])
    expect(weakestFirst(questions, cards, now, 0.9).map((q) => q.id)).toEqual(['q3', 'q2', 'q4', 'q1'])
    expect(pickQuestions({ questions, selection: { kind: 'weakest' }, length: 2, cards, now, desiredRetention: 0.9 }).map((q) => q.id)).toEqual(['q3', 'q2'])
  })

  it('ranks a question missed a minute ago before one nailed a minute ago', () => {
    const justNow = new Date(now.getTime() - 60_000)
    const cards = new Map<string, Card>([
      ['q1', gradeCard(undefined, Rating.Good, justNow, 0.9)],
      ['q4', gradeCard(undefined, Rating.Again, justNow, 0.9)],
    ])
    expect(weakestFirst(questions, cards, now, 0.9).map((q) => q.id)).toEqual(['q4', 'q1', 'q2', 'q3'])
  })

  it('asks only from the chosen modules, at most the chosen length', () => {
    const picked = pickQuestions({ questions, selection: { kind: 'modules', modules: ['compose'] }, length: 5, cards: new Map(), now, desiredRetention: 0.9 })
    expect(picked.map((q) => q.id).sort()).toEqual(['q3', 'q4'])
    expect(pickQuestions({ questions, selection: { kind: 'all' }, length: 3, cards: new Map(), now, desiredRetention: 0.9 })).toHaveLength(3)
  })
})
