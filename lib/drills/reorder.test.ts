import { describe, expect, it } from 'vitest'
import {
  announceCancelled,
  announceDropped,
  announceMoved,
  announcePickedUp,
  canShowAnswer,
  checkOrder,
  describePosition,
  maxStepsInPlace,
  moveStep,
  parseReorderDrill,
  reorderDrillSchema,
  shuffleSteps,
  type ReorderDrillInput,
} from './reorder'

const lifecycle: ReorderDrillInput = {
  id: 'image-lifecycle',
  title: 'From Dockerfile to running container',
  steps: [
    {
      id: 'dockerfile',
      label: 'Dockerfile',
      explanation: 'The recipe: base image, files, command.',
    },
    { id: 'build', label: 'docker build', explanation: 'Runs the recipe and produces layers.' },
    { id: 'image', label: 'Image artifact', explanation: 'Read-only layers plus metadata.' },
    {
      id: 'push',
      label: 'Registry push',
      explanation: 'Makes the image available to other hosts.',
    },
    {
      id: 'run',
      label: 'Running container',
      explanation: 'A process with a writable layer on top.',
    },
  ],
}

function ids(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `step-${index + 1}`)
}

function inPlace(order: string[], correct: string[]): number {
  return order.filter((id, index) => id === correct[index]).length
}

describe('shuffleSteps', () => {
  it('gives a learner the same starting order on every reload', () => {
    const steps = ids(6)
    expect(shuffleSteps(steps, 'learner-42:image-lifecycle', 0)).toEqual(
      shuffleSteps(steps, 'learner-42:image-lifecycle', 0),
    )
  })

  it('reshuffles on a new attempt and differs between learners', () => {
    const steps = ids(6)
    const attempts = new Set(
      Array.from({ length: 10 }, (_, a) => shuffleSteps(steps, 'learner-42', a).join()),
    )
    const learners = new Set(
      Array.from({ length: 10 }, (_, l) => shuffleSteps(steps, `learner-${l}`, 0).join()),
    )
    expect(attempts.size).toBeGreaterThan(5)
    expect(learners.size).toBeGreaterThan(5)
  })

  for (const count of [3, 4, 5, 6, 7, 8]) {
    it(`never starts a ${count}-step drill solved or more than half in place`, () => {
      const steps = ids(count)
      const limit = Math.floor(count / 2)
      const seen = new Set<string>()
      for (let seed = 0; seed < 3000; seed++) {
        const order = shuffleSteps(steps, `learner-${seed}:drill`, seed % 4)
        expect([...order].sort()).toEqual([...steps].sort())
        expect(order).not.toEqual(steps)
        expect(inPlace(order, steps)).toBeLessThanOrEqual(limit)
        seen.add(order.join())
      }
      // Every allowed start should be reachable, not just a handful of them.
      if (count === 3) expect(seen.size).toBe(5)
      if (count === 4) expect(seen.size).toBe(23)
    })
  }

  it('documents the in-place limit it enforces', () => {
    expect([3, 4, 5, 8, 10].map(maxStepsInPlace)).toEqual([1, 2, 2, 4, 5])
  })

  it('leaves nothing to shuffle alone', () => {
    expect(shuffleSteps([], 's', 0)).toEqual([])
    expect(shuffleSteps(['only'], 's', 0)).toEqual(['only'])
    expect(shuffleSteps(['a', 'b'], 's', 0)).toEqual(['b', 'a'])
  })
})

describe('checkOrder', () => {
  const correct = ['dockerfile', 'build', 'image', 'push', 'run']

  it('solves the drill when every step is in place', () => {
    const result = checkOrder(correct, correct)
    expect(result).toMatchObject({ valid: true, solved: true, correctCount: 5 })
  })

  it('marks exactly the positions a learner got right', () => {
    const result = checkOrder(correct, ['dockerfile', 'image', 'build', 'push', 'run'])
    expect(result.valid && result.positions).toEqual([
      { stepId: 'dockerfile', correct: true },
      { stepId: 'image', correct: false },
      { stepId: 'build', correct: false },
      { stepId: 'push', correct: true },
      { stepId: 'run', correct: true },
    ])
    expect(result).toMatchObject({ solved: false, correctCount: 3 })
  })

  it('reports a broken submission instead of grading it', () => {
    expect(checkOrder(correct, ['dockerfile', 'build', 'build', 'push', 'ghost'])).toEqual({
      valid: false,
      missing: ['image', 'run'],
      duplicated: ['build'],
      unknown: ['ghost'],
    })
    expect(checkOrder(correct, correct.slice(0, 4))).toMatchObject({
      valid: false,
      missing: ['run'],
    })
  })
})

