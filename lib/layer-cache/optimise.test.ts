import { describe, expect, it } from 'vitest'
import { MULTI_STAGE_NODE, NAIVE_PYTHON, OPTIMISED_PYTHON, SCRAMBLED_PYTHON_API } from './examples'
import { bestOrder, inferDependencies, reorder } from './optimise'
import type { ParsedDockerfile } from './parse'
import { formatDockerfile, parseDockerfile } from './parse'
import { simulateBuild, sourceEditSeconds } from './simulate'

function idsOf(parsed: ParsedDockerfile, labels: string[]): string[] {
  return labels.map((label) => {
    const found = parsed.instructions.find((i) => i.label === label)
    if (!found) throw new Error(`no instruction labelled ${label}`)
    return found.id
  })
}

function messages(result: ReturnType<typeof reorder>): string[] {
  return result.ok ? [] : result.violations.map((v) => v.message)
}

const WITH_BOTH_COPIES = `FROM python:3.11-slim
WORKDIR /app
COPY . .
COPY requirements.txt .
RUN pip install -r requirements.txt
EXPOSE 8000
CMD ["python", "src/app.py"]
`

describe('reorder: legal orders', () => {
  it('accepts moving the manifest copy and install above the source copy', () => {
    const parsed = parseDockerfile(WITH_BOTH_COPIES)
    const order = idsOf(parsed, [
      'FROM python:3.11-slim',
      'WORKDIR /app',
      'COPY requirements.txt .',
      'RUN pip install -r requirements.txt',
      'COPY . .',
      'EXPOSE 8000',
      'CMD ["python", "src/app.py"]',
    ])
    const result = reorder(parsed, order)
    expect(messages(result)).toEqual([])
    if (!result.ok) return
    expect(result.parsed.instructions.map((i) => i.id)).toEqual(order)
    expect(result.parsed.stages[0]?.instructionIds).toEqual(order)
    expect(result.parsed.instructions.map((i) => i.id)).not.toEqual(
      parsed.instructions.map((i) => i.id),
    )
    // Same ids, so the cache state from builds in the old order still applies.
    const first = simulateBuild(parsed, null, 'none')
    const after = simulateBuild(result.parsed, first.state, 'source')
    expect(after.instructions.find((r) => r.label === 'COPY . .')?.status).toBe('rebuilt')
  })

  it('accepts the order it was given unchanged', () => {
    const parsed = parseDockerfile(MULTI_STAGE_NODE)
    expect(
      reorder(
        parsed,
        parsed.instructions.map((i) => i.id),
      ).ok,
    ).toBe(true)
  })
})

describe('reorder: orders that would not build', () => {
  it('refuses an install before the copy that brings its manifest', () => {
    const parsed = parseDockerfile(OPTIMISED_PYTHON)
    const result = reorder(
      parsed,
      idsOf(parsed, [
        'FROM python:3.11',
        'RUN pip install -r requirements.txt',
        'COPY requirements.txt .',
        'COPY . .',
      ]),
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.violations).toEqual([
      {
        rule: 'file',
        id: 's0-i2',
        message:
          'this order would not build: RUN pip install -r requirements.txt needs requirements.txt, copied later',
        dependsOn: ['s0-i1', 's0-i3'],
      },
    ])
  })

  it('names npm ci and package.json the way a learner reads them', () => {
    const parsed = parseDockerfile(MULTI_STAGE_NODE)
    const ids = parsed.instructions.map((i) => i.id)
    const swapped = [...ids]
    swapped[2] = 's0-i3'
    swapped[3] = 's0-i2'
    expect(messages(reorder(parsed, swapped))).toEqual([
      'this order would not build: RUN npm ci needs package.json, copied later',
      'this order would not build: RUN npm ci needs package-lock.json, copied later',
    ])
  })

  it('refuses moving an instruction above FROM', () => {
    const parsed = parseDockerfile(OPTIMISED_PYTHON)
    const result = reorder(
      parsed,
      idsOf(parsed, [
        'COPY requirements.txt .',
        'FROM python:3.11',
        'RUN pip install -r requirements.txt',
        'COPY . .',
      ]),
    )
    expect(messages(result)).toEqual([
      'COPY requirements.txt . cannot move above FROM python:3.11: FROM stays first in its stage.',
    ])
  })

  it('refuses moving an instruction into another stage', () => {
    const parsed = parseDockerfile(MULTI_STAGE_NODE)
    const ids = parsed.instructions.map((i) => i.id).filter((id) => id !== 's0-i5')
    ids.push('s0-i5')
    const result = reorder(parsed, ids)
    expect(messages(result)).toEqual([
      'RUN npm run build belongs to stage build and cannot move into stage runtime.',
    ])
  })

  it('refuses swapping whole stages', () => {
    const parsed = parseDockerfile(MULTI_STAGE_NODE)
    const build = parsed.stages[0]?.instructionIds ?? []
    const runtime = parsed.stages[1]?.instructionIds ?? []
    const result = reorder(parsed, [...runtime, ...build])
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.violations[0]?.rule).toBe('stage-order')
  })

  it('refuses orders with missing, repeated or unknown ids', () => {
    const parsed = parseDockerfile(OPTIMISED_PYTHON)
    const result = reorder(parsed, ['s0-i0', 's0-i1', 's0-i1', 's0-i2', 'nope'])
    expect(messages(result)).toEqual([
      'COPY requirements.txt . appears twice in the order.',
      'There is no instruction with id nope.',
      'The order leaves out COPY . ..',
    ])
  })

  it('refuses a relative COPY before the WORKDIR it relies on', () => {
    const parsed = parseDockerfile(WITH_BOTH_COPIES)
    const order = idsOf(parsed, [
      'FROM python:3.11-slim',
      'COPY requirements.txt .',
      'WORKDIR /app',
      'RUN pip install -r requirements.txt',
      'COPY . .',
      'EXPOSE 8000',
      'CMD ["python", "src/app.py"]',
    ])
    expect(messages(reorder(parsed, order))).toEqual([
      'this order would not build: COPY requirements.txt . needs WORKDIR /app, set later',
    ])
  })

  it('refuses switching user before the user exists, and package installs after dropping root', () => {
    const parsed = parseDockerfile(`FROM python:3.11-slim
RUN apt-get update && apt-get install -y libpq5
RUN useradd --create-home appuser
USER appuser
COPY --chown=appuser:appuser . .
`)
    const userFirst = idsOf(parsed, [
      'FROM python:3.11-slim',
      'USER appuser',
      'RUN apt-get update && apt-get install -y libpq5',
      'RUN useradd --create-home appuser',
      'COPY --chown=appuser:appuser . .',
    ])
    expect(messages(reorder(parsed, userFirst))).toEqual([
      'this order would not build: USER appuser needs the user appuser, created by RUN useradd --create-home appuser, which runs later',
      'this order would not build: RUN apt-get update && apt-get install -y libpq5 needs root, but USER appuser comes before it',
      'this order would not build: RUN useradd --create-home appuser needs root, but USER appuser comes before it',
    ])
  })

  it('refuses using a variable before the ENV that declares it', () => {
    const parsed = parseDockerfile('FROM alpine\nENV APP_HOME=/srv/app\nRUN mkdir -p $APP_HOME\n')
    expect(messages(reorder(parsed, ['s0-i0', 's0-i2', 's0-i1']))).toEqual([
      'this order would not build: RUN mkdir -p $APP_HOME needs ENV APP_HOME, declared later',
    ])
  })
})

