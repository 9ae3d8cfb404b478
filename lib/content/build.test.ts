import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LessonBody } from '@/components/mdx/lesson-body'
import { buildContent, compileContent } from './build'
import { formatProblem } from './problems'

let root: string

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'drydock-content-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

interface Fixture {
  modules?: { slug: string; title: string; lessons: string[] }[]
  lessons: Record<string, string>
}

/** Writes content/demo/ under the temp root and returns the content folder. */
async function writeCourse({ lessons, modules }: Fixture): Promise<string> {
  const courseDir = path.join(root, 'content', 'demo')
  await mkdir(courseDir, { recursive: true })
  const course = {
    title: 'Demo course',
    summary: 'A course used by the tests.',
    modules: modules ?? [{ slug: 'basics', title: 'Basics', lessons: Object.keys(lessons) }],
  }
  await writeFile(path.join(courseDir, 'course.json'), JSON.stringify(course, null, 2))
  for (const [slug, source] of Object.entries(lessons)) {
    await writeFile(path.join(courseDir, `${slug}.mdx`), source)
  }
  return path.join(root, 'content')
}

function lesson(body: string, frontmatter = 'minutes: 5'): string {
  return `---
title: A lesson
summary: What it is about.
${frontmatter}
objectives:
  - Learn one thing
---

${body}
`
}

async function check(fixture: Fixture): Promise<string[]> {
  const contentDir = await writeCourse(fixture)
  const { problems } = await compileContent({ contentDir, rootDir: root })
  return problems.map(formatProblem)
}

const goodLesson = lesson(`## Build it

<Callout kind="beginner" title="New here?">Images are built from a **Dockerfile**.</Callout>

\`\`\`dockerfile
FROM python:3.12-slim
RUN pip install fastapi
\`\`\`
`)

describe('compiling a course', () => {
  it('compiles a good lesson and highlights its code with both theme variables', async () => {
    const contentDir = await writeCourse({ lessons: { first: goodLesson } })
    const { problems, lessons, manifest } = await compileContent({ contentDir, rootDir: root })

    expect(problems).toEqual([])
    expect(manifest.courses[0]?.modules[0]?.lessons[0]).toMatchObject({ slug: 'first', title: 'A lesson', minutes: 5 })
    const html = renderToStaticMarkup(createElement(LessonBody, { code: lessons[0]?.code ?? '' }))
    expect(html).toMatch(/<span style="--shiki-light:#[0-9A-F]{6};--shiki-dark:#[0-9A-F]{6}">FROM<\/span>/i)
    expect(html).toContain('data-theme="github-light github-dark"')
    expect(html).toContain('First time?')
  })

  it('reports bad frontmatter on line 1 with the key', async () => {
    const problems = await check({ lessons: { first: lesson('Text.', 'minutes: "ten"') } })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(/^content\/demo\/first\.mdx:1: minutes: /)
  })

  it('reports an unknown component on its line and names the known ones', async () => {
    const problems = await check({ lessons: { first: lesson('Intro.\n\n<Poll id="q" />') } })
    // 7 frontmatter lines, a blank line, "Intro.", a blank line, then the component.
    expect(problems).toEqual([
      'content/demo/first.mdx:11: unknown component <Poll>; known components: Callout, Checklist, CommandBuilder, FlipDeck, FlowDiagram, InterviewQuestion, LayerCacheSimulator, Quiz, ReorderDrill',
    ])
  })

  it('reports bad props with their line and path', async () => {
    const body = `Intro.

<FlowDiagram
  title="Flow"
  steps={[{ label: "Write" }, { label: 42 }]}
/>

<Callout kind="warning">Careful.</Callout>`
    const problems = await check({ lessons: { first: lesson(body) } })
    expect(problems).toEqual([
      'content/demo/first.mdx:11: <FlowDiagram> steps[1].label: Invalid input: expected string, received number (got 42)',
      expect.stringMatching(/^content\/demo\/first\.mdx:16: <Callout> kind: /),
    ])
  })

  it('refuses props that are not literal values', async () => {
    const body = `<Checklist id="a" title="Steps" items={steps} />

<Checklist id="b" title={\`Step \${n}\`} items={["one"]} />

<Checklist id="c" {...props} />

<Checklist id="d" title="Steps" items={["one"].map(String)} />`
    const problems = await check({ lessons: { first: lesson(body) } })
    expect(problems).toHaveLength(4)
    for (const problem of problems) expect(problem).toContain('props must be literal values')
    expect(problems.map((problem) => problem.split(':')[1])).toEqual(['9', '11', '13', '15'])
  })

  it('accepts literal props written as template literals, with any quoting', async () => {
    const body = `<Checklist id='steps' title={\`Steps\`} items={['one', "two", \`three\`]} />`
    expect(await check({ lessons: { first: lesson(body) } })).toEqual([])
  })

  it('reports a duplicate item id with both places', async () => {
    const checklist = (title: string) => `<Checklist id="setup-steps" title="${title}" items={["Install Docker"]} />`
    const problems = await check({
      lessons: { first: lesson(checklist('First')), second: lesson(`Intro.\n\n${checklist('Second')}`) },
    })
    expect(problems).toEqual([
      'content/demo/second.mdx:11: item id "setup-steps" is already used at content/demo/first.mdx:9; ids must be unique within the course',
    ])
  })

  it('reports a lesson file missing from course.json, and a listed lesson without a file', async () => {
    const problems = await check({
      modules: [{ slug: 'basics', title: 'Basics', lessons: ['first', 'ghost'] }],
      lessons: { first: goodLesson, stray: goodLesson },
    })
    expect(problems).toEqual([
      expect.stringMatching(/^content\/demo\/course\.json:\d+: lesson "ghost" is listed but content\/demo\/ghost\.mdx does not exist$/),
      expect.stringMatching(/^content\/demo\/stray\.mdx:1: lesson is not listed in content\/demo\/course\.json/),
    ])
    // The course.json problem points at the line naming the lesson.
    expect(problems[0]).toMatch(/course\.json:(\d+)/)
    const line = Number(/course\.json:(\d+)/.exec(problems[0] ?? '')?.[1])
    const courseJson = await readFile(path.join(root, 'content/demo/course.json'), 'utf8')
    expect(courseJson.split('\n')[line - 1]).toContain('"ghost"')
  })

  it('reports an unclosed tag on the line of the tag', async () => {
    const problems = await check({ lessons: { first: lesson('Some text\n<Callout kind="note">never closed') } })
    expect(problems).toEqual([expect.stringMatching(/^content\/demo\/first\.mdx:10: MDX syntax error: Expected a closing tag for `<Callout>`/)])
  })

  it('refuses a block component inside a paragraph', async () => {
    const problems = await check({ lessons: { first: lesson('Read this <Callout kind="note">aside</Callout> first.') } })
    expect(problems).toEqual(['content/demo/first.mdx:9: <Callout> is a block: put it on its own lines, with a blank line before and after'])
  })

  it('refuses a table with an empty column header', async () => {
    const problems = await check({ lessons: { first: lesson('| | Container | VM |\n| --- | --- | --- |\n| Boot | fast | slow |') } })
    expect(problems).toEqual(['content/demo/first.mdx:9: table column 1 has an empty header; name the column'])
  })

  it('refuses code blocks in languages the highlighter does not load', async () => {
    const problems = await check({ lessons: { first: lesson('```rust\nfn main() {}\n```') } })
    expect(problems).toEqual([expect.stringMatching(/^content\/demo\/first\.mdx:9: code block language "rust" is not supported/)])
  })
})

