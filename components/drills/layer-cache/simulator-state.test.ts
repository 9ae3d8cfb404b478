import { describe, expect, it } from 'vitest'
import {
  HISTORY_LIMIT,
  currentEditOptions,
  currentLines,
  renumberLines,
  createSetup,
  initialState,
  reduceSimulator,
  stageGroups,
  withStageOrder,
  type SimulatorAction,
  type SimulatorSetup,
  type SimulatorState,
} from './simulator-state'

const PYTHON = `FROM python:3.12-slim
WORKDIR /app
COPY . .
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
CMD ["python", "src/app.py"]
`

const NODE = `ARG NODE_VERSION=20
FROM node:\${NODE_VERSION}-alpine AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:\${NODE_VERSION}-alpine AS runtime
WORKDIR /app
COPY --from=build /app/dist ./dist
CMD ["node", "dist/index.js"]
`

function run(setup: SimulatorSetup, ...actions: SimulatorAction[]): SimulatorState {
  return actions.reduce(
    (state, action) => reduceSimulator(setup, state, action),
    initialState(setup),
  )
}

const python = () =>
  createSetup({ dockerfile: PYTHON, challenge: { edit: 'source', maxSeconds: 5 } })

describe('building', () => {
  it('runs every layer on the first build, whatever edit is picked', () => {
    const state = run(python(), { type: 'build', edit: 'source' })
    expect(state.latest?.edit.kind).toBe('none')
    expect(state.latest?.instructions.every((layer) => layer.status === 'rebuilt')).toBe(true)
    expect(state.history).toEqual([
      expect.objectContaining({
        buildNumber: 1,
        edit: 'none',
        editSummary: 'First build, empty cache.',
        orderChanged: false,
      }),
    ])
    // A first build says nothing about the cache, so it is not judged.
    expect(state.outcome).toBeNull()
  })

  it('rebuilds the install after a source edit in the naive order, and holds it against the best order', () => {
    const state = run(python(), { type: 'build', edit: 'none' }, { type: 'build', edit: 'source' })
    const install = state.latest?.instructions.find((layer) => layer.text.startsWith('RUN pip'))
    expect(install?.status).toBe('rebuilt')
    expect(install?.reason).toMatch(/COPY \. \. \(line 3\) was rebuilt/)
    expect(state.latestBestSeconds).toBeLessThan(5)
    expect(state.latest?.totalSeconds).toBeGreaterThan(40)
    expect(state.outcome).toMatchObject({ passed: false })
  })

  it('solves the challenge once the reordered file has been built once', () => {
    const setup = python()
    // Moving COPY . . below the install puts the manifest copy first.
    let state = run(
      setup,
      { type: 'build', edit: 'none' },
      { type: 'move', id: 's0-i2', toIndex: 4 },
    )
    expect(state.refusal).toBeNull()
    expect(state.order).toEqual(['s0-i0', 's0-i1', 's0-i3', 's0-i4', 's0-i2', 's0-i5'])

    // The first build in a new order has no cache for the moved layers.
    state = reduceSimulator(setup, state, { type: 'build', edit: 'source' })
    expect(state.history.at(-1)?.orderChanged).toBe(true)
    expect(state.outcome?.passed).toBe(false)

    state = reduceSimulator(setup, state, { type: 'build', edit: 'source' })
    const install = state.latest?.instructions.find((layer) => layer.text.startsWith('RUN pip'))
    expect(install?.status).toBe('reused')
    expect(state.outcome).toMatchObject({ passed: true })
    expect(state.history.at(-1)?.orderChanged).toBe(false)
  })

  it('keeps only the latest builds in the history', () => {
    const setup = python()
    const builds = Array.from({ length: HISTORY_LIMIT + 3 }, (): SimulatorAction => ({
      type: 'build',
      edit: 'source',
    }))
    const state = run(setup, ...builds)
    expect(state.history).toHaveLength(HISTORY_LIMIT)
    expect(state.history.at(-1)?.buildNumber).toBe(HISTORY_LIMIT + 3)
  })
})