describe('inferDependencies', () => {
  it('drops a dependency the author’s own order breaks, since the guess must be wrong', () => {
    // package.json comes from the base image here; the later COPY only refreshes it.
    const parsed = parseDockerfile('FROM my-node-base:1\nRUN npm ci\nCOPY package.json .\n')
    expect(inferDependencies(parsed)).toEqual([])
  })

  it('ties a build step to the copy that brings the source', () => {
    const parsed = parseDockerfile(MULTI_STAGE_NODE)
    const build = inferDependencies(parsed).filter((d) => d.then === 's0-i5' && d.rule === 'file')
    expect(build.map((d) => [d.first, d.message])).toEqual([
      [
        ['s0-i4'],
        'this order would not build: RUN npm run build needs the app source (src/index.js), copied later',
      ],
    ])
  })
})

describe('bestOrder', () => {
  it('puts the install before the source copy, beating the scrambled order by the whole install', () => {
    const parsed = parseDockerfile(SCRAMBLED_PYTHON_API)
    const best = bestOrder(parsed)
    expect(formatDockerfile(best.parsed)).toBe(`FROM python:3.11-slim
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends \\
    gcc \\
    libpq-dev \\
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
EXPOSE 8000
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
`)
    expect(best.originalSeconds).toBeCloseTo(0.3 + 21 + 0.3 + 40 + 1, 1)
    expect(best.seconds).toBeCloseTo(0.3 + 1, 1)
    expect(best.seconds).toBe(sourceEditSeconds(best.parsed))
  })

  it('beats the naive order whenever a manifest copy exists to move', () => {
    const parsed = parseDockerfile(WITH_BOTH_COPIES)
    const best = bestOrder(parsed)
    expect(best.seconds).toBeLessThan(best.originalSeconds - 39)
  })

  it('cannot improve on the naive three-line Dockerfile, which has no manifest copy to move', () => {
    const parsed = parseDockerfile(NAIVE_PYTHON)
    const best = bestOrder(parsed)
    expect(best.ids).toEqual(parsed.instructions.map((i) => i.id))
    expect(best.seconds).toBe(best.originalSeconds)
  })

  it('keeps an already optimal order as it is', () => {
    const parsed = parseDockerfile(MULTI_STAGE_NODE)
    const best = bestOrder(parsed)
    expect(best.ids).toEqual(parsed.instructions.map((i) => i.id))
  })

  it('moves the runtime stage’s dependency install above its COPY --from', () => {
    const parsed = parseDockerfile(`FROM node:20-alpine AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-alpine AS runtime
WORKDIR /app
COPY --from=build /app/dist ./dist
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
CMD ["node", "dist/server.js"]
`)
    const best = bestOrder(parsed)
    expect(best.parsed.stages[1]?.instructionIds).toEqual([
      's1-i0',
      's1-i1',
      's1-i3',
      's1-i4',
      's1-i2',
      's1-i5',
    ])
    expect(best.originalSeconds - best.seconds).toBeCloseTo(35.3, 1)
  })

  it('never returns an order that reorder would refuse', () => {
    for (const source of [SCRAMBLED_PYTHON_API, MULTI_STAGE_NODE, WITH_BOTH_COPIES, NAIVE_PYTHON]) {
      const parsed = parseDockerfile(source)
      expect(reorder(parsed, bestOrder(parsed).ids).ok).toBe(true)
    }
  })
})

describe('Dockerfiles with problems', () => {
  it('still get a best order that reorder accepts', () => {
    for (const source of [
      '',
      'RUN echo hi\n',
      'FROM alpine\nCOPPY . .\n',
      'FROM\nENV\nARG\nCOPY\n',
    ]) {
      const parsed = parseDockerfile(source)
      const best = bestOrder(parsed)
      expect(reorder(parsed, best.ids).ok, source).toBe(true)
    }
  })
})
