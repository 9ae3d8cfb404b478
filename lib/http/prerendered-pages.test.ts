import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chooseEncoding, createPrerenderedPageServer, loadPrerenderedPages, writeCompressedPages } from './prerendered-pages'
import { sha256Source } from './security-headers'

const inlineScript = 'self.__next_f.push([1,"lesson"])'
const lessonHtml = `<!DOCTYPE html><html><head><script src="/_next/static/app.js" async></script></head><body><h1>Layers — and “caching”</h1><script>${inlineScript}</script></body></html>`
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
]

/** A build's output as Next.js lays it out: manifests, and the prerendered HTML with its metadata. */
function buildOutput(): string {
  const distDir = mkdtempSync(path.join(os.tmpdir(), 'drydock-prerendered-'))
  const app = path.join(distDir, 'server', 'app')
  mkdirSync(path.join(app, 'courses', 'docker'), { recursive: true })
  mkdirSync(path.join(app, 'news'), { recursive: true })
  const page = (file: string, html: string, status?: number) => {
    writeFileSync(path.join(app, `${file}.html`), html)
    writeFileSync(path.join(app, `${file}.meta`), JSON.stringify({ ...(status ? { status } : {}), headers: { 'x-nextjs-prerender': '1' } }))
  }
  page('courses/docker/layers', lessonHtml)
  page('index', '<!DOCTYPE html><p>Catalogue</p>')
  page('_not-found', '<!DOCTYPE html><p>Not found</p>', 404)
  page('news/today', '<!DOCTYPE html><p>Revalidated hourly</p>')
  page('moved', '<!DOCTYPE html><p>Redirected by the configuration</p>')
  const routes = {
    '/courses/docker/layers': { initialRevalidateSeconds: false, routeType: 'page' },
    '/': { initialRevalidateSeconds: false, routeType: 'page' },
    '/_not-found': { initialRevalidateSeconds: false, routeType: 'page' },
    '/news/today': { initialRevalidateSeconds: 3600, routeType: 'page' },
    '/moved': { initialRevalidateSeconds: false, routeType: 'page' },
  }
  writeFileSync(path.join(distDir, 'prerender-manifest.json'), JSON.stringify({ routes }))
  writeFileSync(
    path.join(distDir, 'routes-manifest.json'),
    JSON.stringify({
      headers: [{ source: '/:path*', regex: '^(?:/((?:[^/]+?)(?:/(?:[^/]+?))*))?(?:/)?$', headers: securityHeaders }],
      redirects: [
        { source: '/:path+/', regex: '^(?:/((?:[^/]+?)(?:/(?:[^/]+?))*))/$', internal: true },
        { source: '/moved', regex: '^/moved(?:/)?$' },
      ],
      rewrites: { beforeFiles: [], afterFiles: [], fallback: [] },
    }),
  )
  return distDir
}

