import { describe, expect, it } from 'vitest'
import { MULTI_STAGE_NODE, SCRAMBLED_PYTHON_API } from './examples'
import {
  findInstruction,
  formatDockerfile,
  makeLabel,
  parseDockerfile,
  splitImageReference,
  substituteVariables,
} from './parse'

describe('parseDockerfile: stages and instructions', () => {
  it('reads a multi-stage build into named stages with stable ids', () => {
    const parsed = parseDockerfile(MULTI_STAGE_NODE)
    expect(parsed.errors).toEqual([])
    expect(
      parsed.stages.map((s) => [s.index, s.name, s.image, s.imageName, s.tag, s.line]),
    ).toEqual([
      [0, 'build', 'node:20-alpine', 'node', '20-alpine', 1],
      [1, 'runtime', 'node:20-alpine', 'node', '20-alpine', 8],
    ])
    expect(parsed.stages[1]?.instructionIds).toEqual([
      's1-i0',
      's1-i1',
      's1-i2',
      's1-i3',
      's1-i4',
      's1-i5',
      's1-i6',
      's1-i7',
    ])
    expect(parsed.instructions.map((i) => i.keyword)).toEqual([
      'FROM',
      'WORKDIR',
      'COPY',
      'RUN',
      'COPY',
      'RUN',
      'FROM',
      'WORKDIR',
      'ENV',
      'COPY',
      'RUN',
      'COPY',
      'USER',
      'CMD',
    ])
  })

  it('describes COPY sources, destination, --from and broad copies', () => {
    const parsed = parseDockerfile(MULTI_STAGE_NODE)
    expect(findInstruction(parsed, 's0-i2')?.copy).toMatchObject({
      sources: ['package.json', 'package-lock.json'],
      destination: './',
      from: null,
      fromStage: null,
      broad: false,
    })
    expect(findInstruction(parsed, 's0-i4')?.copy).toMatchObject({
      sources: ['.'],
      destination: '.',
      broad: true,
    })
    expect(findInstruction(parsed, 's1-i5')?.copy).toMatchObject({
      sources: ['/app/dist'],
      destination: './dist',
      from: 'build',
      fromStage: 0,
      fromImage: null,
    })
  })

  it('keeps the full text of a continued RUN and joins its command', () => {
    const parsed = parseDockerfile(SCRAMBLED_PYTHON_API)
    const apt = findInstruction(parsed, 's0-i3')
    expect(apt?.line).toBe(4)
    expect(apt?.endLine).toBe(7)
    expect(apt?.text).toBe(
      'RUN apt-get update && apt-get install -y --no-install-recommends \\\n    gcc \\\n    libpq-dev \\\n    && rm -rf /var/lib/apt/lists/*',
    )
    expect(apt?.run?.command).toBe(
      'apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && rm -rf /var/lib/apt/lists/*',
    )
    expect(apt?.label).toBe('RUN apt-get update && apt-get install -y …')
  })

  it('reads exec-form arguments with spaces intact', () => {
    const parsed = parseDockerfile(
      'FROM alpine\nCOPY ["my file.txt", "/opt/my dir/"]\nRUN ["sh", "-c", "echo hi"]\n',
    )
    expect(findInstruction(parsed, 's0-i1')?.copy?.sources).toEqual(['my file.txt'])
    expect(findInstruction(parsed, 's0-i1')?.copy?.destination).toBe('/opt/my dir/')
    expect(findInstruction(parsed, 's0-i2')?.run?.command).toBe('sh -c echo hi')
  })

  it('reads ENV and ARG names and values, old and new syntax', () => {
    const parsed = parseDockerfile(
      'ARG BASE=alpine\nFROM $BASE\nARG VERSION\nENV A=1 B="two words"\nENV C 3\n',
    )
    expect(parsed.globalArgs.map((a) => [a.id, a.vars])).toEqual([
      ['g-i0', [{ name: 'BASE', value: 'alpine', valueSpan: [9, 15] }]],
    ])
    expect(findInstruction(parsed, 's0-i1')?.vars?.map((v) => [v.name, v.value])).toEqual([
      ['VERSION', null],
    ])
    expect(findInstruction(parsed, 's0-i2')?.vars?.map((v) => [v.name, v.value])).toEqual([
      ['A', '1'],
      ['B', 'two words'],
    ])
    expect(findInstruction(parsed, 's0-i3')?.vars?.map((v) => [v.name, v.value])).toEqual([
      ['C', '3'],
    ])
  })

  it('substitutes global ARG defaults into FROM', () => {
    const parsed = parseDockerfile('ARG PY=3.11\nFROM python:${PY}-slim AS app\n')
    expect(parsed.stages[0]).toMatchObject({
      rawImage: 'python:${PY}-slim',
      image: 'python:3.11-slim',
      tag: '3.11-slim',
      name: 'app',
    })
  })

  it('recognises FROM <earlier stage>, a COPY --from image, heredocs, remote ADD and cache mounts', () => {
    const parsed = parseDockerfile(`FROM golang:1.22 AS build
RUN --mount=type=cache,target=/go/pkg/mod go mod download
FROM build AS test
COPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/
COPY <<EOF /etc/motd
hello
EOF
ADD https://example.com/tool.tgz /opt/
`)
    expect(parsed.errors).toEqual([])
    expect(parsed.stages[1]?.baseStage).toBe(0)
    expect(findInstruction(parsed, 's0-i1')?.run).toEqual({
      command: 'go mod download',
      cacheMount: true,
    })
    expect(findInstruction(parsed, 's1-i1')?.copy).toMatchObject({
      fromImage: 'nginx:1.27',
      fromStage: null,
    })
    expect(findInstruction(parsed, 's1-i2')?.copy).toMatchObject({ heredoc: true, sources: [] })
    expect(findInstruction(parsed, 's1-i3')?.copy).toMatchObject({ remote: true })
  })

  it('treats stage names case-insensitively, as Docker does', () => {
    const parsed = parseDockerfile(
      'FROM alpine AS Builder\nFROM alpine\nCOPY --from=BUILDER /a /a\n',
    )
    expect(parsed.errors).toEqual([])
    expect(parsed.stages[0]?.name).toBe('builder')
    expect(findInstruction(parsed, 's1-i1')?.copy?.fromStage).toBe(0)
  })

  it('accepts lower-case keywords and reports them upper-cased', () => {
    const parsed = parseDockerfile('from alpine\nrun echo hi\n')
    expect(parsed.errors).toEqual([])
    expect(parsed.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN'])
  })
})

describe('parseDockerfile: problems for authors, with line numbers', () => {
  it('an empty file', () => {
    expect(parseDockerfile('').errors).toEqual([
      {
        line: 1,
        message:
          'The Dockerfile is empty: it needs at least a FROM line, e.g. FROM python:3.11-slim.',
      },
    ])
    expect(parseDockerfile('# only a comment\n\n').errors).toHaveLength(1)
  })

  it('no FROM at all', () => {
    expect(parseDockerfile('\n\nRUN echo hi\nCOPY . .\n').errors).toEqual([
      {
        line: 3,
        message:
          'There is no FROM instruction: every build starts FROM a base image, e.g. FROM python:3.11-slim.',
      },
    ])
  })

  it('an instruction before the first FROM', () => {
    expect(parseDockerfile('ARG X=1\nRUN echo hi\nFROM alpine\n').errors).toEqual([
      { line: 2, message: 'RUN comes before the first FROM; only ARG may appear before FROM.' },
    ])
  })

  it('an unknown instruction', () => {
    expect(parseDockerfile('FROM alpine\n\nCOPPY . .\n').errors).toEqual([
      { line: 3, message: 'COPPY is not a Dockerfile instruction.' },
    ])
  })

  it('COPY --from a stage that does not exist', () => {
    const errors = parseDockerfile(
      'FROM node:20 AS build\nRUN echo\nFROM node:20\nCOPY --from=biuld /app /app\n',
    ).errors
    expect(errors).toEqual([
      {
        line: 4,
        message:
          'COPY --from=biuld refers to an unknown stage (stages: build). To copy from an image, include its tag, e.g. --from=biuld:latest.',
      },
    ])
  })

  it('COPY --from a stage number out of range, or its own stage', () => {
    const errors = parseDockerfile(
      'FROM alpine AS a\nCOPY --from=5 /x /x\nCOPY --from=a /y /y\n',
    ).errors
    expect(errors.map((e) => e.line)).toEqual([2, 3])
    expect(errors[0]?.message).toContain('the Dockerfile has 1 stage')
    expect(errors[1]?.message).toContain('copies from its own stage')
  })

  it('stages that copy from each other in a circle', () => {
    const errors = parseDockerfile(
      'FROM alpine AS a\nCOPY --from=b /x /x\nFROM alpine AS b\nCOPY --from=a /y /y\n',
    ).errors
    expect(errors).toEqual([
      {
        line: 1,
        message:
          'Stages a → b → a depend on each other in a circle, so none of them can be built first.',
      },
    ])
  })

  it('malformed instructions', () => {
    const errors = parseDockerfile(
      'FROM\nFROM alpine AS x\nFROM alpine AS x\nCOPY onlyone\nENV NAME\nRUN\nWORKDIR\n',
    ).errors
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [1, 'FROM needs a base image, e.g. FROM node:20-alpine.'],
      [3, 'The stage name "x" is already used on line 2; stage names must be unique.'],
      [4, 'COPY needs at least one source and a destination.'],
      [5, 'ENV NAME needs a value, e.g. ENV NAME=value.'],
      [6, 'RUN needs a command to run.'],
      [7, 'WORKDIR needs a directory, e.g. WORKDIR /app.'],
    ])
  })

  it('never throws on odd input', () => {
    const odd = [
      '\u0000\u0001',
      'FROM alpine\nRUN <<EOF\nunterminated',
      'FROM alpine\nCOPY [not json\n',
      '\\\n\\\n',
      'FROM alpine\nRUN echo \\',
      '# escape=`\nFROM alpine\nRUN echo `\n  hi\n',
      undefined as unknown as string,
    ]
    for (const source of odd) expect(() => parseDockerfile(source)).not.toThrow()
  })
})

