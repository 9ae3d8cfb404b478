import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { brotliCompressSync, brotliDecompressSync, constants as zlib, gunzipSync, gzipSync } from 'node:zlib'
import { HSTS_VALUE, buildContentSecurityPolicy, inlineScriptHashes, isHttpsRequest } from './security-headers'

/**
 * Pages prerendered at build time (lessons, course pages, the catalogue) are the
 * same bytes for every reader until the next build. Next.js still runs its router,
 * the proxy and its response pipeline for each of them: it hashes the whole page
 * for an ETag and re-encodes it from a string on every request, and gzips it again
 * for every browser. This answers plain document requests for those pages from
 * memory instead, with gzip and Brotli prepared once at start, and with the very
 * headers the proxy and next.config.mjs give them. Anything else (client
 * navigations asking for the RSC payload, server actions, query strings, other
 * methods, pages rendered per request) is left to Next.js. See DECISIONS.md #23.
 */

export interface StaticHeader {
  key: string
  value: string
}

export interface PrerenderedPage {
  /** The HTML exactly as the build wrote it. */
  identity: Buffer
  gzip: Buffer
  brotli: Buffer
  etag: string
  scriptHashes: string[]
  /** next.config.mjs's headers() for this path, as the build recorded them. */
  headers: StaticHeader[]
}

interface PrerenderManifest {
  routes: Record<string, { initialRevalidateSeconds?: number | false; renderingMode?: string; routeType?: string }>
}

interface RouteRule {
  source?: string
  regex: string
  internal?: boolean
  has?: unknown[]
  missing?: unknown[]
  headers?: StaticHeader[]
}

interface RoutesManifest {
  basePath?: string
  headers?: RouteRule[]
  redirects?: RouteRule[]
  rewrites?: RouteRule[] | { beforeFiles?: RouteRule[]; afterFiles?: RouteRule[]; fallback?: RouteRule[] }
}

/**
 * The configured headers for `route`, or null when the configuration does
 * something to it that only Next.js can do: a redirect or rewrite matches it, or a
 * header rule depends on the request (has/missing conditions, parameters in values).
 */
function configuredHeaders(routes: RoutesManifest, route: string): StaticHeader[] | null {
  if (routes.basePath) return null
  const matches = (rule: RouteRule) => new RegExp(rule.regex).test(route)
  const rewrites = Array.isArray(routes.rewrites)
    ? routes.rewrites
    : [...(routes.rewrites?.beforeFiles ?? []), ...(routes.rewrites?.afterFiles ?? []), ...(routes.rewrites?.fallback ?? [])]
  if ([...rewrites, ...(routes.redirects ?? [])].some((rule) => !rule.internal && matches(rule))) return null
  const headers: StaticHeader[] = []
  for (const rule of routes.headers ?? []) {
    if (!matches(rule)) continue
    if (rule.has?.length || rule.missing?.length) return null
    const parameters = [...(rule.source ?? '').matchAll(/:([A-Za-z_]\w*)/g)].map((match) => match[1] as string)
    for (const header of rule.headers ?? []) {
      // A value naming one of the source's parameters (":path") is filled in per request.
      if (parameters.some((name) => header.value.includes(`:${name}`) || header.key.includes(`:${name}`))) return null
      headers.push(header)
    }
  }
  return headers
}

/** Next.js serves these itself (errors, with their own status), never as a plain page. */
const RESERVED = new Set(['/_not-found', '/_global-error'])

/** Headers a client navigation or a server action sends: those requests want something else than the HTML. */
const NEXT_REQUEST_HEADER = /^(rsc|next-[a-z-]+|x-nextjs-[a-z-]+|x-middleware-[a-z-]+|x-prerender-[a-z-]+|x-next-[a-z-]+)$/

/** The Vary Next.js itself sends with a prerendered page, so shared caches keep the same variants apart. */
export const PRERENDERED_VARY = 'rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding'
/** What Next.js sends for a page that never revalidates. */
export const PRERENDERED_CACHE_CONTROL = 's-maxage=31536000'

/** The pages worth answering in front of Next.js, with the files they live in. */
function prerenderedFiles(distDir: string): { route: string; base: string; headers: StaticHeader[] }[] {
  const manifestFile = path.join(distDir, 'prerender-manifest.json')
  if (!existsSync(manifestFile)) return []
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as PrerenderManifest
  const routesFile = path.join(distDir, 'routes-manifest.json')
  const routes = (existsSync(routesFile) ? JSON.parse(readFileSync(routesFile, 'utf8')) : {}) as RoutesManifest
  const appDir = path.join(distDir, 'server', 'app')
  const found: { route: string; base: string; headers: StaticHeader[] }[] = []
  for (const [route, entry] of Object.entries(manifest.routes)) {
    if (RESERVED.has(route) || entry.initialRevalidateSeconds !== false) continue
    if (entry.routeType !== undefined && entry.routeType !== 'page') continue
    const headers = configuredHeaders(routes, route)
    if (!headers) continue
    const base = path.join(appDir, route === '/' ? 'index' : route.slice(1))
    if (!existsSync(`${base}.html`)) continue
    if (existsSync(`${base}.meta`)) {
      const meta = JSON.parse(readFileSync(`${base}.meta`, 'utf8')) as { status?: number }
      if (meta.status !== undefined && meta.status !== 200) continue
    }
    found.push({ route, base, headers })
  }
  return found
}

const compressors = {
  br: (html: Buffer, best: boolean) =>
    brotliCompressSync(html, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: best ? 11 : 5, [zlib.BROTLI_PARAM_SIZE_HINT]: html.length },
    }),
  gz: (html: Buffer, best: boolean) => gzipSync(html, { level: best ? 9 : 6 }),
}
const decompressors = { br: brotliDecompressSync, gz: gunzipSync }

