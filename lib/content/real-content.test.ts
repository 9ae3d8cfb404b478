import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileContent } from './build'
import { formatProblem } from './problems'

const rootDir = path.resolve(import.meta.dirname, '../..')

describe('the content shipped in content/', () => {
  it('compiles with no problems', async () => {
    const { problems, manifest, lessons } = await compileContent({ contentDir: path.join(rootDir, 'content'), rootDir })

    expect(problems.map(formatProblem)).toEqual([])
    const docker = manifest.courses.find((course) => course.slug === 'docker-fundamentals')
    expect(docker?.title).toBe('Docker Fundamentals')
    expect(lessons.length).toBeGreaterThanOrEqual(3)
  }, 60_000)
})
