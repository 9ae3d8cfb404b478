import { describe, expect, it } from 'vitest'
import type { Edit, EditKind } from './edits'
import { MULTI_STAGE_NODE, NAIVE_PYTHON, OPTIMISED_PYTHON } from './examples'
import { parseDockerfile } from './parse'
import type { BuildResult, BuildState, SimulateOptions } from './simulate'
import { formatSeconds, simulateBuild, sourceEditSeconds } from './simulate'

/** Builds once with nothing changed, then once with the edit: what the learner sees on their second build. */
function rebuildAfter(
  source: string,
  edit: Edit | EditKind,
  options: SimulateOptions = {},
): BuildResult {
  const parsed = parseDockerfile(source)
  expect(parsed.errors).toEqual([])
  const first = simulateBuild(parsed, null, 'none', options)
  return simulateBuild(parsed, first.state, edit, options)
}

/** label → status, in build order. */
function statuses(result: BuildResult): [string, string][] {
  return result.instructions.map((r) => [r.label, r.status])
}

function row(result: BuildResult, label: string) {
  const found = result.instructions.find((r) => r.label === label)
  if (!found) throw new Error(`no layer labelled ${label}`)
  return found
}

describe('first build', () => {
  it('rebuilds every layer because nothing is cached yet', () => {
    const parsed = parseDockerfile(OPTIMISED_PYTHON)
    const result = simulateBuild(parsed, null, 'none')
    expect(result.instructions.every((r) => r.status === 'rebuilt')).toBe(true)
    expect(result.instructions.map((r) => r.reason)).toEqual(
      result.instructions.map((r) => `${r.label} rebuilt: first build, so nothing is cached yet.`),
    )
    expect(result.buildNumber).toBe(1)
    expect(result.summary).toMatch(/^First build: all 4 layers ran/)
  })

  it('charges the pull and the install, which dominate a first build', () => {
    const result = simulateBuild(parseDockerfile(OPTIMISED_PYTHON), null, 'none')
    expect(row(result, 'FROM python:3.11').costSeconds).toBe(25)
    expect(row(result, 'RUN pip install -r requirements.txt').costSeconds).toBe(40)
    expect(result.totalSeconds).toBeCloseTo(25 + 0.3 + 40 + 0.3 + 1, 1)
    expect(result.overheadSeconds).toBe(1)
  })
})

describe('the naive Python Dockerfile (COPY . . before pip install)', () => {
  it('reinstalls every package after a one-line source edit', () => {
    const result = rebuildAfter(NAIVE_PYTHON, 'source')
    expect(statuses(result)).toEqual([
      ['FROM python:3.11', 'reused'],
      ['COPY . .', 'rebuilt'],
      ['RUN pip install -r requirements.txt', 'rebuilt'],
    ])
    expect(row(result, 'COPY . .').reason).toBe(
      'COPY . . rebuilt: src/app.py changed, and COPY checks the content of what it copies.',
    )
    expect(row(result, 'RUN pip install -r requirements.txt').reason).toBe(
      'RUN pip install -r requirements.txt rebuilt: COPY . . (line 2) was rebuilt, and once a layer rebuilds every later layer in the stage rebuilds too.',
    )
    expect(result.totalSeconds).toBeGreaterThan(40)
  })

  it('also reinstalls on a manifest edit', () => {
    const result = rebuildAfter(NAIVE_PYTHON, 'manifest')
    expect(row(result, 'RUN pip install -r requirements.txt').status).toBe('rebuilt')
    expect(row(result, 'COPY . .').reason).toContain('requirements.txt changed')
  })
})