describe('helpers', () => {
  it('splits image references, leaving registry ports alone', () => {
    expect(splitImageReference('python:3.11-slim')).toEqual({
      name: 'python',
      tag: '3.11-slim',
      digest: null,
    })
    expect(splitImageReference('localhost:5000/team/api')).toEqual({
      name: 'localhost:5000/team/api',
      tag: null,
      digest: null,
    })
    expect(splitImageReference('ghcr.io/acme/api:2@sha256:abc')).toEqual({
      name: 'ghcr.io/acme/api',
      tag: '2',
      digest: 'sha256:abc',
    })
  })

  it('substitutes variables the way Docker does', () => {
    const values: Record<string, string> = { A: 'x', EMPTY: '' }
    const lookup = (n: string) => values[n]
    expect(
      substituteVariables('$A-${A}-${MISSING:-dflt}-${A:+alt}-${EMPTY:-e}-$MISSING.', lookup),
    ).toBe('x-x-dflt-alt-e-.')
  })

  it('shortens long labels at a word boundary', () => {
    expect(
      makeLabel('RUN one two three four five six seven eight nine ten eleven twelve', 30),
    ).toBe('RUN one two three four five …')
    expect(makeLabel('COPY . .')).toBe('COPY . .')
  })

  it('writes a Dockerfile back out in its current order', () => {
    const source = 'ARG V=1\nFROM alpine AS a\nRUN echo $V\n\nFROM a\nCMD ["sh"]\n'
    expect(formatDockerfile(parseDockerfile(source))).toBe(source)
  })
})
