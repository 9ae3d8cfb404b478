import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { expect } from '../fixtures'

/**
 * What e2e/authorization.spec.ts checks its table against: every page, route handler method and server action
 * in the source tree, the form fields each action reads, and the action ids of the build the e2e server runs.
 */

const ROOT = process.cwd()
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

function walk(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory())
      return entry.name === 'node_modules' || entry.name === 'generated' ? [] : walk(full)
    return [full]
  })
}

/** `app/(auth)/account` → `/account`: route groups and parallel-route slots are not part of the URL. */
function urlPattern(appDir: string): string {
  const segments = appDir
    .split('/')
    .filter((segment) => segment && !/^\(.*\)$/.test(segment) && !segment.startsWith('@'))
  return `/${segments.join('/')}`
}

/** Every page, route handler method and server action, keyed as in the tables. */
export function discoverRoutes(): string[] {
  const keys: string[] = []
  for (const file of walk(path.join(ROOT, 'app'))) {
    const relative = path.relative(path.join(ROOT, 'app'), file).split(path.sep).join('/')
    const page = /^(?:(.*)\/)?page\.(?:tsx|ts|jsx|js|mdx)$/.exec(relative)
    if (page) keys.push(`page ${urlPattern(page[1] ?? '')}`)
    const route = /^(?:(.*)\/)?route\.(?:ts|js)$/.exec(relative)
    if (route) {
      for (const method of exportedMethods(readFileSync(file, 'utf8')))
        keys.push(`${method} ${urlPattern(route[1] ?? '')}`)
    }
  }
  for (const file of ['app', 'lib', 'components'].flatMap((dir) => walk(path.join(ROOT, dir)))) {
    if (!/\.(?:ts|tsx|js|jsx)$/.test(file) || /\.test\.tsx?$/.test(file)) continue
    const source = readFileSync(file, 'utf8')
    if (!startsWithUseServer(source)) continue
    const relative = path.relative(ROOT, file).split(path.sep).join('/')
    for (const name of exportedAsyncFunctions(source)) keys.push(`action ${relative}#${name}`)
  }
  return keys.sort()
}

function exportedMethods(source: string): string[] {
  const names = new Set<string>()
  for (const match of source.matchAll(
    /export\s+(?:const|let|var|(?:async\s+)?function)\s+([A-Z]+)\b/g,
  ))
    names.add(match[1] ?? '')
  for (const match of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of (match[1] ?? '').split(','))
      names.add(
        part
          .trim()
          .split(/\s+as\s+/)
          .pop()
          ?.trim() ?? '',
      )
  }
  return [...names].filter((name) => HTTP_METHODS.includes(name)).sort()
}

/** Whether the file's first statement is the 'use server' directive (comments may come before it). */
function startsWithUseServer(source: string): boolean {
  const body = source.replace(/^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/, '')
  return /^(['"])use server\1/.test(body)
}

function exportedAsyncFunctions(source: string): string[] {
  const names = [
    ...[...source.matchAll(/export\s+async\s+function\s*\*?\s*(\w+)/g)].map(
      (match) => match[1] ?? '',
    ),
    ...[...source.matchAll(/export\s+const\s+(\w+)\s*(?::[^=]+)?=\s*async\b/g)].map(
      (match) => match[1] ?? '',
    ),
    ...(/export\s+default\s+async\s+function/.test(source) ? ['default'] : []),
  ]
  return [...new Set(names)]
}

/** The form fields an action reads: `formData.get('x')` and `readFormFields(formData, ['x', …])`. */
export function formFieldsReadBy(key: string): string[] {
  const [file = '', name = ''] = key.replace(/^action /, '').split('#')
  const source = readFileSync(path.join(ROOT, file), 'utf8')
  const start = source.search(new RegExp(`export\\s+(?:async\\s+)?function\\s+${name}\\b`))
  expect(start, `${key}: the function is not in ${file}`).toBeGreaterThanOrEqual(0)
  const rest = source.slice(start + 1)
  const end = rest.search(/\nexport\s/)
  const body = end < 0 ? rest : rest.slice(0, end)
  const fields = [...body.matchAll(/formData\.get(?:All)?\(\s*['"]([^'"]+)['"]/g)].map(
    (match) => match[1] ?? '',
  )
  for (const list of body.matchAll(/readFormFields\(\s*formData\s*,\s*\[([^\]]*)\]/g)) {
    fields.push(
      ...[...(list[1] ?? '').matchAll(/['"]([^'"]+)['"]/g)].map((match) => match[1] ?? ''),
    )
  }
  return fields
}

let built: Map<string, { id: string; pages: string[] }> | undefined

/**
 * The server actions of the build the e2e server runs (it rebuilds before the tests when sources
 * changed, and ids change with every build): key → id and the pages (as URL patterns) whose bundles hold it.
 */
export function builtActions(): Map<string, { id: string; pages: string[] }> {
  if (built) return built
  const file = [
    path.join(ROOT, '.next/server/server-reference-manifest.json'),
    path.join(ROOT, '.next/standalone/.next/server/server-reference-manifest.json'),
  ].find((candidate) => existsSync(candidate))
  expect(
    file,
    'No .next/server/server-reference-manifest.json: run `npm run build` (the e2e server builds when sources change)',
  ).toBeDefined()
  const manifest = JSON.parse(readFileSync(file ?? '', 'utf8')) as {
    node: Record<
      string,
      { workers: Record<string, unknown>; filename?: string; exportedName?: string }
    >
  }
  const actions = new Map<string, { id: string; pages: string[] }>()
  for (const [id, entry] of Object.entries(manifest.node)) {
    const pages = Object.keys(entry.workers).map((worker) =>
      urlPattern(worker.replace(/^app\//, '').replace(/\/?page$/, '')),
    )
    actions.set(`action ${entry.filename}#${entry.exportedName}`, { id, pages })
  }
  built = actions
  return actions
}

export function patternMatches(pattern: string, pathname: string): boolean {
  const source = pattern
    .split('/')
    .map((segment) =>
      /^\[\.\.\..+\]$/.test(segment)
        ? '.+'
        : /^\[.+\]$/.test(segment)
          ? '[^/]+'
          : segment.replace(/[.*+?^${}()|\\]/g, '\\$&'),
    )
    .join('/')
  return new RegExp(`^${source}$`).test(pathname)
}