describe('the optimised Python Dockerfile (requirements, install, then code)', () => {
  it('reuses the install on a source edit and rebuilds only the code copy', () => {
    const result = rebuildAfter(OPTIMISED_PYTHON, 'source')
    expect(statuses(result)).toEqual([
      ['FROM python:3.11', 'reused'],
      ['COPY requirements.txt .', 'reused'],
      ['RUN pip install -r requirements.txt', 'reused'],
      ['COPY . .', 'rebuilt'],
    ])
    expect(row(result, 'COPY requirements.txt .').reason).toBe(
      'COPY requirements.txt . reused: it copies only requirements.txt, and src/app.py is not part of that.',
    )
    expect(row(result, 'RUN pip install -r requirements.txt').costSeconds).toBe(0)
    expect(row(result, 'RUN pip install -r requirements.txt').rebuildSeconds).toBe(40)
    expect(result.totalSeconds).toBeLessThan(2)
  })

  it('rebuilds the install when the manifest changes', () => {
    const result = rebuildAfter(OPTIMISED_PYTHON, 'manifest')
    expect(statuses(result)).toEqual([
      ['FROM python:3.11', 'reused'],
      ['COPY requirements.txt .', 'rebuilt'],
      ['RUN pip install -r requirements.txt', 'rebuilt'],
      ['COPY . .', 'rebuilt'],
    ])
    expect(row(result, 'COPY requirements.txt .').reason).toBe(
      'COPY requirements.txt . rebuilt: requirements.txt changed, and COPY checks the content of what it copies.',
    )
  })

  it('is far cheaper than the naive order for a source edit', () => {
    const naive = sourceEditSeconds(parseDockerfile(NAIVE_PYTHON))
    const optimised = sourceEditSeconds(parseDockerfile(OPTIMISED_PYTHON))
    expect(naive - optimised).toBeGreaterThanOrEqual(40)
  })
})

describe('base image changes', () => {
  it('rebuild the whole stage, with the pull charged again', () => {
    const result = rebuildAfter(OPTIMISED_PYTHON, 'base-tag')
    expect(result.instructions.every((r) => r.status === 'rebuilt')).toBe(true)
    expect(result.edit.summary).toBe('Changed the base image python:3.11 → python:3.12.')
    expect(result.instructions[0]?.text).toBe('FROM python:3.12')
    expect(result.instructions[0]?.reason).toBe(
      'FROM python:3.12 rebuilt: the base image changed (python:3.11 → python:3.12), so the whole stage starts over.',
    )
    expect(row(result, 'RUN pip install -r requirements.txt').reason).toContain(
      'FROM python:3.12 (line 1) was rebuilt',
    )
    expect(result.instructions[0]?.costSeconds).toBe(25)
  })

  it('re-pulls a moving tag such as latest', () => {
    const result = rebuildAfter('FROM ubuntu\nRUN echo hi\n', 'base-tag')
    expect(statuses(result)).toEqual([
      ['FROM ubuntu', 'rebuilt'],
      ['RUN echo hi', 'rebuilt'],
    ])
    expect(result.instructions[0]?.reason).toContain('ubuntu now points to a newer image')
  })

  it('can target one stage of a multi-stage build', () => {
    const result = rebuildAfter(MULTI_STAGE_NODE, { kind: 'base-tag', stage: 1, tag: '22-alpine' })
    const build = result.stages[0]
    const runtime = result.stages[1]
    expect(build?.rebuilt).toBe(0)
    expect(runtime?.reused).toBe(0)
    expect(result.instructions.find((r) => r.id === 's1-i0')?.text).toBe(
      'FROM node:22-alpine AS runtime',
    )
  })

  it('by default moves every stage built on the same image, as a version bump does', () => {
    const result = rebuildAfter(MULTI_STAGE_NODE, 'base-tag')
    expect(result.stages.map((s) => s.reused)).toEqual([0, 0])
    expect(result.edit.summary).toBe(
      'Changed the base image node:20-alpine → node:21-alpine in 2 stages.',
    )
  })
})

