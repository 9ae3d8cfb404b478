/**
 * First-load JavaScript of a lesson page, from the build output (Next 16 no
 * longer prints it): the runtime every page loads (build-manifest.json
 * rootMainFiles), the chunks of every client component the route's segments
 * reference (the route's client reference manifest, entryJSFiles), and any
 * further chunk a lesson's prerendered HTML asks for (a lazily loaded widget
 * that lesson renders). Each file is gzipped at level 9, as the old `next build`
 * summary did; the figure is the heaviest lesson's. Legacy polyfills are left
 * out: they are `nomodule` scripts a current browser never downloads.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

export interface FirstLoadJs {
  route: string
  /** The heaviest lesson page. */
  page: string
  files: { file: string; bytes: number; gzipBytes: number }[]
  gzipBytes: number
  /** Every lesson page, lightest first. */
  pages: { page: string; gzipBytes: number }[]
}

interface ClientReferenceManifest {
  entryJSFiles?: Record<string, string[]>
}

/** The chunks every page of the route loads, from the manifests. */
export function routeChunks(root: string, route: string): string[] {
  const next = path.join(root, '.next')
  const build = JSON.parse(readFileSync(path.join(next, 'build-manifest.json'), 'utf8')) as { rootMainFiles: string[] }
  const manifestFile = path.join(next, 'server', 'app', route, 'page_client-reference-manifest.js')
  const holder = globalThis as unknown as { __RSC_MANIFEST?: Record<string, ClientReferenceManifest> }
  const previous = holder.__RSC_MANIFEST
  holder.__RSC_MANIFEST = {}
  try {
    // The manifest is a script that assigns itself onto globalThis.
    new Function(readFileSync(manifestFile, 'utf8'))()
    const manifest = holder.__RSC_MANIFEST[`${route}/page`]
    if (!manifest?.entryJSFiles) throw new Error(`${manifestFile} has no entryJSFiles for ${route}/page`)
    return [...new Set([...build.rootMainFiles, ...Object.values(manifest.entryJSFiles).flat()])].filter((file) => file.endsWith('.js'))
  } finally {
    holder.__RSC_MANIFEST = previous
  }
}

/** The scripts a prerendered page's HTML loads or preloads, as paths under .next/. */
export function scriptsInHtml(html: string): string[] {
  const tags = [
    ...html.matchAll(/<script\b[^>]*\ssrc="([^"]+\.js)"[^>]*>/g),
    ...html.matchAll(/<link\b(?=[^>]*\sas="script")[^>]*\shref="([^"]+\.js)"[^>]*>/g),
  ]
  return [
    ...new Set(
      tags.filter((match) => !/\snoModule/i.test(match[0])).map((match) => (match[1] ?? '').replace(/^\/_next\//, '')),
    ),
  ]
}

export function firstLoadJs(root: string, route: string, pages: { page: string; html: string }[]): FirstLoadJs {
  const next = path.join(root, '.next')
  const sizes = new Map<string, { file: string; bytes: number; gzipBytes: number }>()
  const size = (file: string) => {
    let known = sizes.get(file)
    if (!known) {
      const content = readFileSync(path.join(next, file))
      known = { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length }
      sizes.set(file, known)
    }
    return known
  }
  const shared = routeChunks(root, route)
  const measured = pages.map(({ page, html }) => {
    const files = [...new Set([...shared, ...scriptsInHtml(html)])].map(size)
    return { page, files, gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0) }
  })
  measured.sort((a, b) => a.gzipBytes - b.gzipBytes)
  const heaviest = measured.at(-1)
  if (!heaviest) throw new Error(`No lesson pages to measure for ${route}`)
  return {
    route,
    page: heaviest.page,
    files: heaviest.files,
    gzipBytes: heaviest.gzipBytes,
    pages: measured.map(({ page, gzipBytes }) => ({ page, gzipBytes })),
  }
}