describe('item entries', () => {
  async function itemsOf(body: string) {
    const contentDir = await writeCourse({ lessons: { first: lesson(body) } })
    const { manifest, problems } = await compileContent({ contentDir, rootDir: root })
    expect(problems).toEqual([])
    return manifest.courses[0]?.modules[0]?.lessons[0]?.items ?? []
  }

  it('records kind, label and position, with a hash that depends only on the props', async () => {
    const [first] = await itemsOf('<Checklist id="steps" title="Steps" items={["Build", "Run"]} />')
    // Same props, written in another order and layout, in a lesson with other text.
    const [same] = await itemsOf('More prose first.\n\n<Checklist\n  items={[ "Build",  "Run" ]}\n  title="Steps"\n  id="steps"\n/>')
    const [edited] = await itemsOf('<Checklist id="steps" title="Steps" items={["Build", "Run it"]} />')

    expect(first).toEqual({ id: 'steps', kind: 'checklist', label: 'Steps', position: 0, contentHash: expect.stringMatching(/^[0-9a-f]{16}$/) })
    expect(same?.contentHash).toBe(first?.contentHash)
    expect(edited?.contentHash).not.toBe(first?.contentHash)
  })
})

describe('review deck', () => {
  it('carries each flip card and interview question with its text and place, outside the manifest', async () => {
    const body = [
      '<FlipDeck id="deck" cards={[{ id: "card-a", front: "What is `FROM`?", back: "The base image." }]} />',
      '',
      '<InterviewQuestion id="why-pin" question="Why pin a base image?" seniorAngle="Reproducible builds." keyPoints={["Digest", "Updates on purpose"]} />',
    ].join('\n')
    const contentDir = await writeCourse({ lessons: { first: lesson(body) } })
    const { manifest, reviewDeck, problems } = await compileContent({ contentDir, rootDir: root })
    expect(problems).toEqual([])
    const course = reviewDeck.courses[0]
    expect(course?.lessons).toEqual({ first: expect.any(String) })
    expect(course?.cards).toEqual([
      { kind: 'flip-card', id: 'card-a', front: 'What is `FROM`?', back: 'The base image.', lessonSlug: 'first', moduleSlug: expect.any(String) },
      {
        kind: 'interview',
        id: 'why-pin',
        question: 'Why pin a base image?',
        seniorAngle: 'Reproducible builds.',
        keyPoints: ['Digest', 'Updates on purpose'],
        lessonSlug: 'first',
        moduleSlug: expect.any(String),
      },
    ])
    expect(JSON.stringify(manifest)).not.toContain('The base image.')
  })
})

