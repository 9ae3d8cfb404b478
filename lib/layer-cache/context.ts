import type { ParsedDockerfile, ParsedInstruction } from './parse'

/**
 * The build context: the files `docker build .` sends to the builder. Each
 * file carries a content version; an edit bumps a version, and a COPY whose
 * sources match that file (and .dockerignore lets it through) sees the change.
 *
 * The Dockerfile itself is left out on purpose. In a real build, reordering
 * its lines changes a file that `COPY . .` copies unless .dockerignore lists
 * it, which would blur the lesson about instruction order.
 */
export interface BuildContext {
  /** Path (relative to the context root, `/`-separated) → content version. */
  files: Record<string, number>
  /** Approximate size of each file in KB; files not listed count as 4 KB. */
  sizesKb?: Record<string, number>
  /** Lines of .dockerignore, or null when the project has no .dockerignore. */
  dockerignore: string[] | null
  /** The file a `source` edit changes. */
  sourceFile: string
  /** The files a `manifest` edit changes together (adding a dependency updates the lock file too). */
  manifestFiles: string[]
  /** The file an `ignored-file` edit changes: one .dockerignore normally keeps out, such as README.md. */
  ignoredFile: string
}

export type Ecosystem = 'node' | 'python' | 'go' | 'ruby' | 'generic'

const DEFAULT_FILE_KB = 4

/** The .dockerignore a tidy project has: version control, local dependencies, secrets, docs, tests. */
export const DEFAULT_DOCKERIGNORE: readonly string[] = [
  '.git',
  '.env',
  '*.md',
  '**/__pycache__',
  '.venv',
  'node_modules',
  'tests',
  'Dockerfile',
  '.dockerignore',
]

interface EcosystemFiles {
  manifests: string[]
  source: { file: string; kb: number }[]
  extra: Record<string, number>
}

// Sizes are rough but in proportion: .git and local dependency folders dwarf
// the code, which is why copying them without a .dockerignore is slow.
const ECOSYSTEMS: Record<Ecosystem, EcosystemFiles> = {
  node: {
    manifests: ['package.json', 'package-lock.json'],
    source: [
      { file: 'src/index.js', kb: 8 },
      { file: 'src/routes.js', kb: 12 },
    ],
    extra: {
      'package.json': 2,
      'package-lock.json': 300,
      'tests/app.test.js': 6,
      'node_modules/.package-lock.json': 200_000,
    },
  },
  python: {
    manifests: ['requirements.txt'],
    source: [
      { file: 'src/app.py', kb: 12 },
      { file: 'src/models.py', kb: 6 },
    ],
    extra: {
      'requirements.txt': 2,
      'tests/test_app.py': 6,
      'src/__pycache__/app.cpython-311.pyc': 30,
      '.venv/lib/site-packages.bundle': 120_000,
    },
  },
  go: {
    manifests: ['go.mod', 'go.sum'],
    source: [
      { file: 'main.go', kb: 6 },
      { file: 'internal/server/server.go', kb: 14 },
    ],
    extra: { 'go.mod': 1, 'go.sum': 40, 'tests/server_test.go': 6 },
  },
  ruby: {
    manifests: ['Gemfile', 'Gemfile.lock'],
    source: [
      { file: 'app/main.rb', kb: 8 },
      { file: 'config.ru', kb: 1 },
    ],
    extra: { Gemfile: 1, 'Gemfile.lock': 20, 'tests/main_test.rb': 6 },
  },
  generic: {
    manifests: [],
    source: [{ file: 'src/main.sh', kb: 4 }],
    extra: { 'tests/main_test.sh': 2 },
  },
}

const COMMON_FILES: Record<string, number> = {
  'README.md': 4,
  '.git/HEAD': 1,
  '.git/objects/pack/pack-1.pack': 50_000,
  '.env': 1,
}

/** Files that name a project's dependencies; recognised in COPY sources and install commands. */
export const MANIFEST_FILES: readonly string[] = [
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'requirements.txt',
  'pyproject.toml',
  'poetry.lock',
  'Pipfile',
  'Pipfile.lock',
  'uv.lock',
  'setup.py',
  'setup.cfg',
  'go.mod',
  'go.sum',
  'Gemfile',
  'Gemfile.lock',
  'composer.json',
  'composer.lock',
  'Cargo.toml',
  'Cargo.lock',
  'pom.xml',
  'build.gradle',
]

// Names without a dot that are files, not directories.
const DOTLESS_FILES = new Set([
  'Makefile',
  'Dockerfile',
  'Gemfile',
  'Procfile',
  'Pipfile',
  'LICENSE',
  'Rakefile',
])

export function isManifestPath(path: string): boolean {
  const base = path.split('/').pop() ?? path
  return MANIFEST_FILES.includes(base) || /^requirements[\w.-]*\.txt$/.test(base)
}

