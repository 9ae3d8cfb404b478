import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { CohortDashboard, StudentRow } from '@/lib/data/dashboard'
import { HEATMAP_PAGE_SIZE, Heatmap } from './heatmap'

const lessons = [
  { slug: 'why', title: 'Why containers', position: 1 },
  { slug: 'layers', title: 'Layers', position: 2 },
]

function student(index: number): StudentRow {
  return {
    id: `s${index}`,
    name: `Student ${String(index).padStart(3, '0')}`,
    email: `s${index}@example.com`,
    joinedAt: new Date('2026-11-01'),
    lastActivityAt: new Date('2026-11-20'),
    completedLessons: 1,
    cells: [
      { lessonSlug: 'why', status: 'completed', itemsDone: 9 },
      { lessonSlug: 'layers', status: 'in-progress', itemsDone: 2 },
    ],
    risk: [],
  }
}

function dashboard(students: number): CohortDashboard {
  return {
    cohort: {
      id: 'c1',
      name: 'Platform team',
      courseSlug: 'docker-fundamentals',
      courseTitle: 'Docker Fundamentals',
      instructorId: 'i1',
      instructorName: 'Ines',
      joinCode: null,
      joinCodeExpiresAt: null,
      createdAt: new Date('2026-11-01'),
      students,
    },
    lessons,
    itemCounts: { why: 9, layers: 7 },
    students: Array.from({ length: students }, (_, index) => student(index + 1)),
    medianCompleted: 1,
    completionOverTime: [],
    items: [],
  }
}

const rowsOf = (html: string) => [...html.matchAll(/<th scope="row"/g)].length

describe('the heatmap', () => {
  it('says each state in words for screen readers, beside the symbol and colour', () => {
    const html = renderToStaticMarkup(<Heatmap dashboard={dashboard(1)} />)
    expect(html).toContain('<span class="sr-only">Done</span>')
    expect(html).toContain('2/7<span class="sr-only"> exercises, started</span>')
    expect(html).not.toContain('Heatmap pages')
  })

  it('shows a name as text, whatever characters it holds', () => {
    const board = dashboard(1)
    board.students[0] = { ...student(1), id: 'a"b', name: '<img src=x onerror=alert(1)> & Co' }
    const html = renderToStaticMarkup(<Heatmap dashboard={board} />)
    expect(html).not.toContain('<img')
    expect(html).toContain('&#x3C;img src=x onerror=alert(1)&#x3E; &#x26; Co</a>')
    expect(html).toContain('href="/teach/cohorts/c1/students/a&#x22;b"')
  })

  it('shows a large cohort a page of students at a time, with links to the others', () => {
    const total = HEATMAP_PAGE_SIZE * 2 + 50
    const first = renderToStaticMarkup(<Heatmap dashboard={dashboard(total)} />)
    expect(rowsOf(first)).toBe(HEATMAP_PAGE_SIZE)
    expect(first).toContain('Student 001')
    expect(first).not.toContain(`Student ${HEATMAP_PAGE_SIZE + 1}`)
    expect(first).toContain(`Students 1–${HEATMAP_PAGE_SIZE} of ${total}`)
    expect(first).toContain('href="/teach/cohorts/c1?page=3#heatmap-heading"')

    const last = renderToStaticMarkup(<Heatmap dashboard={dashboard(total)} page={3} />)
    expect(rowsOf(last)).toBe(50)
    expect(last).toContain(`Student ${HEATMAP_PAGE_SIZE * 2 + 1}`)
    expect(last).toContain(`Students ${HEATMAP_PAGE_SIZE * 2 + 1}–${total} of ${total}`)
    expect(last).toMatch(/aria-current="page"[^>]*><span class="sr-only">Page <\/span>3</)
  })

  it('shows the last page for a page number past the end', () => {
    const html = renderToStaticMarkup(<Heatmap dashboard={dashboard(HEATMAP_PAGE_SIZE + 1)} page={40} />)
    expect(rowsOf(html)).toBe(1)
  })
})
