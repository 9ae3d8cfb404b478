import { describe, expect, it } from 'vitest'
import { DEFAULT_COSTS, classifyRun, pullCost, resolveCosts, runCost } from './costs'

describe('RUN cost estimates', () => {
  it('dependency installs cost tens of seconds', () => {
    expect(runCost('pip install --no-cache-dir -r requirements.txt', false, DEFAULT_COSTS)).toBe(40)
    expect(runCost('npm ci', false, DEFAULT_COSTS)).toBe(35)
    expect(runCost('yarn install --frozen-lockfile', false, DEFAULT_COSTS)).toBe(35)
    expect(runCost('go mod download', false, DEFAULT_COSTS)).toBe(20)
    expect(runCost('bundle install', false, DEFAULT_COSTS)).toBe(40)
  })

  it('system packages cost a bit less, and add up with the index update', () => {
    const apt = runCost(
      'apt-get update && apt-get install -y gcc && rm -rf /var/lib/apt/lists/*',
      false,
      DEFAULT_COSTS,
    )
    expect(apt).toBe(21)
    expect(apt).toBeLessThan(runCost('pip install -r requirements.txt', false, DEFAULT_COSTS))
    expect(runCost('apk add --no-cache curl', false, DEFAULT_COSTS)).toBe(4)
  })

  it('anything unrecognised is a small fixed cost', () => {
    expect(runCost('useradd --create-home appuser', false, DEFAULT_COSTS)).toBe(1)
    expect(runCost('npm run build', false, DEFAULT_COSTS)).toBe(12)
  })

  it('classifies each step of a chained command', () => {
    expect(
      classifyRun('apt-get update && apt-get install -y gcc && pip install flask; echo done').map(
        (s) => s.kind,
      ),
    ).toEqual(['system-packages', 'system-packages', 'dependencies', 'other'])
    expect(classifyRun('bundle exec rake assets:precompile').map((s) => s.kind)).toEqual(['other'])
  })
})

describe('pull costs', () => {
  it('scale with the kind of base image', () => {
    const full = pullCost({ imageName: 'python', tag: '3.11' }, 'python:3.11', DEFAULT_COSTS)
    const slim = pullCost(
      { imageName: 'python', tag: '3.11-slim' },
      'python:3.11-slim',
      DEFAULT_COSTS,
    )
    const alpine = pullCost(
      { imageName: 'python', tag: '3.11-alpine' },
      'python:3.11-alpine',
      DEFAULT_COSTS,
    )
    const scratch = pullCost({ imageName: 'scratch', tag: null }, 'scratch', DEFAULT_COSTS)
    expect([full, slim, alpine, scratch]).toEqual([25, 8, 3, 0])
  })
})

describe('resolveCosts', () => {
  it('overrides single entries and keeps the defaults frozen', () => {
    expect(resolveCosts({ pipInstall: 90 }).pipInstall).toBe(90)
    expect(resolveCosts({ pipInstall: 90 }).npmInstall).toBe(35)
    expect(Object.isFrozen(DEFAULT_COSTS)).toBe(true)
  })
})