describe('ENV changes', () => {
  const source = `FROM python:3.11-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
ENV APP_MODE=production
COPY . .
CMD ["python", "src/app.py"]
`
  it('rebuild from the declaration on, keeping what comes before', () => {
    const result = rebuildAfter(source, { kind: 'env', name: 'APP_MODE', value: 'staging' })
    expect(statuses(result)).toEqual([
      ['FROM python:3.11-slim', 'reused'],
      ['WORKDIR /app', 'reused'],
      ['COPY requirements.txt .', 'reused'],
      ['RUN pip install -r requirements.txt', 'reused'],
      ['ENV APP_MODE=staging', 'rebuilt'],
      ['COPY . .', 'rebuilt'],
      ['CMD ["python", "src/app.py"]', 'rebuilt'],
    ])
    expect(row(result, 'ENV APP_MODE=staging').reason).toBe(
      'ENV APP_MODE=staging rebuilt: ENV APP_MODE changed (production → staging); every instruction after it in the stage sees the new value, so they rebuild too.',
    )
    expect(row(result, 'COPY . .').reason).toContain('ENV APP_MODE=staging (line 5) was rebuilt')
  })

  it('placed before the install, an ENV change reinstalls everything', () => {
    const early = source
      .replace('ENV APP_MODE=production\n', '')
      .replace('WORKDIR /app\n', 'WORKDIR /app\nENV APP_MODE=production\n')
    const result = rebuildAfter(early, 'env')
    expect(row(result, 'RUN pip install -r requirements.txt').status).toBe('rebuilt')
  })

  it('keeps the rest of a multi-variable ENV line as written', () => {
    const result = rebuildAfter('FROM alpine\nENV A=1 B="two words"\n', {
      kind: 'env',
      name: 'B',
      value: 'three',
    })
    expect(result.instructions[1]?.text).toBe('ENV A=1 B=three')
  })
})

describe('ARG before FROM vs ARG inside a stage', () => {
  const source = `ARG PYTHON_VERSION=3.11
ARG UNUSED=1
FROM python:\${PYTHON_VERSION}-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
ARG APP_VERSION=1.0.0
COPY . .
RUN echo "$APP_VERSION" > version.txt
`
  it('a build-arg used by FROM changes the base image, so the whole stage rebuilds', () => {
    const result = rebuildAfter(source, { kind: 'arg', name: 'PYTHON_VERSION', value: '3.12' })
    const stage = result.instructions.filter((r) => r.stage === 0)
    expect(stage.every((r) => r.status === 'rebuilt')).toBe(true)
    expect(stage[0]?.reason).toBe(
      'FROM python:${PYTHON_VERSION}-slim rebuilt: the base image changed (python:3.11-slim → python:3.12-slim) because a build argument it uses changed, so the whole stage starts over.',
    )
  })

  it('a build-arg before FROM that no FROM uses invalidates nothing in the stages', () => {
    const result = rebuildAfter(source, { kind: 'arg', name: 'UNUSED' })
    expect(
      result.instructions.filter((r) => r.stage === 0).every((r) => r.status === 'reused'),
    ).toBe(true)
    expect(row(result, 'ARG UNUSED=1').reason).toContain(
      'An ARG before FROM only reaches FROM lines',
    )
  })

  it('a build-arg declared inside the stage rebuilds from its declaration on', () => {
    const result = rebuildAfter(source, { kind: 'arg', name: 'APP_VERSION', value: '1.0.1' })
    expect(
      statuses(result)
        .filter(([, s]) => s === 'rebuilt')
        .map(([l]) => l),
    ).toEqual(['ARG APP_VERSION=1.0.0', 'COPY . .', 'RUN echo "$APP_VERSION" > version.txt'])
    expect(row(result, 'RUN pip install -r requirements.txt').status).toBe('reused')
    expect(result.edit.summary).toBe('Built with --build-arg APP_VERSION=1.0.1 (was 1.0.0).')
  })

  it('a stage that redeclares a global ARG with no default picks up its new value', () => {
    const redeclared = `ARG RELEASE=1
FROM alpine
RUN apk add --no-cache curl
ARG RELEASE
RUN echo $RELEASE
`
    const result = rebuildAfter(redeclared, { kind: 'arg', name: 'RELEASE' })
    expect(statuses(result)).toEqual([
      ['ARG RELEASE=1', 'rebuilt'],
      ['FROM alpine', 'reused'],
      ['RUN apk add --no-cache curl', 'reused'],
      ['ARG RELEASE', 'rebuilt'],
      ['RUN echo $RELEASE', 'rebuilt'],
    ])
  })
})

