import {
  checkSequence,
  type CommandSequenceScenario,
  type SequenceCheck,
} from '@/lib/drills/command-sequence'
import type { ItemLocalState } from '@/lib/progress/local-store'

export const CHECKED_EVENT = 'command.checked'

/** One tile placed in the sequence. The same tile may be placed twice, so each placement has its own key. */
export interface SequenceEntry {
  key: string
  tileId: string
}

export interface BuilderView {
  entries: SequenceEntry[]
  /** The verdicts for exactly these entries; cleared by any edit. */
  result: SequenceCheck | null
}

/** The last checked sequence and its verdicts, or an empty sequence for a learner who has not checked yet. */
export function restoreBuilderView(
  scenario: CommandSequenceScenario,
  state: ItemLocalState | undefined,
): BuilderView {
  const saved = state?.last[CHECKED_EVENT]?.sequence
  if (!Array.isArray(saved)) return { entries: [], result: null }
  const known = new Set(scenario.palette.map((tile) => tile.id))
  const tileIds = saved.filter(
    (tileId): tileId is string => typeof tileId === 'string' && known.has(tileId),
  )
  const entries = tileIds.map((tileId, index) => ({ key: `saved-${index}`, tileId }))
  // After the lesson dropped a tile, the old verdicts would describe a different sequence.
  if (tileIds.length === 0 || tileIds.length !== saved.length) return { entries, result: null }
  return { entries, result: checkSequence(scenario, tileIds) }
}
