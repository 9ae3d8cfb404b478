import { describe, expect, it } from 'vitest'
import { checkChallenge } from './challenge'
import { NAIVE_PYTHON, OPTIMISED_PYTHON } from './examples'
import { parseDockerfile } from './parse'
import type { SimulateOptions } from './simulate'
import { simulateBuild } from './simulate'

const goal = { edit: 'source', maxSeconds: 5 } as const

function secondBuild(source: string, edit: 'source' | 'manifest', options: SimulateOptions = {}) {
  const parsed = parseDockerfile(source)
  const first = simulateBuild(parsed, null, 'none', options)
  return simulateBuild(parsed, first.state, edit, options)
}

describe('checkChallenge: a source-only edit in under 5 seconds', () => {
  it('passes with the optimised order', () => {
    const outcome = checkChallenge(secondBuild(OPTIMISED_PYTHON, 'source'), goal)
    expect(outcome).toEqual({
      passed: true,
      seconds: 1.3,
      maxSeconds: 5,
      culpritId: null,
      message:
        'Done: a source-only edit rebuilt in 1.3 s (goal: under 5 s), reusing 3 cached layers.',
    })
  })

  it('fails with the naive order and points at the reinstall', () => {
    const outcome = checkChallenge(secondBuild(NAIVE_PYTHON, 'source'), goal)
    expect(outcome.passed).toBe(false)
    expect(outcome.culpritId).toBe('s0-i2')
    expect(outcome.message).toBe(
      'Not yet: 41.3 s, goal under 5 s. The biggest cost is RUN pip install -r requirements.txt (40 s): COPY . . (line 2) was rebuilt, and once a layer rebuilds every later layer in the stage rebuilds too.',
    )
  })

  it('fails when the build was a different edit', () => {
    const outcome = checkChallenge(secondBuild(OPTIMISED_PYTHON, 'manifest'), goal)
    expect(outcome.passed).toBe(false)
    expect(outcome.message).toBe(
      'This build was a dependency change; the challenge needs a source-only edit in under 5 s.',
    )
  })

  it('does not count a first build, however fast', () => {
    const parsed = parseDockerfile(OPTIMISED_PYTHON)
    const first = simulateBuild(parsed, null, 'source', { costs: { pullFull: 0, pipInstall: 0 } })
    expect(first.totalSeconds).toBeLessThan(5)
    expect(checkChallenge(first, goal).passed).toBe(false)
  })

  it('is strict about "under": exactly the limit does not pass', () => {
    const result = secondBuild(OPTIMISED_PYTHON, 'source', { instructionCosts: { 's0-i3': 4 } })
    expect(result.totalSeconds).toBe(5)
    expect(checkChallenge(result, goal).passed).toBe(false)
  })
})
