import { describe, expect, it } from 'vitest'
import { defaultContext } from './context'
import {
  applyEdit,
  bumpVersion,
  describeEdits,
  initialWorld,
  insertPackage,
  nextValue,
} from './edits'
import { MULTI_STAGE_NODE, NAIVE_PYTHON } from './examples'
import { parseDockerfile } from './parse'

describe('applyEdit', () => {
  const parsed = parseDockerfile(NAIVE_PYTHON)
  const world = initialWorld(defaultContext(parsed))

  it('a source edit bumps the source file and leaves the world it was given alone', () => {
    const { world: next, edit } = applyEdit(parsed, world, 'source')
    expect(next.context.files['src/app.py']).toBe(2)
    expect(world.context.files['src/app.py']).toBe(1)
    expect(edit).toEqual({
      kind: 'source',
      applied: true,
      summary: 'Edited src/app.py (app source).',
      changedFiles: ['src/app.py'],
      ignoredFiles: [],
      changedInstructions: [],
    })
  })

  it('an ignored-file edit says whether .dockerignore covers the file', () => {
    expect(applyEdit(parsed, world, 'ignored-file').edit.summary).toBe(
      'Edited README.md, which .dockerignore excludes from the build context.',
    )
    const bare = initialWorld(defaultContext(parsed, { dockerignore: null }))
    expect(applyEdit(parsed, bare, 'ignored-file').edit).toMatchObject({
      summary: 'Edited README.md. There is no .dockerignore, so it is part of the build context.',
      ignoredFiles: [],
    })
  })

  it('an edit the Dockerfile offers nothing for is marked as not applied', () => {
    expect(applyEdit(parsed, world, 'env').edit).toMatchObject({
      applied: false,
      summary: 'This Dockerfile has no ENV instruction.',
    })
    expect(applyEdit(parsed, world, { kind: 'arg', name: 'NOPE' }).edit.applied).toBe(false)
  })
})

describe('describeEdits', () => {
  it('lists every edit with what it would do to this Dockerfile', () => {
    const parsed = parseDockerfile(MULTI_STAGE_NODE)
    expect(describeEdits(parsed, defaultContext(parsed))).toEqual([
      { kind: 'source', available: true, description: 'Edit src/index.js (app source).' },
      {
        kind: 'manifest',
        available: true,
        description: 'Added a dependency: package.json and package-lock.json changed.',
      },
      {
        kind: 'base-tag',
        available: true,
        description: 'Changed the base image node:20-alpine → node:21-alpine in 2 stages.',
      },
      {
        kind: 'system-package',
        available: false,
        description: 'No RUN instruction installs system packages (apt-get, apk, yum, dnf).',
      },
      {
        kind: 'env',
        available: true,
        description: 'Changed ENV NODE_ENV: production → production-2 (line 10).',
      },
      { kind: 'arg', available: false, description: 'This Dockerfile has no ARG instruction.' },
      {
        kind: 'ignored-file',
        available: true,
        description: 'Edit README.md, which .dockerignore excludes.',
      },
      { kind: 'none', available: true, description: 'Rebuild without changing anything.' },
    ])
  })
})

describe('text edits', () => {
  it('bumps the version inside a tag', () => {
    expect(bumpVersion('3.11-slim')).toBe('3.12-slim')
    expect(bumpVersion('20-alpine')).toBe('21-alpine')
    expect(bumpVersion('1.22-alpine3.19')).toBe('1.23-alpine3.19')
    expect(bumpVersion('latest')).toBeNull()
  })

  it('adds a package at the end of the install list, keeping continuation lines', () => {
    expect(
      insertPackage(
        'RUN apt-get update && apt-get install -y gcc && rm -rf /var/lib/apt/lists/*',
        'curl',
      ),
    ).toBe('RUN apt-get update && apt-get install -y gcc curl && rm -rf /var/lib/apt/lists/*')
    expect(
      insertPackage(
        'RUN apt-get install -y \\\n    gcc \\\n    libpq-dev \\\n    && rm -rf /x',
        'jq',
      ),
    ).toBe('RUN apt-get install -y \\\n    gcc \\\n    libpq-dev jq \\\n    && rm -rf /x')
    expect(insertPackage('RUN apk add --no-cache git', 'curl')).toBe(
      'RUN apk add --no-cache git curl',
    )
  })

  it('picks a next value for ENV and ARG edits', () => {
    expect(nextValue('1.0.0')).toBe('1.0.1')
    expect(nextValue('production')).toBe('production-2')
    expect(nextValue('production-2')).toBe('production-3')
    expect(nextValue('')).toBe('1')
  })
})
