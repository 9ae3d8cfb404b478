/**
 * The production entry point: `node server.js` in .next/standalone and in the
 * image. scripts/build-server.ts bundles this file there after `next build`, and
 * moves the server.js Next.js generated to next-server.js.
 *
 * It loads the prerendered pages (lib/http/prerendered-pages.ts), puts them and
 * the hottest JSON routes (lib/http/api-front.ts) in front of the request listener
 * Next.js installs, and then starts Next.js through its own generated entry, so
 * Next.js's start-up, keep-alive and shutdown stay exactly its own. Every other
 * request reaches Next.js untouched.
 */
import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { frontApiHandler, serveFrontApi } from '../lib/http/api-front'
import { createPrerenderedPageServer, loadPrerenderedPages, type PrerenderedPageServer } from '../lib/http/prerendered-pages'
import { oauthFormActions } from '../lib/http/security-headers'
import { enabledSignInProviders, getServerEnv } from '../lib/env'

const dir = path.dirname(fileURLToPath(import.meta.url))

function prerenderedPages(): PrerenderedPageServer | null {
  if (process.env.DRYDOCK_PRERENDERED_PAGES === 'false') return null
  let formActions: string[]
  try {
    formActions = oauthFormActions(enabledSignInProviders(getServerEnv()))
  } catch {
    // The settings are wrong: Next.js's start-up says how, and refuses to serve.
    return null
  }
  return createPrerenderedPageServer({ pages: loadPrerenderedPages(path.join(dir, '.next')), formActions })
}

const pages = prerenderedPages()
const servePage = pages && pages.pages.size > 0 ? pages.serve : null
const createServer = http.createServer
// Next.js creates exactly one server; the wrapper is removed as soon as it has.
http.createServer = function (this: unknown, ...args: unknown[]) {
  http.createServer = createServer
  const listener = args.pop() as http.RequestListener
  const front: http.RequestListener = (request, response) => {
    const api = frontApiHandler(request)
    if (api) {
      serveFrontApi(request, response, api).catch(() => response.destroy())
      return
    }
    if (!servePage?.(request, response)) return listener(request, response)
  }
  return (createServer as (...all: unknown[]) => http.Server).apply(this, [...args, front])
} as typeof http.createServer

await import(/* webpackIgnore: true */ `${dir}/next-server.js`)
