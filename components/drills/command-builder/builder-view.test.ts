import { describe, expect, it } from 'vitest'
import type { CommandSequenceScenario } from '@/lib/drills/command-sequence'
import type { ItemLocalState } from '@/lib/progress/local-store'
import { restoreBuilderView } from './builder-view'

const scenario: CommandSequenceScenario = {
  id: 'hotfix',
  scenario: 'Ship 1.0.1.',
  palette: [
    { id: 'build', command: 'docker build -t shop:1.0.1 .' },
    { id: 'stop', command: 'docker stop shop' },
    { id: 'restart', command: 'docker restart shop' },
  ],
  answer: [['build'], ['stop']],
}

function saved(sequence: unknown): ItemLocalState {
  return {
    attempts: 1,
    completed: false,
    last: { 'command.checked': { sequence, correct: false } },
    updatedAt: '2025-01-01T00:00:00.000Z',
  }
}

describe('restoreBuilderView', () => {
  it('starts empty before anything was checked', () => {
    expect(restoreBuilderView(scenario, undefined)).toEqual({ entries: [], result: null })
  })

  it('brings back the checked sequence with its verdicts', () => {
    const view = restoreBuilderView(scenario, saved(['stop', 'build', 'restart']))
    expect(view.entries.map((entry) => entry.tileId)).toEqual(['stop', 'build', 'restart'])
    expect(new Set(view.entries.map((entry) => entry.key)).size).toBe(3)
    expect(view.result?.steps.map((step) => step.verdict)).toEqual([
      'misplaced',
      'ok',
      'distractor',
    ])
  })

  it('keeps a repeated tile as two entries', () => {
    const view = restoreBuilderView(scenario, saved(['build', 'build', 'stop']))
    expect(view.entries).toHaveLength(3)
    expect(view.result?.steps[1]?.verdict).toBe('duplicate')
  })

  it('drops tiles the lesson no longer has, and the verdicts that no longer apply', () => {
    const view = restoreBuilderView(scenario, saved(['build', 'gone', 'stop']))
    expect(view.entries.map((entry) => entry.tileId)).toEqual(['build', 'stop'])
    expect(view.result).toBeNull()
  })
})