/** Guesses the project's language from what the Dockerfile installs and copies. */
export function detectEcosystem(parsed: ParsedDockerfile): Ecosystem {
  const all = parsed.instructions.map((i) => i.text).join('\n')
  const images = parsed.stages.map((s) => s.imageName).join(' ')
  if (/\b(npm|yarn|pnpm|bun)\b|package(-lock)?\.json|\bnode\b/.test(all) || /\bnode\b/.test(images))
    return 'node'
  if (
    /\bpip3?\b|requirements[\w.-]*\.txt|\bpoetry\b|\bpipenv\b|\buv\b|pyproject\.toml|\bpython/.test(
      all,
    ) ||
    /python/.test(images)
  )
    return 'python'
  if (/\bgo (mod|build)\b|go\.mod|golang/.test(all) || /golang/.test(images)) return 'go'
  if (/\bbundle\b|Gemfile|\bruby\b/.test(all) || /ruby/.test(images)) return 'ruby'
  return 'generic'
}

/**
 * A typical project for this Dockerfile: the ecosystem's manifests and source,
 * every plain file the Dockerfile names in a COPY, README, .git, local
 * dependencies and tests, with the default .dockerignore.
 */
export function defaultContext(
  parsed: ParsedDockerfile,
  options: { dockerignore?: string[] | null } = {},
): BuildContext {
  const ecosystem = detectEcosystem(parsed)
  const kit = ECOSYSTEMS[ecosystem]
  const files: Record<string, number> = {}
  const sizesKb: Record<string, number> = {}
  const add = (path: string, kb: number): void => {
    if (files[path] !== undefined) return
    files[path] = 1
    sizesKb[path] = kb
  }
  for (const [path, kb] of Object.entries(COMMON_FILES)) add(path, kb)
  for (const [path, kb] of Object.entries(kit.extra)) add(path, kb)

  // Named COPY sources in the author's order, so the first named source folder
  // is where the app code lives.
  const copies = [...parsed.instructions]
    .sort((a, b) => a.line - b.line)
    .filter((i): i is ParsedInstruction & { copy: NonNullable<ParsedInstruction['copy']> } =>
      Boolean(i.copy && i.copy.from === null && !i.copy.heredoc && !i.copy.remote),
    )
  const sourceName = kit.source[0]?.file.split('/').pop() ?? 'main'
  let sourceDir: string | null = null
  const namedManifests: string[] = []
  for (const ins of copies) {
    for (const raw of ins.copy.sources) {
      const path = cleanPath(raw)
      if (path === '' || /[*?[]/.test(path) || path.includes('$')) continue
      const base = path.split('/').pop() ?? path
      const looksLikeDir = raw.endsWith('/') || (!base.includes('.') && !DOTLESS_FILES.has(base))
      if (looksLikeDir) {
        if (sourceDir === null) sourceDir = path
        add(`${path}/${sourceName}`, 8)
      } else {
        add(path, isManifestPath(path) ? 2 : 4)
        if (isManifestPath(path)) namedManifests.push(path)
      }
    }
  }
  let sourceFile: string
  if (sourceDir !== null) {
    sourceFile = `${sourceDir}/${sourceName}`
  } else {
    for (const s of kit.source) add(s.file, s.kb)
    sourceFile = kit.source[0]?.file ?? 'src/main'
  }

  // A manifest edit touches the manifest the Dockerfile actually copies and, as
  // a package manager would, its lock file.
  const manifestFiles =
    namedManifests.length > 0 ? lockCompanions(namedManifests, files) : kit.manifests
  for (const m of manifestFiles) add(m, 2)

  return {
    files,
    sizesKb,
    dockerignore:
      options.dockerignore === undefined ? [...DEFAULT_DOCKERIGNORE] : options.dockerignore,
    sourceFile,
    manifestFiles,
    ignoredFile: 'README.md',
  }
}

function lockCompanions(named: string[], files: Record<string, number>): string[] {
  const pairs: Record<string, string> = {
    'package.json': 'package-lock.json',
    'go.mod': 'go.sum',
    Gemfile: 'Gemfile.lock',
    'pyproject.toml': 'poetry.lock',
    'composer.json': 'composer.lock',
    'Cargo.toml': 'Cargo.lock',
    Pipfile: 'Pipfile.lock',
  }
  const result = new Set(named)
  for (const n of named) {
    const companion = pairs[n]
    if (companion && files[companion] !== undefined) result.add(companion)
  }
  return [...result]
}

/** Normalises a path the way Docker does before matching: no leading `./` or `/`, no trailing `/`. */
export function cleanPath(path: string): string {
  let p = path.trim().replace(/\\/g, '/')
  while (p.startsWith('./')) p = p.slice(2)
  p = p.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\/+/g, '/')
  return p === '.' ? '' : p
}

