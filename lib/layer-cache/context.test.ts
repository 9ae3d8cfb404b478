import { describe, expect, it } from 'vitest'
import {
  completeContext,
  copiedFiles,
  defaultContext,
  detectEcosystem,
  isIgnored,
  matchSources,
} from './context'
import { MULTI_STAGE_NODE, NAIVE_PYTHON } from './examples'
import { parseDockerfile } from './parse'

describe('.dockerignore matching', () => {
  const ignore = [
    '.git',
    '*.md',
    '!CHANGELOG.md',
    '**/__pycache__',
    'tests/',
    '/secrets',
    '# a comment',
    '',
  ]

  it('excludes folders with everything in them', () => {
    expect(isIgnored('.git/objects/pack/pack-1.pack', ignore)).toBe(true)
    expect(isIgnored('tests/test_app.py', ignore)).toBe(true)
    expect(isIgnored('secrets/key.pem', ignore)).toBe(true)
  })

  it('anchors patterns at the context root, unlike .gitignore', () => {
    expect(isIgnored('README.md', ignore)).toBe(true)
    expect(isIgnored('docs/guide.md', ignore)).toBe(false)
  })

  it('matches ** across folders', () => {
    expect(isIgnored('src/__pycache__/app.cpython-311.pyc', ignore)).toBe(true)
    expect(isIgnored('__pycache__/x.pyc', ignore)).toBe(true)
  })

  it('lets a later ! line bring a file back', () => {
    expect(isIgnored('CHANGELOG.md', ignore)).toBe(false)
  })

  it('ignores nothing when there is no .dockerignore', () => {
    expect(isIgnored('.git/HEAD', null)).toBe(false)
  })

  it('keeps ordinary source files', () => {
    expect(isIgnored('src/app.py', ignore)).toBe(false)
    expect(isIgnored('requirements.txt', ignore)).toBe(false)
  })
})

describe('COPY source matching', () => {
  const files = {
    'package.json': 1,
    'package-lock.json': 1,
    'src/index.js': 1,
    'src/lib/util.js': 1,
    'README.md': 1,
  }

  it('`.` matches the whole context', () => {
    expect(matchSources(['.'], files)).toHaveLength(5)
    expect(matchSources(['./'], files)).toHaveLength(5)
  })

  it('a folder matches everything inside it', () => {
    expect(matchSources(['src/'], files)).toEqual(['src/index.js', 'src/lib/util.js'])
    expect(matchSources(['./src'], files)).toEqual(['src/index.js', 'src/lib/util.js'])
  })

  it('globs match within one folder level', () => {
    expect(matchSources(['package*.json'], files)).toEqual(['package-lock.json', 'package.json'])
    expect(matchSources(['*.js'], files)).toEqual([])
  })

  it('applies .dockerignore and adds up size', () => {
    const copied = copiedFiles(['.'], {
      files,
      sizesKb: { 'src/index.js': 2048 },
      dockerignore: ['*.md'],
      sourceFile: 'src/index.js',
      manifestFiles: ['package.json'],
      ignoredFile: 'README.md',
    })
    expect(Object.keys(copied.visible)).toEqual([
      'package-lock.json',
      'package.json',
      'src/index.js',
      'src/lib/util.js',
    ])
    expect(copied.ignored).toEqual(['README.md'])
    expect(copied.sizeKb).toBe(2048 + 4 * 3)
  })
})

describe('default build context', () => {
  it('gives a Python project its manifest, source, and the clutter .dockerignore is for', () => {
    const context = defaultContext(parseDockerfile(NAIVE_PYTHON))
    expect(Object.keys(context.files)).toEqual(
      expect.arrayContaining([
        'requirements.txt',
        'src/app.py',
        'README.md',
        '.git/HEAD',
        '.venv/lib/site-packages.bundle',
        'tests/test_app.py',
      ]),
    )
    expect(context.sourceFile).toBe('src/app.py')
    expect(context.manifestFiles).toEqual(['requirements.txt'])
    expect(context.ignoredFile).toBe('README.md')
    expect(isIgnored(context.ignoredFile, context.dockerignore)).toBe(true)
    expect(isIgnored(context.sourceFile, context.dockerignore)).toBe(false)
  })

  it('gives a Node project package.json with its lock file and node_modules', () => {
    const context = defaultContext(parseDockerfile(MULTI_STAGE_NODE))
    expect(context.manifestFiles).toEqual(['package.json', 'package-lock.json'])
    expect(context.files['node_modules/.package-lock.json']).toBe(1)
    expect(context.sourceFile).toBe('src/index.js')
  })

  it('puts the source where the Dockerfile copies it from', () => {
    const context = defaultContext(
      parseDockerfile(
        'FROM python:3.12-slim\nCOPY pyproject.toml .\nRUN pip install .\nCOPY app/ ./app/\n',
      ),
    )
    expect(context.sourceFile).toBe('app/app.py')
    expect(context.files['pyproject.toml']).toBe(1)
    expect(context.manifestFiles).toEqual(['pyproject.toml'])
  })

  it('recognises the ecosystem from what the Dockerfile installs', () => {
    expect(
      detectEcosystem(
        parseDockerfile('FROM golang:1.22\nCOPY go.mod go.sum ./\nRUN go mod download\n'),
      ),
    ).toBe('go')
    expect(
      detectEcosystem(
        parseDockerfile('FROM ruby:3.3\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\n'),
      ),
    ).toBe('ruby')
    expect(detectEcosystem(parseDockerfile('FROM alpine\nRUN echo hi\n'))).toBe('generic')
  })

  it('can leave .dockerignore out', () => {
    expect(
      defaultContext(parseDockerfile(NAIVE_PYTHON), { dockerignore: null }).dockerignore,
    ).toBeNull()
  })
})

describe('author-supplied contexts', () => {
  it('fill in roles an author left out from the files they gave', () => {
    const context = completeContext(parseDockerfile(NAIVE_PYTHON), {
      files: { 'requirements.txt': 1, 'api/main.py': 1, 'notes.md': 1 },
      dockerignore: ['*.md'],
      ignoredFile: 'notes.md',
    })
    expect(context.sourceFile).toBe('api/main.py')
    expect(context.manifestFiles).toEqual(['requirements.txt'])
    expect(context.dockerignore).toEqual(['*.md'])
  })
})
