import type { APIRequestContext, Page } from '@playwright/test'
import { expect, test } from './fixtures'

const lesson = '/courses/lesson-tour/every-component'
const password = 'a steady tide at noon'
// Browsers send Origin with every POST; a request context has to be told to.
const ORIGIN = { Origin: new URL(process.env.E2E_BASE_URL ?? `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`).origin }

function uniqueEmail(who: string) {
  return `${who}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`
}

async function signUp(page: Page) {
  const email = uniqueEmail('sync')
  await page.goto('/sign-up')
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByRole('banner').getByTestId('account-menu-email')).toHaveText(email)
  return email
}

interface ItemSnapshot {
  itemId: string
  attempts: number
  completed: boolean
  last: Record<string, Record<string, unknown>>
}

async function savedItem(request: APIRequestContext, itemId: string): Promise<ItemSnapshot | undefined> {
  const response = await request.get('/api/progress?course=lesson-tour')
  expect(response.status()).toBe(200)
  const body = (await response.json()) as { items: ItemSnapshot[] }
  return body.items.find((item) => item.itemId === itemId)
}

function event(overrides: Record<string, unknown> = {}) {
  return {
    clientEventId: crypto.randomUUID(),
    courseSlug: 'lesson-tour',
    lessonSlug: 'every-component',
    itemId: 'tour-quiz.shared-image',
    type: 'quiz.answered',
    payload: { selected: ['unchanged'], correct: true, completed: true },
    occurredAt: new Date().toISOString(),
    ...overrides,
  }
}

test.describe('saving progress to an account', () => {
  test('the progress API refuses visitors and bad input with a message, and changes nothing', async ({ page }) => {
    const anonymous = await page.request.post('/api/progress', { headers: ORIGIN, data: { events: [event()] } })
    expect(anonymous.status()).toBe(401)
    expect((await anonymous.json()).message).toMatch(/Sign in/)

    await signUp(page)
    const request = page.request

    const foreign = await request.post('/api/progress', { headers: { Origin: 'https://elsewhere.example' }, data: { events: [event()] } })
    expect(foreign.status()).toBe(403)

    const notJson = await request.post('/api/progress', { headers: { ...ORIGIN, 'Content-Type': 'text/plain' }, data: 'hello' })
    expect(notJson.status()).toBe(415)

    const broken = await request.post('/api/progress', {
      headers: { ...ORIGIN, 'Content-Type': 'application/json' },
      // A Buffer is sent as it is; a string would be encoded as a JSON string.
      data: Buffer.from('{"events": ['),
    })
    expect(broken.status()).toBe(400)
    expect((await broken.json()).message).toBe('The body is not valid JSON.')

    const wrongShape = await request.post('/api/progress', { headers: ORIGIN, data: { events: [event({ clientEventId: 'not-a-uuid' })] } })
    expect(wrongShape.status()).toBe(400)
    const wrongBody = await wrongShape.json()
    expect(wrongBody.issues.join(' ')).toMatch(/clientEventId/)
    expect(JSON.stringify(wrongBody)).not.toMatch(/at .*\.(js|ts):\d+/)

    const unknownLesson = await request.post('/api/progress', {
      headers: ORIGIN,
      data: { events: [event(), event({ lessonSlug: 'no-such-lesson' })] },
    })
    expect(unknownLesson.status()).toBe(422)

    const huge = await request.post('/api/progress', {
      headers: ORIGIN,
      data: { events: [event({ payload: { note: 'x'.repeat(600 * 1024) } })] },
    })
    expect(huge.status()).toBe(413)

    // The valid event in the refused batch was not stored either.
    expect(await savedItem(request, 'tour-quiz.shared-image')).toBeUndefined()
  })

  test('a retried or repeated send is stored once', async ({ page }) => {
    await signUp(page)
    const batch = [event(), event({ payload: { selected: ['grows'], correct: false } })]
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => page.request.post('/api/progress', { headers: ORIGIN, data: { events: batch } })),
    )
    const accepted = new Set<string>()
    for (const response of responses) {
      expect(response.status()).toBe(200)
      const body = (await response.json()) as { accepted: string[]; duplicates: string[] }
      body.accepted.forEach((id) => accepted.add(id))
      expect(body.accepted.length + body.duplicates.length).toBe(2)
    }
    expect(accepted.size).toBe(2)
    expect((await savedItem(page.request, 'tour-quiz.shared-image'))?.attempts).toBe(2)
  })

  test('answers given offline are kept, sent when the connection returns, and stored once', async ({
    page,
    context,
  }) => {
    await signUp(page)
    await page.goto(lesson)
    const status = page.getByTestId('sync-status').first()
    await expect(status).toHaveText(/Saved/)

    await context.setOffline(true)
    const question = page.getByRole('group', { name: /three containers from the same image/ })
    await question.getByRole('radio', { name: /Nothing: each container writes/ }).check()
    await question.getByRole('button', { name: 'Check answer' }).click()
    await page.getByRole('checkbox', { name: /Write a Dockerfile with two lines/ }).check()
    await expect(status).toHaveText(/Offline — \d+ answers? waiting/)

    await context.setOffline(false)
    await page.evaluate(() => window.dispatchEvent(new Event('online')))
    await expect(status).toHaveText('✓ Saved')

    const quiz = await savedItem(page.request, 'tour-quiz.shared-image')
    expect(quiz).toMatchObject({ attempts: 1, completed: true })
    const checklist = await savedItem(page.request, 'tour-checklist-first-image')
    expect(checklist?.last['checklist.ticked']).toMatchObject({ ticked: [0] })
  })

  test('progress made before signing in is merged into the new account', async ({ page }) => {
    await page.goto(lesson)
    await page.getByRole('checkbox', { name: /Write a Dockerfile with two lines/ }).check()
    await page.getByRole('checkbox', { name: /Build an image from it/ }).check()
    await expect(page.getByTestId('sync-status').first()).toHaveText(/Saved in this browser/)

    await signUp(page)
    await expect
      .poll(async () => (await savedItem(page.request, 'tour-checklist-first-image'))?.last['checklist.ticked'])
      .toMatchObject({ ticked: [0, 1] })
  })

  test('another browser signed in to the same account sees the same progress', async ({ page, browser }) => {
    const email = await signUp(page)
    await page.goto(lesson)
    await page.getByRole('checkbox', { name: /Write a Dockerfile with two lines/ }).check()
    await expect(page.getByTestId('sync-status').first()).toHaveText('✓ Saved')

    const other = await browser.newContext()
    const second = await other.newPage()
    await second.goto('/sign-in')
    await second.getByLabel('Email address').fill(email)
    await second.getByLabel('Password', { exact: true }).fill(password)
    await second.getByRole('button', { name: 'Sign in' }).click()
    await expect(second.getByRole('banner').getByTestId('account-menu-email')).toHaveText(email)
    await second.goto(lesson)
    await expect(second.getByRole('checkbox', { name: /Write a Dockerfile with two lines/ })).toBeChecked()
    await other.close()
  })
})