/**
 * Compresses every prerendered page as well as Brotli and gzip can, beside its
 * HTML (`<page>.html.br`, `<page>.html.gz`): slow, so done once at build time
 * rather than while the server starts. Returns how many pages it compressed.
 */
export function writeCompressedPages(distDir: string): number {
  const files = prerenderedFiles(distDir)
  for (const { base } of files) {
    const html = readFileSync(`${base}.html`)
    for (const kind of ['br', 'gz'] as const) writeFileSync(`${base}.html.${kind}`, compressors[kind](html, true))
  }
  return files.length
}

/** The build's compressed copy when it still holds exactly this HTML, else a quick compression now. */
function compressed(base: string, html: Buffer, kind: 'br' | 'gz'): Buffer {
  const file = `${base}.html.${kind}`
  if (existsSync(file)) {
    const prepared = readFileSync(file)
    try {
      if (decompressors[kind](prepared).equals(html)) return prepared
    } catch {
      // Damaged: compress again below.
    }
  }
  return compressors[kind](html, false)
}

/**
 * Every page the build prerendered for good (no revalidation) with a 200, read from
 * `<distDir>/prerender-manifest.json` and `<distDir>/server/app/<path>.html`, with
 * the compressed copies writeCompressedPages made.
 */
export function loadPrerenderedPages(distDir: string): Map<string, PrerenderedPage> {
  const pages = new Map<string, PrerenderedPage>()
  for (const { route, base, headers } of prerenderedFiles(distDir)) {
    const identity = readFileSync(`${base}.html`)
    pages.set(route, {
      identity,
      gzip: compressed(base, identity, 'gz'),
      brotli: compressed(base, identity, 'br'),
      etag: `W/"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`,
      scriptHashes: inlineScriptHashes(identity.toString('utf8')),
      headers,
    })
  }
  return pages
}

type Encoding = 'br' | 'gzip' | 'identity'

/** The best encoding the client accepts: Brotli, then gzip, else none. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity'
  const accepted = new Map<string, number>()
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...parameters] = part.split(';').map((piece) => piece.trim())
    if (!name) continue
    const q = parameters.find((parameter) => parameter.startsWith('q='))
    const quality = q ? Number(q.slice(2)) : 1
    accepted.set(name, Number.isFinite(quality) ? quality : 0)
  }
  const quality = (name: string) => accepted.get(name) ?? accepted.get('*') ?? 0
  if (quality('br') > 0) return 'br'
  if (quality('gzip') > 0) return 'gzip'
  return 'identity'
}

function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  if (ifNoneMatch.trim() === '*') return true
  const opaque = etag.replace(/^W\//, '')
  return ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === opaque)
}

const PLAIN_HTTP = new URL('http://localhost/')

export interface PrerenderedPageServer {
  pages: ReadonlyMap<string, PrerenderedPage>
  /** Answers the request and returns true when it is a plain request for a prerendered page; otherwise touches nothing. */
  serve(request: IncomingMessage, response: ServerResponse): boolean
}

export function createPrerenderedPageServer(options: {
  pages: ReadonlyMap<string, PrerenderedPage>
  /** The OAuth origins a sign-in form may post to (the proxy's form-action). */
  formActions: readonly string[]
}): PrerenderedPageServer {
  const { pages, formActions } = options
  const policies = new Map<string, string>()
  const policyFor = (route: string, page: PrerenderedPage, https: boolean) => {
    const key = `${https ? 's' : 'p'}${route}`
    let policy = policies.get(key)
    if (!policy) {
      policy = buildContentSecurityPolicy({ scriptHashes: page.scriptHashes, https, formActions })
      policies.set(key, policy)
    }
    return policy
  }

  function serve(request: IncomingMessage, response: ServerResponse): boolean {
    const method = request.method
    if (method !== 'GET' && method !== 'HEAD') return false
    // The map holds bare paths: a query string, a trailing slash or an encoded character misses it.
    const url = request.url ?? ''
    const page = pages.get(url)
    if (!page) return false
    for (const name of Object.keys(request.headers)) if (NEXT_REQUEST_HEADER.test(name)) return false

    // Node's own server speaks plain HTTP: HTTPS can only have reached a proxy in front of it.
    const https = isHttpsRequest(PLAIN_HTTP, new Headers({ 'x-forwarded-proto': String(request.headers['x-forwarded-proto'] ?? '') }))
    for (const { key, value } of page.headers) response.setHeader(key, value)
    response.setHeader('Content-Security-Policy', policyFor(url, page, https))
    if (https) response.setHeader('Strict-Transport-Security', HSTS_VALUE)
    response.setHeader('Vary', PRERENDERED_VARY)
    response.setHeader('Cache-Control', PRERENDERED_CACHE_CONTROL)
    response.setHeader('ETag', page.etag)

    if (matchesEtag(request.headers['if-none-match'], page.etag)) {
      response.statusCode = 304
      response.end()
      return true
    }
    const encoding = chooseEncoding(request.headers['accept-encoding'])
    const body = encoding === 'br' ? page.brotli : encoding === 'gzip' ? page.gzip : page.identity
    response.statusCode = 200
    response.setHeader('Content-Type', 'text/html; charset=utf-8')
    if (encoding !== 'identity') response.setHeader('Content-Encoding', encoding)
    response.setHeader('Content-Length', body.length)
    response.end(method === 'HEAD' ? undefined : body)
    return true
  }

  return { pages, serve }
}
