/**
 * Lesson page throughput and latency, anonymous and signed in, asked for as a
 * browser asks (Accept-Encoding: gzip, deflate, br) and uncompressed, against two
 * baselines serving the very same HTML bytes uncompressed: a bare Next.js app
 * whose one static route returns them (the budget's reference: what Next.js
 * itself costs for a static page), and a minimal node:http server (the floor).
 */
import { spawn } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { runLoad, type LoadResult } from './load'
import { startServer } from './server'

export const LESSON_CONNECTIONS = 50
/** What Chromium and Firefox send with every page request. */
export const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br'

export interface PrerenderedLesson {
  path: string
  htmlFile: string
  bytes: number
}

/** Every lesson page the build prerendered, largest HTML first. */
export function prerenderedLessons(root: string): PrerenderedLesson[] {
  const dir = path.join(root, '.next', 'server', 'app', 'courses')
  const found: PrerenderedLesson[] = []
  for (const course of readdirSync(dir, { withFileTypes: true })) {
    if (!course.isDirectory()) continue
    for (const file of readdirSync(path.join(dir, course.name))) {
      if (!file.endsWith('.html')) continue
      const htmlFile = path.join(dir, course.name, file)
      found.push({ path: `/courses/${course.name}/${file.slice(0, -'.html'.length)}`, htmlFile, bytes: statSync(htmlFile).size })
    }
  }
  if (found.length === 0) throw new Error(`No prerendered lesson pages in ${dir}: lesson pages are no longer static`)
  return found.sort((a, b) => b.bytes - a.bytes)
}

/**
 * A Next.js app with nothing but one static route returning `html`, built into
 * `dir`. It lives outside the repository (with a link to its node_modules) so
 * Next.js cannot pick up Drydock's own files such as instrumentation.ts, and is
 * built with webpack because Turbopack refuses a node_modules outside its root.
 * Both bundlers leave a static route as the same prerendered file, served the
 * same way.
 */
export async function buildNextBaseline(root: string, dir: string, html: string, log: (message: string) => void): Promise<void> {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(path.join(dir, 'app', 'lesson'), { recursive: true })
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir')
  writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n')
  writeFileSync(path.join(dir, 'next.config.mjs'), `export default { poweredByHeader: false }\n`)
  writeFileSync(
    path.join(dir, 'app', 'lesson', 'route.js'),
    `export const dynamic = 'force-static'\nconst html = ${JSON.stringify(html)}\n` +
      `export function GET() {\n  return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } })\n}\n`,
  )
  const started = performance.now()
  await new Promise<void>((resolve, reject) => {
    const child = spawn(path.join(root, 'node_modules', '.bin', 'next'), ['build', '--webpack'], {
      cwd: dir,
      env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += String(chunk)))
    child.stderr.on('data', (chunk) => (output += String(chunk)))
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build of the baseline failed:\n${output}`))))
  })
  log(`bare Next.js baseline built in ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

export interface LessonFigures {
  path: string
  htmlBytes: number
  /** The server sent the build's prerendered HTML, and the same bytes to a signed-in reader. */
  static: boolean
  /** The encoding a browser got. */
  browserEncoding: string
  /** Asked as a browser asks. */
  anonymous: LoadResult
  signedIn: LoadResult
  /** Asked without Accept-Encoding: the same bytes as the baselines send. */
  anonymousPlain: LoadResult
  signedInPlain: LoadResult
  nextBaseline: LoadResult
  nodeBaseline: LoadResult
}

export async function measureLesson(options: {
  root: string
  serverUrl: string
  lessonPath: string
  html: string
  sessionCookie: string
  nextBaselineDir: string
  nextBaselinePort: number
  nodeBaselinePort: number
  seconds: number
  logDir: string
  log: (message: string) => void
}): Promise<LessonFigures> {
  const { serverUrl, lessonPath, seconds, log } = options
  const url = `${serverUrl}${lessonPath}`
  const browser = { 'accept-encoding': BROWSER_ACCEPT_ENCODING }
  const anonymousResponse = await fetch(url, { headers: browser })
  const anonymousBody = await anonymousResponse.text()
  const signedInBody = await (await fetch(url, { headers: { ...browser, cookie: options.sessionCookie } })).text()
  const isStatic = anonymousResponse.status === 200 && anonymousBody === options.html && signedInBody === options.html

  const load = (target: string, headers?: Record<string, string>) =>
    runLoad({ url: target, connections: LESSON_CONNECTIONS, seconds, headers })

  await runLoad({ url, connections: LESSON_CONNECTIONS, seconds: 2, headers: browser })
  log(`lesson page ${lessonPath}, anonymous, as a browser asks`)
  const anonymous = await load(url, browser)
  log('lesson page, signed in, as a browser asks')
  const signedIn = await load(url, { ...browser, cookie: options.sessionCookie })
  log('lesson page, anonymous, uncompressed')
  const anonymousPlain = await load(url)
  log('lesson page, signed in, uncompressed')
  const signedInPlain = await load(url, { cookie: options.sessionCookie })

  log('bare Next.js static route with the same HTML')
  const next = await startServer({
    command: path.join(options.root, 'node_modules', '.bin', 'next'),
    args: ['start', '--port', String(options.nextBaselinePort), '--hostname', '127.0.0.1'],
    cwd: options.nextBaselineDir,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    port: options.nextBaselinePort,
    readyPath: '/lesson',
    logFile: path.join(options.logDir, 'next-baseline.log'),
  })
  let nextBaseline: LoadResult
  try {
    const baselineUrl = `${next.url}/lesson`
    const served = await (await fetch(baselineUrl)).text()
    if (served !== options.html) throw new Error('The bare Next.js baseline does not send the lesson bytes')
    await runLoad({ url: baselineUrl, connections: LESSON_CONNECTIONS, seconds: 2 })
    nextBaseline = await load(baselineUrl)
  } finally {
    await next.stop()
  }

  log('minimal node:http server with the same HTML')
  // In its own process: in this one it would share a thread with autocannon.
  const htmlFile = path.join(options.logDir, 'lesson.html')
  writeFileSync(htmlFile, options.html)
  const script =
    `const body = require('node:fs').readFileSync(${JSON.stringify(htmlFile)});` +
    `require('node:http').createServer((q, s) => { s.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length }); s.end(body) })` +
    `.listen(${options.nodeBaselinePort}, '127.0.0.1')`
  const plain = await startServer({
    command: process.execPath,
    args: ['-e', script],
    cwd: options.root,
    env: process.env,
    port: options.nodeBaselinePort,
    readyPath: '/',
    logFile: path.join(options.logDir, 'node-baseline.log'),
  })
  let nodeBaseline: LoadResult
  try {
    nodeBaseline = await load(`${plain.url}/`)
  } finally {
    await plain.stop()
  }

  return {
    path: lessonPath,
    htmlBytes: Buffer.byteLength(anonymousBody),
    static: isStatic,
    browserEncoding: anonymousResponse.headers.get('content-encoding') ?? 'none',
    anonymous,
    signedIn,
    anonymousPlain,
    signedInPlain,
    nextBaseline,
    nodeBaseline,
  }
}