describe('reordering', () => {
  it('refuses an order that would not build, with the engine’s reason, and keeps the order', () => {
    const setup = python()
    const state = run(setup, { type: 'move', id: 's0-i4', toIndex: 2 })
    expect(state.order).toEqual(setup.originalOrder)
    expect(state.refusal?.id).toBe('s0-i4')
    expect(state.refusal?.messages[0]).toMatch(
      /^This order would not build: RUN pip install .* needs requirements\.txt/,
    )
  })

  it('refuses moving anything above FROM', () => {
    const state = run(python(), { type: 'move', id: 's0-i1', toIndex: 0 })
    expect(state.refusal?.messages.join(' ')).toMatch(/FROM stays first/)
  })

  it('clears a refusal on the next good move, and resets to the author’s order', () => {
    const setup = python()
    let state = run(
      setup,
      { type: 'move', id: 's0-i4', toIndex: 2 },
      { type: 'move', id: 's0-i5', toIndex: 3 },
    )
    expect(state.refusal).toBeNull()
    expect(state.order).not.toEqual(setup.originalOrder)
    state = reduceSimulator(setup, state, { type: 'reset-order' })
    expect(state.order).toEqual(setup.originalOrder)
  })

  it('moves within a stage only, leaving global ARGs and other stages alone', () => {
    const setup = createSetup({ dockerfile: NODE })
    const groups = stageGroups(setup, setup.originalOrder)
    expect(groups.map((g) => g.label)).toEqual(['build', 'runtime'])
    const runtime = groups[1]?.ids ?? []
    const state = run(setup, { type: 'move', id: runtime[2] ?? '', toIndex: 99 })
    expect(state.order.slice(0, 7)).toEqual(setup.originalOrder.slice(0, 7))
    expect(stageGroups(setup, state.order)[1]?.ids.at(-1)).toBe(runtime[2])
  })

  it('replaces one stage’s ids in the full order', () => {
    const setup = createSetup({ dockerfile: NODE })
    const build = stageGroups(setup, setup.originalOrder)[0]?.ids ?? []
    const reversed = [...build].reverse()
    const order = withStageOrder(setup, setup.originalOrder, 0, reversed)
    expect(order[0]).toBe('g-i0')
    expect(order.slice(1, 1 + build.length)).toEqual(reversed)
    expect(order.slice(1 + build.length)).toEqual(setup.originalOrder.slice(1 + build.length))
  })

  it('restores a saved order only when it is a legal order of this Dockerfile', () => {
    const setup = python()
    const good = ['s0-i0', 's0-i1', 's0-i3', 's0-i4', 's0-i2', 's0-i5']
    expect(run(setup, { type: 'restore-order', order: good }).order).toEqual(good)
    expect(run(setup, { type: 'restore-order', order: ['s0-i0', 's0-i9'] }).order).toEqual(
      setup.originalOrder,
    )
  })
})

describe('setup', () => {
  it('treats a missing .dockerignore as none, and offers only the authored edits plus the challenge’s', () => {
    const setup = createSetup({
      dockerfile: PYTHON,
      edits: ['manifest'],
      challenge: { edit: 'source', maxSeconds: 5 },
    })
    expect(setup.context.dockerignore).toBeNull()
    expect(setup.editOptions.map((o) => o.kind)).toEqual(['source', 'manifest'])
  })

  it('marks edits the Dockerfile cannot take as unavailable, with the reason', () => {
    const env = python().editOptions.find((o) => o.kind === 'env')
    expect(env).toMatchObject({
      available: false,
      description: 'This Dockerfile has no ENV instruction.',
    })
  })
})

describe('line numbers in messages', () => {
  it('follow an instruction to where the learner moved it', () => {
    const setup = python()
    const moved = run(setup, { type: 'move', id: 's0-i2', toIndex: 4 }).order
    const lines = currentLines(setup, moved)
    // COPY requirements.txt . was line 4 and is now line 3; COPY . . went from 3 to 5.
    expect(renumberLines('starting with COPY requirements.txt . (line 4).', lines)).toBe(
      'starting with COPY requirements.txt . (line 3).',
    )
    expect(renumberLines('COPY . . (line 3) was rebuilt', lines)).toBe(
      'COPY . . (line 5) was rebuilt',
    )
    expect(renumberLines('nothing to renumber (line 42)', lines)).toBe(
      'nothing to renumber (line 42)',
    )
  })

  it('count global ARGs, multi-line instructions and the blank line between stages', () => {
    const setup = createSetup({
      dockerfile: `ARG BASE=alpine:3.20

FROM \${BASE} AS build
# the compiler
RUN apk add --no-cache \\
    gcc \\
    musl-dev
WORKDIR /src

FROM \${BASE}
COPY --from=build /src /src
`,
    })
    const lines = currentLines(setup, setup.originalOrder)
    expect([...lines.entries()]).toEqual([
      [1, 1],
      [3, 2],
      [5, 3],
      [8, 6],
      [10, 8],
      [11, 9],
    ])
  })
})

describe('edit descriptions', () => {
  it('describe the next edit on top of the ones already built', () => {
    const setup = createSetup({
      dockerfile: 'FROM node:20-alpine\nENV NODE_ENV=production\nCMD ["node", "index.js"]\n',
    })
    const env = (state: SimulatorState) =>
      currentEditOptions(setup, state).find((o) => o.kind === 'env')?.description
    let state = initialState(setup)
    expect(env(state)).toBe('Changed ENV NODE_ENV: production → production-2 (line 2).')
    state = run(setup, { type: 'build', edit: 'none' }, { type: 'build', edit: 'env' })
    expect(env(state)).toBe('Changed ENV NODE_ENV: production-2 → production-3 (line 2).')
    expect(currentEditOptions(setup, state).find((o) => o.kind === 'source')?.description).toBe(
      setup.editOptions.find((o) => o.kind === 'source')?.description,
    )
  })
})