describe('moving steps with the keyboard', () => {
  const order = ['dockerfile', 'build', 'image', 'push', 'run']

  it('moves a step up and down, shifting the others', () => {
    expect(moveStep(order, 2, 1)).toEqual(['dockerfile', 'image', 'build', 'push', 'run'])
    expect(moveStep(order, 0, 4)).toEqual(['build', 'image', 'push', 'run', 'dockerfile'])
    expect(order).toEqual(['dockerfile', 'build', 'image', 'push', 'run'])
  })

  it('stays put past either end or for a step that does not exist', () => {
    expect(moveStep(order, 0, -1)).toEqual(order)
    expect(moveStep(order, 4, 5)).toEqual(order)
    expect(moveStep(order, 7, 0)).toEqual(order)
  })

  it('reads positions from 1, the way a person counts', () => {
    expect(describePosition('Image artifact', 2, 5)).toBe('Image artifact, position 3 of 5')
  })

  it('announces a whole keyboard drag in plain sentences', () => {
    expect(announcePickedUp('Image artifact', 2, 5)).toBe(
      'Picked up Image artifact, position 3 of 5. Use the arrow keys to move, Space to drop, Escape to cancel.',
    )
    expect(announceMoved('Image artifact', 2, 1, 5)).toBe(
      'Moved Image artifact to position 2 of 5.',
    )
    expect(announceDropped('Image artifact', 1, 5)).toBe(
      'Dropped Image artifact at position 2 of 5.',
    )
    expect(announceCancelled('Image artifact', 2, 5)).toBe(
      'Cancelled. Image artifact returned to position 3 of 5.',
    )
  })

  it('tells the learner when a step cannot move further', () => {
    expect(announceMoved('Dockerfile', 0, 0, 5)).toBe(
      'Dockerfile is already first, position 1 of 5.',
    )
    expect(announceMoved('Running container', 4, 4, 5)).toBe(
      'Running container is already last, position 5 of 5.',
    )
  })
})

describe('canShowAnswer', () => {
  it('offers the answer from the third miss', () => {
    expect([0, 1, 2, 3, 4].map(canShowAnswer)).toEqual([false, false, false, true, true])
  })
})

describe('authoring a reorder drill', () => {
  it('accepts a well-formed drill', () => {
    expect(parseReorderDrill(lifecycle)).toMatchObject({ ok: true })
  })

  it('asks for at least 3 and at most 10 steps', () => {
    const short = reorderDrillSchema.safeParse({ ...lifecycle, steps: lifecycle.steps.slice(0, 2) })
    expect(short.error?.issues).toMatchObject([
      { path: ['steps'], message: 'a drill needs at least 3 steps' },
    ])
    const many = Array.from({ length: 11 }, (_, i) => ({
      id: `s-${i}`,
      label: `Step ${i}`,
      explanation: 'x',
    }))
    expect(
      reorderDrillSchema.safeParse({ ...lifecycle, steps: many }).error?.issues[0]?.message,
    ).toMatch(/at most 10 steps/)
  })

  it('points at the exact field an author got wrong', () => {
    const result = parseReorderDrill({
      ...lifecycle,
      steps: [
        { id: 'Build Image', label: 'docker build', explanation: 'Builds.' },
        { id: 'push', label: ' ', explanation: 'Pushes.\nTo the registry.' },
        { id: 'run', label: 'Run' },
      ],
      colour: 'blue',
    })
    expect(result.ok).toBe(false)
    expect(!result.ok && result.problems).toEqual(
      expect.arrayContaining([
        { path: ['steps', 0, 'id'], message: expect.stringMatching(/must be kebab-case/) },
        { path: ['steps', 1, 'label'], message: 'must not be empty' },
        { path: ['steps', 1, 'explanation'], message: 'must fit on one line' },
        { path: ['steps', 2, 'explanation'], message: 'is required' },
        { path: [], message: 'Unrecognized key: "colour"' },
      ]),
    )
  })

  it('catches repeated ids and labels that would make the drill ambiguous', () => {
    const steps = [
      ...lifecycle.steps,
      { id: 'build', label: 'docker build', explanation: 'Again.' },
    ]
    const result = parseReorderDrill({ ...lifecycle, steps })
    expect(!result.ok && result.problems).toEqual([
      {
        path: ['steps', 5, 'id'],
        message: 'repeats the id "build" of step 2; each step needs its own id',
      },
      {
        path: ['steps', 5, 'label'],
        message:
          'reads the same as step 2 ("docker build"); learners could not tell which goes where',
      },
    ])
  })
})
