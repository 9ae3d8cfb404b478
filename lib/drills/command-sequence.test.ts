import { describe, expect, it } from 'vitest'
import {
  checkSequence,
  commandSequenceScenarioSchema,
  parseCommandSequenceScenario,
  validateScenario,
  type CommandSequenceScenario,
  type CommandSequenceScenarioInput,
} from './command-sequence'

const shipInput: CommandSequenceScenarioInput = {
  id: 'ship-shop-1-0-1',
  scenario:
    'Replace the running shop container with version 1.0.1, keeping the old one for a rollback.',
  palette: [
    { id: 'build', command: 'docker build -t registry.example.com/shop:1.0.1 .' },
    {
      id: 'pull',
      command: 'docker pull registry.example.com/shop:1.0.1',
      note: 'CI already pushed it',
    },
    { id: 'stop-old', command: 'docker stop shop' },
    { id: 'rename-old', command: 'docker rename shop shop-old' },
    {
      id: 'run-new',
      command: 'docker run -d --name shop -p 8080:80 registry.example.com/shop:1.0.1',
    },
    { id: 'rm-old', command: 'docker rm -f shop-old' },
    { id: 'prune', command: 'docker system prune -a' },
  ],
  answer: [['build'], ['stop-old', 'rename-old'], ['run-new']],
  alternatives: [[['pull'], ['stop-old', 'rename-old'], ['run-new']]],
  feedback: {
    'rm-old': 'the old container is your rollback; remove it once 1.0.1 is healthy.',
    'run-new': 'the sequence never starts the new container.',
  },
}

function parsed(input: CommandSequenceScenarioInput): CommandSequenceScenario {
  const result = parseCommandSequenceScenario(input)
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  return result.data
}

const ship = parsed(shipInput)