describe('prerendered pages in front of Next.js', () => {
  let server: Server
  let origin: string
  const passedOn: string[] = []

  beforeAll(async () => {
    const pages = createPrerenderedPageServer({ pages: loadPrerenderedPages(buildOutput()), formActions: ['https://github.com'] })
    server = createServer((request, response) => {
      if (pages.serve(request, response)) return
      passedOn.push(`${request.method} ${request.url}`)
      response.statusCode = 299
      response.end('next')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  /** The bytes as sent, before any decoding (fetch would undo the compression). */
  const raw = (pathname: string, headers: Record<string, string>) =>
    new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      httpRequest(`${origin}${pathname}`, { headers }, (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }))
      })
        .on('error', reject)
        .end()
    })

  const get = (pathname: string, headers: Record<string, string> = {}, method = 'GET') =>
    fetch(`${origin}${pathname}`, { method, headers: { 'accept-encoding': 'identity', ...headers }, redirect: 'manual' })

  it('sends the prerendered bytes with the configured headers and a policy allowing exactly its inline scripts', async () => {
    const response = await get('/courses/docker/layers')
    expect(response.status).toBe(200)
    expect(await response.text()).toBe(lessonHtml)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    const policy = response.headers.get('content-security-policy') ?? ''
    expect(policy).toContain(sha256Source(inlineScript))
    expect(policy).toContain("form-action 'self' https://github.com")
    expect(policy).not.toContain('upgrade-insecure-requests')
    expect(response.headers.get('strict-transport-security')).toBeNull()
    expect(response.headers.get('vary')).toContain('Accept-Encoding')
  })

  it('answers Brotli or gzip, prepared once, to clients that accept them', async () => {
    const brotli = await raw('/courses/docker/layers', { 'accept-encoding': 'gzip, deflate, br' })
    expect(brotli.headers['content-encoding']).toBe('br')
    expect(Number(brotli.headers['content-length'])).toBe(brotli.body.length)
    expect(brotliDecompressSync(brotli.body).toString('utf8')).toBe(lessonHtml)

    const gzip = await raw('/courses/docker/layers', { 'accept-encoding': 'br;q=0, gzip' })
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gzip.body).toString('utf8')).toBe(lessonHtml)

    // A browser reading it decodes the same page.
    expect(await (await fetch(`${origin}/courses/docker/layers`)).text()).toBe(lessonHtml)
  })

  it('says Not Modified to a browser that holds the same page, and sends it again after a rebuild changed it', async () => {
    const first = await get('/courses/docker/layers')
    const etag = first.headers.get('etag') ?? ''
    expect(etag).toMatch(/^W\/".+"$/)
    const again = await get('/courses/docker/layers', { 'if-none-match': `"other", ${etag}` })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    const stale = await get('/courses/docker/layers', { 'if-none-match': 'W/"from-an-older-build"' })
    expect(stale.status).toBe(200)
  })

  it('answers HEAD with the headers only', async () => {
    const response = await get('/courses/docker/layers', {}, 'HEAD')
    expect(response.status).toBe(200)
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(lessonHtml))
    expect(await response.text()).toBe('')
  })

  it('adds HSTS and upgrades subresources when a TLS proxy in front says the browser used HTTPS', async () => {
    const response = await get('/', { 'x-forwarded-proto': 'https' })
    expect(await response.text()).toContain('Catalogue')
    expect(response.headers.get('strict-transport-security')).toContain('max-age=')
    expect(response.headers.get('content-security-policy')).toContain('upgrade-insecure-requests')
  })

  it('leaves everything else to Next.js', async () => {
    passedOn.length = 0
    const cases: [string, Record<string, string>, string][] = [
      ['/courses/docker/layers', { rsc: '1' }, 'GET'], // a client navigation wants the RSC payload
      ['/courses/docker/layers', { 'next-router-prefetch': '1' }, 'GET'],
      ['/courses/docker/layers', { 'next-action': 'abc' }, 'GET'],
      ['/courses/docker/layers?_rsc=x', {}, 'GET'],
      ['/courses/docker/layers/', {}, 'GET'], // Next.js redirects the trailing slash
      ['/courses/docker/layers', {}, 'POST'],
      ['/courses/docker/unknown', {}, 'GET'],
      ['/_not-found', {}, 'GET'], // an error page, with its own status
      ['/news/today', {}, 'GET'], // revalidates: only Next.js knows when
      ['/moved', {}, 'GET'], // the configuration redirects it
    ]
    for (const [pathname, headers, method] of cases) {
      const response = await get(pathname, headers, method)
      expect(response.status, `${method} ${pathname} ${JSON.stringify(headers)}`).toBe(299)
    }
    expect(passedOn).toHaveLength(cases.length)
  })
})

describe('compressing at build time', () => {
  it('writes Brotli and gzip beside each page, and start-up uses them only while they still hold that page', () => {
    const distDir = buildOutput()
    const lesson = path.join(distDir, 'server', 'app', 'courses', 'docker', 'layers')
    expect(writeCompressedPages(distDir)).toBe(2) // the lesson and the catalogue; not the error page, nor what Next.js must serve
    expect(existsSync(path.join(distDir, 'server', 'app', '_not-found.html.br'))).toBe(false)
    expect(brotliDecompressSync(readFileSync(`${lesson}.html.br`)).toString('utf8')).toBe(lessonHtml)
    expect(gunzipSync(readFileSync(`${lesson}.html.gz`)).toString('utf8')).toBe(lessonHtml)
    expect(loadPrerenderedPages(distDir).get('/courses/docker/layers')?.brotli.equals(readFileSync(`${lesson}.html.br`))).toBe(true)

    // The page changed after the copies were made (a partial rebuild): they are not used.
    const changed = lessonHtml.replace('Layers', 'Layer caching')
    writeFileSync(`${lesson}.html`, changed)
    const page = loadPrerenderedPages(distDir).get('/courses/docker/layers')
    expect(brotliDecompressSync(page!.brotli).toString('utf8')).toBe(changed)
    expect(gunzipSync(page!.gzip).toString('utf8')).toBe(changed)
  })
})

describe('chooseEncoding', () => {
  it('prefers Brotli, then gzip, and honours q=0 and the wildcard', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br')
    expect(chooseEncoding('gzip')).toBe('gzip')
    expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip')
    expect(chooseEncoding('*')).toBe('br')
    expect(chooseEncoding('*, br;q=0')).toBe('gzip')
    expect(chooseEncoding('identity')).toBe('identity')
    expect(chooseEncoding(undefined)).toBe('identity')
    expect(chooseEncoding('gzip;q=0, br;q=0')).toBe('identity')
  })
})
