import { z } from 'zod'
import { EDIT_KINDS, type EditKind } from './edits'
import { parseDockerfile } from './parse'

/** What a lesson author writes for a <LayerCacheSimulator>. */
export const layerCacheSimulatorSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case, e.g. "naive-python-cache"'),
  title: z.string().trim().min(1, 'must not be empty'),
  dockerfile: z.string().trim().min(1, 'must hold a Dockerfile'),
  /** Patterns of the .dockerignore; omit for none. */
  dockerignore: z.array(z.string().min(1)).optional(),
  /** Edits offered between builds; all by default. */
  edits: z.array(z.enum(EDIT_KINDS as [EditKind, ...EditKind[]])).min(1).optional(),
  challenge: z
    .strictObject({
      edit: z.enum(EDIT_KINDS as [EditKind, ...EditKind[]]),
      maxSeconds: z.number().positive('must be more than 0 seconds'),
    })
    .optional(),
})

export type LayerCacheSimulatorProps = z.infer<typeof layerCacheSimulatorSchema>

/** The Dockerfile must parse: authors see the parser's complaint with the Dockerfile's own line number. */
export function validateLayerCacheSimulator(props: LayerCacheSimulatorProps): { path: (string | number)[]; message: string }[] {
  const parsed = parseDockerfile(props.dockerfile)
  return parsed.errors.map((error) => ({ path: ['dockerfile'], message: `line ${error.line} of the Dockerfile: ${error.message}` }))
}
