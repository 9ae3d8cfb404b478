import type { EditKind } from './edits'
import type { BuildResult, LayerResult } from './simulate'
import { formatSeconds } from './simulate'

/** A challenge such as "make a source-only edit rebuild in under 5 seconds". */
export interface ChallengeGoal {
  edit: EditKind
  /** The build must take strictly less than this. */
  maxSeconds: number
}

export interface ChallengeOutcome {
  passed: boolean
  seconds: number
  maxSeconds: number
  /** What to tell the learner: the result, and on a miss, the layer to look at. */
  message: string
  /** On a miss, the most expensive layer that rebuilt: the one worth moving. */
  culpritId: string | null
}

const EDIT_NAMES: Record<EditKind, string> = {
  source: 'a source-only edit',
  manifest: 'a dependency change',
  'base-tag': 'a base image change',
  'system-package': 'a system package change',
  env: 'an ENV change',
  arg: 'a build-arg change',
  'ignored-file': 'an edit to an ignored file',
  none: 'a rebuild with no changes',
}

/**
 * Judges one build against a goal. Only a rebuild counts: a first build runs
 * everything whatever the order, so it says nothing about the cache. The
 * caller records a pass; this stays pure.
 */
export function checkChallenge(result: BuildResult, goal: ChallengeGoal): ChallengeOutcome {
  const seconds = result.totalSeconds
  const base = { seconds, maxSeconds: goal.maxSeconds }
  const goalText = `${EDIT_NAMES[goal.edit]} in under ${formatSeconds(goal.maxSeconds)}`

  if (result.buildNumber === 1) {
    return {
      ...base,
      passed: false,
      culpritId: null,
      message: `That was the first build, which always runs every layer. Build once more with ${EDIT_NAMES[goal.edit]} to try the challenge (${goalText}).`,
    }
  }
  if (result.edit.kind !== goal.edit) {
    return {
      ...base,
      passed: false,
      culpritId: null,
      message: `This build was ${EDIT_NAMES[result.edit.kind]}; the challenge needs ${goalText}.`,
    }
  }
  if (seconds < goal.maxSeconds) {
    const reused = result.instructions.filter((r) => r.stage >= 0 && r.status === 'reused').length
    return {
      ...base,
      passed: true,
      culpritId: null,
      message: `Done: ${EDIT_NAMES[goal.edit]} rebuilt in ${formatSeconds(seconds)} (goal: under ${formatSeconds(goal.maxSeconds)}), reusing ${reused} cached layer${reused === 1 ? '' : 's'}.`,
    }
  }
  const culprit = result.instructions
    .filter((r) => r.status === 'rebuilt' && r.stage >= 0)
    .reduce<LayerResult | null>(
      (worst, r) => (!worst || r.costSeconds > worst.costSeconds ? r : worst),
      null,
    )
  return {
    ...base,
    passed: false,
    culpritId: culprit?.id ?? null,
    message: culprit
      ? `Not yet: ${formatSeconds(seconds)}, goal under ${formatSeconds(goal.maxSeconds)}. The biggest cost is ${culprit.label} (${formatSeconds(culprit.costSeconds)}): ${ruleOf(culprit)}`
      : `Not yet: ${formatSeconds(seconds)}, goal under ${formatSeconds(goal.maxSeconds)}.`,
  }
}

/** The reason without its "<label> rebuilt:" lead, which the message already names. */
function ruleOf(layer: LayerResult): string {
  const marker = ' rebuilt: '
  const at = layer.reason.indexOf(marker)
  return at >= 0 ? layer.reason.slice(at + marker.length) : layer.reason
}
