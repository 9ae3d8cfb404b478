import { describe, expect, it } from 'vitest'
import { freshAnnouncement } from './drill-ui'

describe('freshAnnouncement', () => {
  it('changes a repeated sentence so a screen reader reads it again', () => {
    const first = freshAnnouncement('', 'Dockerfile is already first, position 1 of 5.')
    const second = freshAnnouncement(first, 'Dockerfile is already first, position 1 of 5.')
    expect(second).not.toBe(first)
    expect(second.trim()).toBe(first)
  })

  it('passes a new sentence through unchanged', () => {
    expect(freshAnnouncement('Moved A to position 2 of 3.', 'Moved A to position 3 of 3.')).toBe(
      'Moved A to position 3 of 3.',
    )
  })
})