/**
 * Docker-style glob to regular expression: `*` and `?` stay within one path
 * segment, `**` spans any number of them. Patterns are anchored at the
 * context root, unlike .gitignore: `*.md` matches README.md but not docs/a.md.
 */
export function globToRegExp(pattern: string): RegExp {
  let out = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        const slash = pattern[i + 2] === '/'
        out += slash ? '(?:.*/)?' : '.*'
        i += slash ? 2 : 1
      } else {
        out += '[^/]*'
      }
    } else if (c === '?') {
      out += '[^/]'
    } else if (c === '[') {
      const close = pattern.indexOf(']', i + 1)
      if (close > i) {
        out += `[${pattern
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`
        i = close
      } else {
        out += '\\['
      }
    } else {
      out += c.replace(/[.+^${}()|\\]/g, '\\$&')
    }
  }
  return new RegExp(`^${out}$`)
}

/** True if the pattern matches the path or one of its parent folders (a folder pattern covers its contents). */
function matchesPathOrParent(regex: RegExp, path: string): boolean {
  if (regex.test(path)) return true
  const parts = path.split('/')
  for (let n = parts.length - 1; n > 0; n--) {
    if (regex.test(parts.slice(0, n).join('/'))) return true
  }
  return false
}

/** Whether .dockerignore keeps this path out of the context. The last matching line wins, so `!` lines re-include. */
export function isIgnored(path: string, dockerignore: readonly string[] | null): boolean {
  if (!dockerignore) return false
  const target = cleanPath(path)
  let ignored = false
  for (const line of dockerignore) {
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('#')) continue
    const negate = trimmed.startsWith('!')
    const pattern = cleanPath(negate ? trimmed.slice(1) : trimmed)
    if (pattern === '') continue
    if (matchesPathOrParent(globToRegExp(pattern), target)) ignored = !negate
  }
  return ignored
}

/** Files a COPY source list reaches, before .dockerignore. */
export function matchSources(sources: readonly string[], files: Record<string, number>): string[] {
  const paths = Object.keys(files)
  const matched = new Set<string>()
  for (const raw of sources) {
    const source = cleanPath(raw)
    if (source === '' || source === '*') {
      paths.forEach((p) => matched.add(p))
      continue
    }
    const regex = globToRegExp(source)
    for (const p of paths) if (matchesPathOrParent(regex, p)) matched.add(p)
  }
  return [...matched].sort()
}

export interface CopiedFiles {
  /** Files the COPY takes from the context, with their versions. */
  visible: Record<string, number>
  /** Files its sources match that .dockerignore keeps out. */
  ignored: string[]
  sizeKb: number
}

/** What a COPY from the build context actually copies. */
export function copiedFiles(sources: readonly string[], context: BuildContext): CopiedFiles {
  const visible: Record<string, number> = {}
  const ignored: string[] = []
  let sizeKb = 0
  for (const path of matchSources(sources, context.files)) {
    if (isIgnored(path, context.dockerignore)) {
      ignored.push(path)
      continue
    }
    visible[path] = context.files[path] ?? 0
    sizeKb += context.sizesKb?.[path] ?? DEFAULT_FILE_KB
  }
  return { visible, ignored, sizeKb }
}

/** Fills the gaps in an author's partial context with defaults for this Dockerfile. */
export function completeContext(
  parsed: ParsedDockerfile,
  partial: Partial<BuildContext> | undefined,
): BuildContext {
  const base = defaultContext(parsed)
  if (!partial) return base
  const files = partial.files ?? base.files
  const pick = <T>(value: T | undefined, fallback: T): T => (value === undefined ? fallback : value)
  const firstExisting = (candidates: string[]): string | undefined =>
    candidates.find((c) => files[c] !== undefined)
  return {
    files: { ...files },
    sizesKb: { ...(partial.files ? {} : base.sizesKb), ...(partial.sizesKb ?? {}) },
    dockerignore: pick(partial.dockerignore, base.dockerignore),
    sourceFile:
      partial.sourceFile ??
      (files[base.sourceFile] !== undefined
        ? base.sourceFile
        : (firstExisting(
            Object.keys(files).filter(
              (f) => !isManifestPath(f) && !isIgnored(f, DEFAULT_DOCKERIGNORE),
            ),
          ) ?? base.sourceFile)),
    manifestFiles:
      partial.manifestFiles ??
      (base.manifestFiles.some((m) => files[m] !== undefined)
        ? base.manifestFiles.filter((m) => files[m] !== undefined)
        : Object.keys(files).filter((f) => isManifestPath(f))),
    ignoredFile: partial.ignoredFile ?? base.ignoredFile,
  }
}