describe('building', () => {
  it('writes the manifest and one file per lesson, and removes lessons that no longer exist', async () => {
    const contentDir = await writeCourse({ lessons: { first: goodLesson, second: goodLesson } })
    const outDir = path.join(root, '.content')
    await buildContent({ contentDir, outDir, rootDir: root })
    expect((await readdir(path.join(outDir, 'demo'))).sort()).toEqual(['first.json', 'second.json'])
    expect(JSON.parse(await readFile(path.join(outDir, 'review.json'), 'utf8'))).toMatchObject({ version: 1, courses: [{ slug: 'demo' }] })

    await rm(path.join(contentDir, 'demo', 'second.mdx'))
    await writeCourse({ lessons: { first: goodLesson } })
    const result = await buildContent({ contentDir, outDir, rootDir: root })

    expect(result.written).toBe(true)
    expect(await readdir(path.join(outDir, 'demo'))).toEqual(['first.json'])
    const manifest = JSON.parse(await readFile(path.join(outDir, 'manifest.json'), 'utf8'))
    expect(manifest.courses[0].modules[0].lessons.map((l: { slug: string }) => l.slug)).toEqual(['first'])
  })

  it('keeps the previous output when the content has a problem', async () => {
    const contentDir = await writeCourse({ lessons: { first: goodLesson } })
    const outDir = path.join(root, '.content')
    await buildContent({ contentDir, outDir, rootDir: root })
    const before = await readFile(path.join(outDir, 'manifest.json'), 'utf8')

    await writeCourse({ lessons: { first: lesson('<Nope />') } })
    const result = await buildContent({ contentDir, outDir, rootDir: root })

    expect(result.written).toBe(false)
    expect(result.problems).toHaveLength(1)
    expect(await readFile(path.join(outDir, 'manifest.json'), 'utf8')).toBe(before)
  })
})

describe('interactive components', () => {
  it('checks cross-field rules and names each card and question as its own item', async () => {
    const deck = `<FlipDeck id="deck" cards={[{ id: "card-a", front: "Image?", back: "A template" }, { id: "card-a", front: "Container?", back: "A process" }]} />`
    const contentDir = await writeCourse({ lessons: { first: lesson(deck) } })
    const { problems } = await compileContent({ contentDir, rootDir: root })
    expect(problems.map((problem) => `${problem.line}: ${problem.message}`)).toEqual([
      '9: <FlipDeck> cards[1].id: repeats the id "card-a" of card 1; each card needs its own id',
    ])

    const quiz = `<Quiz id="check" questions={[{ id: "one", prompt: "Which is read-only?", kind: "single", options: [{ id: "image", text: "An image", correct: true, explanation: "Layers are read-only." }, { id: "container", text: "A container", correct: false, explanation: "It has a writable layer." }] }]} />`
    const good = await writeCourse({ lessons: { first: lesson(deck.replace('"card-a", front: "Container?"', '"card-b", front: "Container?"') + '\n\n' + quiz) } })
    const built = await compileContent({ contentDir: good, rootDir: root })
    expect(built.problems).toEqual([])
    const items = built.manifest.courses[0]?.modules[0]?.lessons[0]?.items ?? []
    expect(items.map((item) => `${item.kind} ${item.id}`)).toEqual(['flip-card card-a', 'flip-card card-b', 'quiz-question check.one'])
  })

  it('refuses a simulator whose Dockerfile does not parse, with the Dockerfile line', async () => {
    const simulator = `<LayerCacheSimulator id="sim" title="Broken" dockerfile={"COPY . .\\nRUN make"} />`
    const contentDir = await writeCourse({ lessons: { first: lesson(simulator) } })
    const { problems } = await compileContent({ contentDir, rootDir: root })
    expect(problems).toHaveLength(1)
    expect(problems[0]?.message).toMatch(/^<LayerCacheSimulator> dockerfile: line \d+ of the Dockerfile: /)
  })
})