describe('.dockerignore', () => {
  it('an edit to an ignored file invalidates nothing', () => {
    const result = rebuildAfter(NAIVE_PYTHON, 'ignored-file')
    expect(result.instructions.every((r) => r.status === 'reused')).toBe(true)
    expect(row(result, 'COPY . .').reason).toBe(
      'COPY . . reused: README.md changed, but .dockerignore keeps it out of the build context, so COPY never sees the change.',
    )
    expect(result.summary).toMatch(/^Everything reused/)
  })

  it('without a .dockerignore the same edit invalidates COPY . . and everything after it', () => {
    const result = rebuildAfter(NAIVE_PYTHON, 'ignored-file', { context: { dockerignore: null } })
    expect(statuses(result)).toEqual([
      ['FROM python:3.11', 'reused'],
      ['COPY . .', 'rebuilt'],
      ['RUN pip install -r requirements.txt', 'rebuilt'],
    ])
    expect(row(result, 'COPY . .').reason).toBe(
      'COPY . . rebuilt: README.md changed, and COPY checks the content of what it copies. There is no .dockerignore to keep it out.',
    )
  })

  it('without a .dockerignore COPY . . also drags .git and the virtualenv along, and takes longer', () => {
    const withIgnore = rebuildAfter(OPTIMISED_PYTHON, 'source')
    const without = rebuildAfter(OPTIMISED_PYTHON, 'source', { context: { dockerignore: null } })
    expect(row(without, 'COPY . .').costSeconds).toBeGreaterThan(
      row(withIgnore, 'COPY . .').costSeconds + 3,
    )
  })

  it('a .dockerignore that does not list the file does not help', () => {
    const result = rebuildAfter(NAIVE_PYTHON, 'ignored-file', {
      context: { dockerignore: ['.git'] },
    })
    expect(row(result, 'COPY . .').status).toBe('rebuilt')
    expect(row(result, 'COPY . .').reason).toContain('The .dockerignore does not exclude it.')
  })
})

describe('multi-stage Node build', () => {
  it('a source edit rebuilds the build stage and the runtime copy, but reuses the runtime dependencies', () => {
    const result = rebuildAfter(MULTI_STAGE_NODE, 'source')
    expect(result.instructions.map((r) => [r.id, r.label, r.status])).toEqual([
      ['s0-i0', 'FROM node:20-alpine AS build', 'reused'],
      ['s0-i1', 'WORKDIR /app', 'reused'],
      ['s0-i2', 'COPY package.json package-lock.json ./', 'reused'],
      ['s0-i3', 'RUN npm ci', 'reused'],
      ['s0-i4', 'COPY . .', 'rebuilt'],
      ['s0-i5', 'RUN npm run build', 'rebuilt'],
      ['s1-i0', 'FROM node:20-alpine AS runtime', 'reused'],
      ['s1-i1', 'WORKDIR /app', 'reused'],
      ['s1-i2', 'ENV NODE_ENV=production', 'reused'],
      ['s1-i3', 'COPY package.json package-lock.json ./', 'reused'],
      ['s1-i4', 'RUN npm ci --omit=dev', 'reused'],
      ['s1-i5', 'COPY --from=build /app/dist ./dist', 'rebuilt'],
      ['s1-i6', 'USER node', 'rebuilt'],
      ['s1-i7', 'CMD ["node", "dist/server.js"]', 'rebuilt'],
    ])
    expect(row(result, 'COPY --from=build /app/dist ./dist').reason).toBe(
      'COPY --from=build /app/dist ./dist rebuilt: stage build was rebuilt, and COPY --from depends on the stage it copies from.',
    )
    expect(result.stages).toEqual([
      {
        index: 0,
        name: 'build',
        label: 'build',
        seconds: 12.31,
        rebuilt: 2,
        reused: 4,
        rebuiltFromId: 's0-i4',
      },
      {
        index: 1,
        name: 'runtime',
        label: 'runtime',
        seconds: 1,
        rebuilt: 3,
        reused: 5,
        rebuiltFromId: 's1-i5',
      },
    ])
  })

  it('a manifest edit reinstalls in both stages', () => {
    const result = rebuildAfter(MULTI_STAGE_NODE, 'manifest')
    expect(result.instructions.find((r) => r.id === 's0-i3')?.status).toBe('rebuilt')
    expect(result.instructions.find((r) => r.id === 's1-i4')?.status).toBe('rebuilt')
    expect(result.edit.changedFiles).toEqual(['package.json', 'package-lock.json'])
  })

  it('a stage built FROM another stage rebuilds when that stage does', () => {
    const source = `FROM node:20-alpine AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci

FROM deps AS test
COPY . .
RUN npm test
`
    const onManifest = rebuildAfter(source, 'manifest')
    expect(onManifest.instructions.find((r) => r.id === 's1-i0')?.reason).toBe(
      'FROM deps AS test rebuilt: it starts from stage deps, which was rebuilt.',
    )
    const onSource = rebuildAfter(source, 'source')
    expect(onSource.instructions.find((r) => r.id === 's1-i0')?.status).toBe('reused')
  })
})