describe('checkSequence', () => {
  it('accepts the commands of a stage in either order', () => {
    for (const middle of [
      ['stop-old', 'rename-old'],
      ['rename-old', 'stop-old'],
    ]) {
      const result = checkSequence(ship, ['build', ...middle, 'run-new'])
      expect(result.correct).toBe(true)
      expect(result.messages).toEqual([])
      expect(result.steps.every((step) => step.verdict === 'ok')).toBe(true)
    }
  })

  it('accepts every order a three-tile stage allows', () => {
    const scenario = parsed({
      id: 'start-stack',
      scenario: 'Create what the app needs, then start it.',
      palette: [
        { id: 'network', command: 'docker network create shop' },
        { id: 'volume', command: 'docker volume create shop-data' },
        { id: 'pull', command: 'docker pull postgres:17' },
        {
          id: 'run',
          command: 'docker run -d --network shop -v shop-data:/var/lib/postgresql/data postgres:17',
        },
        { id: 'commit', command: 'docker commit shop' },
      ],
      answer: [['network', 'volume', 'pull'], ['run']],
    })
    const orders = [
      ['network', 'volume', 'pull'],
      ['network', 'pull', 'volume'],
      ['volume', 'network', 'pull'],
      ['volume', 'pull', 'network'],
      ['pull', 'network', 'volume'],
      ['pull', 'volume', 'network'],
    ]
    for (const order of orders)
      expect(checkSequence(scenario, [...order, 'run']).correct).toBe(true)
    expect(checkSequence(scenario, ['network', 'volume', 'run', 'pull']).correct).toBe(false)
  })

  it('accepts a wholly different valid sequence', () => {
    expect(checkSequence(ship, ['pull', 'rename-old', 'stop-old', 'run-new'])).toMatchObject({
      correct: true,
      missing: [],
    })
  })

  it('rejects a stage-order violation and names both commands', () => {
    const result = checkSequence(ship, ['run-new', 'build', 'stop-old', 'rename-old'])
    expect(result.correct).toBe(false)
    expect(result.steps).toEqual([
      { tileId: 'run-new', verdict: 'misplaced' },
      { tileId: 'build', verdict: 'ok' },
      { tileId: 'stop-old', verdict: 'ok' },
      { tileId: 'rename-old', verdict: 'ok' },
    ])
    expect(result.messages).toEqual([
      'docker run -d --name shop -p 8080:80 registry.example.com/shop:1.0.1 must come after docker rename shop shop-old',
    ])
  })

  it('blames the tile that jumped ahead, not everything after it', () => {
    const result = checkSequence(ship, ['stop-old', 'build', 'rename-old', 'run-new'])
    expect(result.steps.map((step) => step.verdict)).toEqual(['misplaced', 'ok', 'ok', 'ok'])
    expect(result.messages).toEqual([
      'docker stop shop must come after docker build -t registry.example.com/shop:1.0.1 .',
    ])
  })

  it('says a command that trails behind must come before the first one it should precede', () => {
    const result = checkSequence(ship, ['stop-old', 'run-new', 'build'])
    expect(result.steps.map((step) => step.verdict)).toEqual(['ok', 'ok', 'misplaced'])
    expect(result.messages).toEqual([
      'docker build -t registry.example.com/shop:1.0.1 . must come before docker stop shop',
      'Something is missing: 1 more command is needed.',
    ])
  })

  it("flags a distractor with the author's reason", () => {
    const result = checkSequence(ship, [
      'build',
      'stop-old',
      'rename-old',
      'rm-old',
      'run-new',
      'prune',
    ])
    expect(result.steps.map((step) => step.verdict)).toEqual([
      'ok',
      'ok',
      'ok',
      'distractor',
      'ok',
      'distractor',
    ])
    expect(result.messages).toEqual([
      'docker rm -f shop-old is not needed here: the old container is your rollback; remove it once 1.0.1 is healthy.',
      'docker system prune -a is not needed here.',
    ])
  })

  it("uses the author's words for a missing step, and counts the rest", () => {
    expect(checkSequence(ship, ['build', 'stop-old', 'rename-old'])).toMatchObject({
      correct: false,
      missing: ['run-new'],
      messages: ['Something is missing: the sequence never starts the new container.'],
    })
    expect(checkSequence(ship, ['build', 'run-new']).messages).toEqual([
      'Something is missing: 2 more commands are needed.',
    ])
    expect(checkSequence(ship, ['build', 'rename-old', 'run-new']).messages).toEqual([
      'Something is missing: 1 more command is needed.',
    ])
  })

  it('flags a command used twice, once', () => {
    const result = checkSequence(ship, [
      'build',
      'build',
      'stop-old',
      'rename-old',
      'run-new',
      'build',
    ])
    expect(result.steps.map((step) => step.verdict)).toEqual([
      'ok',
      'duplicate',
      'ok',
      'ok',
      'ok',
      'duplicate',
    ])
    expect(result.messages).toEqual([
      'docker build -t registry.example.com/shop:1.0.1 . is used more than once; each command is needed only once here.',
    ])
  })

  it('gives feedback against the closest valid answer', () => {
    const result = checkSequence(ship, ['pull', 'run-new', 'stop-old'])
    // Against the build answer only one tile would be in place; against the pull alternative, two.
    expect(result.steps).toEqual([
      { tileId: 'pull', verdict: 'ok' },
      { tileId: 'run-new', verdict: 'misplaced' },
      { tileId: 'stop-old', verdict: 'ok' },
    ])
    expect(result.missing).toEqual(['rename-old'])
    expect(result.messages).toEqual([
      'docker run -d --name shop -p 8080:80 registry.example.com/shop:1.0.1 must come after docker stop shop',
      'Something is missing: 1 more command is needed.',
    ])
  })

  it('prefers the main answer on a tie, without the author feedback meant for another answer', () => {
    const scenario = parsed({
      ...shipInput,
      feedback: { pull: 'pulling is how the other answer gets the image.' },
    })
    const result = checkSequence(scenario, ['build', 'pull', 'stop-old', 'rename-old', 'run-new'])
    expect(result.steps[1]).toEqual({ tileId: 'pull', verdict: 'distractor' })
    expect(result.messages).toEqual([
      'docker pull registry.example.com/shop:1.0.1 is not needed here.',
    ])
  })

  it('does not crash on a tile id the drill never offered', () => {
    const result = checkSequence(ship, ['build', 'stop-old', 'rename-old', 'run-new', 'ghost'])
    expect(result.correct).toBe(false)
    expect(result.steps.at(-1)).toEqual({ tileId: 'ghost', verdict: 'distractor' })
    expect(result.messages).toEqual(['The tile "ghost" is not part of this drill.'])
  })

  it('treats an empty submission as everything missing', () => {
    const result = checkSequence(ship, [])
    expect(result).toMatchObject({
      correct: false,
      steps: [],
      missing: ['build', 'stop-old', 'rename-old', 'run-new'],
    })
    expect(result.messages).toEqual([
      'Something is missing: the sequence never starts the new container.',
      'Something is missing: 3 more commands are needed.',
    ])
  })
})

