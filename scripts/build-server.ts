/**
 * After `next build`: bundles scripts/server-entry.ts as .next/standalone/server.js,
 * the file the image and `npm start` run, and keeps the server.js Next.js
 * generated beside it as next-server.js; then compresses the prerendered pages
 * the entry serves, so it does not spend its start-up doing so. Safe to run again
 * on the same build.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs'
import path from 'node:path'
import { build, type Plugin } from 'esbuild'
import { writeCompressedPages } from '../lib/http/prerendered-pages'

const MARK = '// Drydock entry: scripts/server-entry.ts'

/**
 * The entry answers its JSON routes with plain prepared statements (lib/db/pool.ts).
 * Prisma's client is Next.js's to load; a module that imports it here fails the build.
 */
const serverEntry: Plugin = {
  name: 'server-entry',
  setup(build) {
    build.onResolve({ filter: /(?:^|\/)lib\/db$|generated\/prisma|^@prisma\// }, (args) => ({
      errors: [{ text: `${args.importer} imports ${args.path}: the server entry runs without Prisma; use lib/db/pool.ts` }],
    }))
    // The package only exists to fail client bundles; everything in the entry is server code.
    build.onResolve({ filter: /^server-only$/ }, () => ({ path: 'server-only', namespace: 'server-only' }))
    build.onLoad({ filter: /.*/, namespace: 'server-only' }, () => ({ contents: '' }))
  },
}

async function main(root: string): Promise<number> {
  const standalone = path.join(root, '.next', 'standalone')
  const entry = path.join(standalone, 'server.js')
  const nextEntry = path.join(standalone, 'next-server.js')
  if (!existsSync(entry)) throw new Error(`No ${entry}: run next build first`)
  if (!readFileSync(entry, 'utf8').startsWith(MARK)) renameSync(entry, nextEntry)
  if (!existsSync(nextEntry)) throw new Error(`No ${nextEntry}: next build did not write a standalone server`)
  await build({
    entryPoints: [path.join(root, 'scripts', 'server-entry.ts')],
    outfile: entry,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: `${MARK}\nimport { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);` },
    // theme-script.tsx's component is never called here; React stays Next.js's own copy.
    // pg and pino are Next.js's server externals, in the standalone node_modules: one copy of each
    // serves both bundles, and the pool they share (lib/db/pool.ts) is made by one pg.
    external: ['react', 'react/*', 'pg', 'pino'],
    plugins: [serverEntry],
    tsconfig: path.join(root, 'tsconfig.json'),
    logLevel: 'warning',
    legalComments: 'none',
    minify: true,
  })
  return writeCompressedPages(path.join(standalone, '.next'))
}

const compressedPages = await main(process.cwd())
console.log(`.next/standalone/server.js: the Drydock entry, in front of next-server.js (${compressedPages} prerendered pages compressed)`)