describe('rebuilding with nothing changed', () => {
  it('reuses every layer, build after build', () => {
    const parsed = parseDockerfile(MULTI_STAGE_NODE)
    let state: BuildState | null = null
    let last: BuildResult | null = null
    for (const edit of ['none', 'source', 'none', 'none'] as const) {
      last = simulateBuild(parsed, state, edit)
      state = last.state
    }
    expect(last?.instructions.every((r) => r.status === 'reused')).toBe(true)
    expect(last?.totalSeconds).toBe(1)
    expect(last?.buildNumber).toBe(4)
  })

  it('the state survives a round trip through JSON, as the widget stores it', () => {
    const parsed = parseDockerfile(OPTIMISED_PYTHON)
    const first = simulateBuild(parsed, null, 'none')
    const restored = JSON.parse(JSON.stringify(first.state)) as BuildState
    const again = simulateBuild(parsed, restored, 'none')
    expect(again.instructions.every((r) => r.status === 'reused')).toBe(true)
  })
})

describe('edits add up across builds', () => {
  it('a second source edit changes the file again and rebuilds again', () => {
    const parsed = parseDockerfile(OPTIMISED_PYTHON)
    const first = simulateBuild(parsed, null, 'none')
    const second = simulateBuild(parsed, first.state, 'source')
    const third = simulateBuild(parsed, second.state, 'source')
    expect(row(third, 'COPY . .').status).toBe('rebuilt')
    expect(third.state.world.context.files['src/app.py']).toBe(3)
  })

  it('a second tag bump goes one version further', () => {
    const parsed = parseDockerfile(OPTIMISED_PYTHON)
    const first = simulateBuild(parsed, null, 'none')
    const second = simulateBuild(parsed, first.state, 'base-tag')
    const third = simulateBuild(parsed, second.state, 'base-tag')
    expect(third.instructions[0]?.text).toBe('FROM python:3.13')
  })
})

describe('system package edits', () => {
  const source = `FROM python:3.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends \\
    gcc \\
    libpq-dev \\
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
`
  it('change the RUN text, so it and everything after it rebuild', () => {
    const result = rebuildAfter(source, 'system-package')
    const apt = result.instructions[1]
    expect(apt?.status).toBe('rebuilt')
    expect(apt?.text).toContain('libpq-dev curl \\')
    expect(apt?.reason).toContain(
      'its command text changed (added curl), and RUN is cached on its command text',
    )
    expect(apt?.costSeconds).toBe(21)
    expect(result.instructions.slice(2).every((r) => r.status === 'rebuilt')).toBe(true)
    expect(result.instructions[0]?.status).toBe('reused')
  })

  it('is reported as not applicable when nothing installs system packages', () => {
    const result = rebuildAfter(OPTIMISED_PYTHON, 'system-package')
    expect(result.edit.applied).toBe(false)
    expect(result.instructions.every((r) => r.status === 'reused')).toBe(true)
  })
})