describe('authoring a command-sequence scenario', () => {
  it('accepts a well-formed scenario', () => {
    expect(validateScenario(ship)).toEqual([])
  })

  it('reports structural mistakes with their paths', () => {
    const result = commandSequenceScenarioSchema.safeParse({
      ...shipInput,
      palette: [{ id: 'build', command: 'docker build\n-t shop .' }, { id: 'run' }],
      answer: [['build'], []],
    })
    expect(result.error?.issues.map(({ path, message }) => ({ path, message }))).toEqual([
      { path: ['palette', 0, 'command'], message: 'must fit on one line' },
      { path: ['palette', 1, 'command'], message: 'is required' },
      { path: ['answer', 1], message: 'a stage needs at least 1 tile; remove the empty stage' },
    ])
  })

  it('catches answers that do not fit the palette', () => {
    const scenario: CommandSequenceScenario = {
      ...ship,
      palette: [...ship.palette, { id: 'build', command: 'docker buildx build .' }],
      answer: [['build'], ['stop-old', 'restart'], ['build', 'run-new'], []],
      alternatives: [[['rename-old', 'stop-old'], ['build'], ['run-new']], [['pull', 'pull']], []],
      feedback: { ...ship.feedback, 'rm-old-2': 'typo' },
    }
    expect(validateScenario(scenario)).toEqual([
      {
        path: ['palette', 7, 'id'],
        message: 'repeats the id "build" of tile 1; each tile needs its own id',
      },
      { path: ['answer', 1, 1], message: 'no palette tile has the id "restart"' },
      {
        path: ['answer', 2, 0],
        message: '"build" is already used in stage 1; each tile is placed at most once',
      },
      { path: ['answer', 3], message: 'a stage needs at least 1 tile; remove the empty stage' },
      {
        path: ['alternatives', 1, 0, 1],
        message: '"pull" is already used in stage 1; each tile is placed at most once',
      },
      { path: ['alternatives', 2], message: 'an answer needs at least 1 stage' },
      { path: ['feedback', 'rm-old-2'], message: 'no palette tile has the id "rm-old-2"' },
    ])
  })

  it('asks for a distractor and refuses look-alike tiles', () => {
    const problems = parseCommandSequenceScenario({
      id: 'no-choice',
      scenario: 'Build and run.',
      palette: [
        { id: 'build', command: 'docker build -t app .' },
        { id: 'run', command: 'docker run app' },
        { id: 'run-again', command: 'docker run app' },
      ],
      answer: [['build'], ['run']],
      alternatives: [[['build'], ['run-again']]],
    })
    expect(!problems.ok && problems.problems).toEqual([
      {
        path: ['palette', 2, 'command'],
        message: 'is the same command as tile 2; learners could not tell the two tiles apart',
      },
      {
        path: ['palette'],
        message:
          'needs at least 1 distractor, a tile that belongs in no answer, so learners choose commands as well as order them',
      },
    ])
  })

  it('flags an alternative that only repeats the answer', () => {
    const problems = validateScenario({
      ...ship,
      alternatives: [[['build'], ['rename-old', 'stop-old'], ['run-new']]],
    })
    expect(problems).toEqual([
      {
        path: ['alternatives', 0],
        message: 'accepts exactly the same orders as answer; remove it',
      },
    ])
  })
})
