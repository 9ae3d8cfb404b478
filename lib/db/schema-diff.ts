import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import type * as SchemaEngineModule from '@prisma/schema-engine-wasm'
import type { SchemaEngine } from '@prisma/schema-engine-wasm'

/**
 * The SQL that takes a database from the `from` Prisma schema (null: an empty
 * database) to the `to` schema, formatted as Prisma writes migration.sql; null
 * when there is nothing to change.
 *
 * This drives Prisma's schema engine compiled to WebAssembly because the CLI
 * cannot download its native engine everywhere Drydock is built. The engine
 * insists on a live PostgreSQL connection even to compare two schema files,
 * so the caller provides one; nothing is written to that database.
 */
export async function diffSchemas(
  from: string | null,
  to: string,
  connectionString: string,
): Promise<string | null> {
  // A pool of our own, so its connections are surely closed when we are done.
  const pool = new pg.Pool({ connectionString, max: 1 })
  // An idle connection the server ends later (the database dropped, the server stopped) is no error of the diff.
  pool.on('error', () => {})
  const engine = await loadSchemaEngine(to, pool)
  try {
    const result = await engine.diff({
      from:
        from === null
          ? { tag: 'empty' }
          : { tag: 'schemaDatamodel', files: [{ path: 'from.prisma', content: from }] },
      to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: to }] },
      script: true,
      // Makes the engine report "there is a difference" as exit code 2.
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    })
    return result.exitCode === 2 && result.stdout ? result.stdout : null
  } finally {
    engine.free()
    await pool.end()
  }
}

type EngineGlue = typeof SchemaEngineModule & {
  __wbg_set_wasm(exports: WebAssembly.Exports): void
}

let glue: Promise<EngineGlue> | undefined

/**
 * The package's entry point imports its .wasm file as an ES module, which
 * Node 20 cannot do, so the module is instantiated here against the package's
 * JavaScript glue, as a bundler would wire it.
 */
async function loadGlue(): Promise<EngineGlue> {
  const require = createRequire(import.meta.url)
  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')
  const engineGlue = (await import(pathToFileURL(gluePath).href)) as EngineGlue
  const { instance } = await WebAssembly.instantiate(
    await readFile(gluePath.replace(/\.js$/, '.wasm')),
    {
      './schema_engine_bg.js': engineGlue as unknown as WebAssembly.ModuleImports,
    },
  )
  engineGlue.__wbg_set_wasm(instance.exports)
  ;(instance.exports.__wbindgen_start as (() => void) | undefined)?.()
  return engineGlue
}

async function loadSchemaEngine(schema: string, pool: pg.Pool): Promise<SchemaEngine> {
  glue ??= loadGlue()
  const { SchemaEngine } = await glue
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool))
  return SchemaEngine.new({ datamodels: [['schema.prisma', schema]] }, () => {}, adapter)
}