describe('reordering between builds', () => {
  it('rebuilds a layer whose position changed even though its own input did not', () => {
    const parsed = parseDockerfile(`FROM alpine
WORKDIR /app
RUN apk add --no-cache curl
RUN apk add --no-cache git
`)
    const first = simulateBuild(parsed, null, 'none')
    const swapped = {
      ...parsed,
      instructions: [0, 1, 3, 2].map((i) => parsed.instructions[i]!),
    }
    const result = simulateBuild(swapped, first.state, 'none')
    expect(statuses(result)).toEqual([
      ['FROM alpine', 'reused'],
      ['WORKDIR /app', 'reused'],
      ['RUN apk add --no-cache git', 'rebuilt'],
      ['RUN apk add --no-cache curl', 'rebuilt'],
    ])
    expect(result.instructions[2]?.reason).toContain(
      'the layers before it differ from the last build',
    )
    // Putting the original order back finds the first build's layers still cached.
    const back = simulateBuild(parsed, result.state, 'none')
    expect(back.instructions.every((r) => r.status === 'reused')).toBe(true)
    expect(back.instructions[2]?.reason).toContain('still in the build cache from an earlier build')
  })
})

describe('costs', () => {
  it('can be overridden per instruction and in the table', () => {
    const parsed = parseDockerfile(OPTIMISED_PYTHON)
    const result = simulateBuild(parsed, null, 'none', {
      instructionCosts: { 's0-i2': 90 },
      costs: { pullFull: 5, buildOverhead: 0 },
    })
    expect(result.instructions.map((r) => r.costSeconds)).toEqual([5, 0.3, 90, 0.3])
    expect(result.totalSeconds).toBe(95.6)
  })

  it('cheapens installs that use a cache mount', () => {
    const plain = simulateBuild(parseDockerfile('FROM node:20\nRUN npm ci\n'), null, 'none')
    const mounted = simulateBuild(
      parseDockerfile('FROM node:20\nRUN --mount=type=cache,target=/root/.npm npm ci\n'),
      null,
      'none',
    )
    expect(plain.instructions[1]?.costSeconds).toBe(35)
    expect(mounted.instructions[1]?.costSeconds).toBe(10.5)
  })

  it('formats seconds for learners', () => {
    expect(formatSeconds(41.31)).toBe('41.3 s')
    expect(formatSeconds(1)).toBe('1 s')
  })
})

describe('warnings for authors', () => {
  it('flags a COPY that matches nothing in the context', () => {
    const parsed = parseDockerfile('FROM alpine\nCOPY config.yaml /etc/app/\n')
    const result = simulateBuild(parsed, null, 'none', {
      context: { files: { 'src/main.sh': 1 } },
    })
    expect(result.warnings).toEqual([
      'COPY config.yaml /etc/app/ (line 2) copies nothing: no file in the build context matches config.yaml. Docker would stop with "not found".',
    ])
  })
})

describe('Dockerfiles with problems', () => {
  it('still simulate, order and optimise without throwing, so the widget can show the errors next to a result', () => {
    const sources = [
      '',
      'RUN echo hi\n',
      'FROM alpine\nCOPPY . .\nCOPY --from=nowhere /a /b\n',
      'FROM alpine AS a\nCOPY --from=b /x /x\nFROM alpine AS b\nCOPY --from=a /y /y\n',
      'FROM\nENV\nARG\nCOPY\n',
      'FROM alpine\nRUN <<EOF\napk add curl\nEOF\n',
    ]
    for (const source of sources) {
      const parsed = parseDockerfile(source)
      expect(() => {
        const first = simulateBuild(parsed, null, 'none')
        for (const edit of [
          'source',
          'manifest',
          'base-tag',
          'system-package',
          'env',
          'arg',
          'ignored-file',
        ] as const) {
          simulateBuild(parsed, first.state, edit)
        }
      }, source).not.toThrow()
    }
  })
})
