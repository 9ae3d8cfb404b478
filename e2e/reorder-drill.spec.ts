import AxeBuilder from '@axe-core/playwright'
import type { Locator, Page } from '@playwright/test'
import { expect, expectAccessible, test } from './fixtures'

const LESSON = '/courses/lesson-tour/every-component'
const TITLE = 'From source code to a running service'
const ITEM_ID = 'tour-reorder-source-to-service'
const CORRECT = [
  'Source code and dependency manifest',
  'Dockerfile',
  'Image artifact',
  'Runtime configuration',
  'Running service',
]

/**
 * The whole page is checked once on load; the later states are checked on the drill
 * alone, so a problem in another widget of the fixture lesson points at that widget's spec.
 */
async function expectDrillAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .include(`section[data-item-id="${ITEM_ID}"]`)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze()
  expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([])
}

function drillOn(page: Page) {
  return page.getByRole('region', { name: TITLE })
}

function stepList(drill: Locator) {
  return drill.getByRole('list', { name: 'Steps, in your order' })
}

function handleAt(drill: Locator, index: number) {
  return stepList(drill).getByRole('listitem').nth(index).getByRole('button').first()
}

/** The labels as the learner sees them, top to bottom. */
async function currentOrder(drill: Locator): Promise<string[]> {
  const items = stepList(drill).getByRole('listitem')
  const labels: string[] = []
  for (let index = 0; index < (await items.count()); index++) {
    // The text itself, not its rendering: a widget off screen is not laid out, so its innerText is empty.
    const text = (await items.nth(index).textContent()) ?? ''
    labels.push(CORRECT.find((label) => text.includes(label)) ?? text)
  }
  return labels
}

async function openDrill(page: Page) {
  await page.goto(LESSON)
  const drill = drillOn(page)
  await drill.scrollIntoViewIfNeeded()
  // The shuffle appears once the page knows the learner; before that only placeholders show.
  await expect(stepList(drill).getByRole('listitem')).toHaveCount(CORRECT.length)
  return drill
}

/** Sortable items glide to their new places after a drop; measure only once they have stopped. */
async function settledBox(locator: Locator) {
  let previous = await locator.boundingBox()
  for (let tries = 0; tries < 20; tries++) {
    await locator
      .page()
      .evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))))
    const current = await locator.boundingBox()
    if (
      current &&
      previous &&
      current.x === previous.x &&
      current.y === previous.y &&
      current.height === previous.height
    )
      return current
    previous = current
  }
  throw new Error('element kept moving')
}

/** dnd-kit listens to pointer events, so the drag is a real press, several moves, and a release. */
async function dragStep(page: Page, drill: Locator, from: number, to: number) {
  const source = await settledBox(handleAt(drill, from))
  const target = await settledBox(stepList(drill).getByRole('listitem').nth(to))
  await page.mouse.move(source.x + 20, source.y + source.height / 2)
  await page.mouse.down()
  await page.mouse.move(source.x + 20, source.y + source.height / 2 + (to > from ? 8 : -8), {
    steps: 4,
  })
  await page.mouse.move(source.x + 20, target.y + target.height / 2, { steps: 12 })
  await page.mouse.up()
}

test.describe('reorder drill', () => {
  test.describe.configure({ timeout: 60_000 })

  test('starts shuffled, marks each position, and restores the marks after a reload', async ({
    page,
  }) => {
    const drill = await openDrill(page)
    await expect(drill.getByText('Attempt 1', { exact: true })).toBeVisible()
    const shuffled = await currentOrder(drill)
    expect(shuffled).not.toEqual(CORRECT)
    expect([...shuffled].sort()).toEqual([...CORRECT].sort())
    await expectAccessible(page)

    await drill.getByRole('button', { name: 'Check' }).click()
    const items = stepList(drill).getByRole('listitem')
    const inPlace = shuffled.filter((label, index) => label === CORRECT[index]).length
    for (let index = 0; index < shuffled.length; index++) {
      await expect(items.nth(index)).toContainText(
        shuffled[index] === CORRECT[index] ? 'Right place' : 'Wrong place',
      )
    }
    await expect(drill.getByRole('status').filter({ hasText: 'in the right place' })).toContainText(
      `${inPlace} of 5 steps are in the right place.`,
    )
    await expect(drill.getByText('Attempt 1', { exact: true })).toBeVisible()
    await expect(drill.getByRole('button', { name: 'Show the answer' })).toHaveCount(0)
    await expectDrillAccessible(page)

    await page.reload()
    await expect(items).toHaveCount(5)
    expect(await currentOrder(drill)).toEqual(shuffled)
    await expect(stepList(drill).getByText('Wrong place')).toHaveCount(5 - inPlace)

    // Any move makes the marks stale, and the next attempt begins.
    await drill.getByRole('button', { name: `Move ${shuffled[1]} up` }).click()
    await expect(stepList(drill).getByText('Wrong place')).toHaveCount(0)
    await expect(drill.getByText('Attempt 2', { exact: true })).toBeVisible()
    expect((await currentOrder(drill)).slice(0, 2)).toEqual([shuffled[1], shuffled[0]])
  })

  test('solves by mouse drag and shows why each step sits where it does, also after a reload', async ({
    page,
  }) => {
    const drill = await openDrill(page)
    for (let position = 0; position < CORRECT.length; position++) {
      const order = await currentOrder(drill)
      const from = order.indexOf(CORRECT[position]!)
      if (from === position) continue
      await dragStep(page, drill, from, position)
      await expect
        .poll(() => currentOrder(drill).then((now) => now[position]))
        .toBe(CORRECT[position])
    }
    expect(await currentOrder(drill)).toEqual(CORRECT)

    await drill.getByRole('button', { name: 'Check' }).click()
    await expect(drill.getByText('Solved on attempt 1')).toBeVisible()
    const answer = drill.getByRole('list', { name: 'Steps, in the correct order' })
    await expect(answer.getByRole('listitem')).toHaveCount(5)
    await expect(answer.getByRole('listitem').nth(2)).toContainText('Image artifact')
    await expect(answer.getByRole('listitem').nth(2)).toContainText('docker build runs the recipe')
    await expectDrillAccessible(page)

    await page.reload()
    await expect(drill.getByText('Solved on attempt 1')).toBeVisible()
    await expect(answer.getByRole('listitem').first()).toContainText('pins every library it needs')
  })

  test('solves with the keyboard alone and announces each position', async ({ page }) => {
    const drill = await openDrill(page)
    const announcer = drill.getByRole('status').filter({ hasText: /position/ })

    // Fill the list from the bottom: each step only ever needs to move down.
    for (let position = CORRECT.length - 1; position >= 0; position--) {
      const label = CORRECT[position]!
      const from = (await currentOrder(drill)).indexOf(label)
      if (from === position) continue
      await handleAt(drill, from).focus()
      await page.keyboard.press('Space')
      await expect(announcer).toContainText(`Picked up ${label}, position ${from + 1} of 5`)
      await expect(stepList(drill).getByRole('listitem').nth(from)).toContainText('Moving')
      for (let at = from; at < position; at++) {
        await page.keyboard.press('ArrowDown')
        await expect(announcer).toContainText(`Moved ${label} to position ${at + 2} of 5.`)
      }
      await page.keyboard.press('Space')
      await expect(announcer).toContainText(`Dropped ${label} at position ${position + 1} of 5.`)
      await expect(handleAt(drill, position)).toBeFocused()
    }
    expect(await currentOrder(drill)).toEqual(CORRECT)

    await page.keyboard.press('Tab')
    // Tab walks through the step's Up and Down buttons before reaching Check.
    await drill.getByRole('button', { name: 'Check' }).focus()
    await page.keyboard.press('Enter')
    await expect(drill.getByText('Solved on attempt 1')).toBeVisible()
    await expect(drill.getByRole('status').filter({ hasText: 'Solved on attempt 1' })).toBeFocused()
  })

  test('Escape puts a carried step back where it was', async ({ page }) => {
    const drill = await openDrill(page)
    const before = await currentOrder(drill)
    await handleAt(drill, 0).focus()
    await page.keyboard.press('Space')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    expect((await currentOrder(drill))[2]).toBe(before[0])
    await page.keyboard.press('Escape')
    await expect(drill.getByRole('status').filter({ hasText: 'Cancelled' })).toContainText(
      `Cancelled. ${before[0]} returned to position 1 of 5.`,
    )
    expect(await currentOrder(drill)).toEqual(before)
  })

  test('offers the answer after three misses and keeps it after a reload', async ({ page }) => {
    const drill = await openDrill(page)
    const showAnswer = drill.getByRole('button', { name: 'Show the answer' })
    const seen: string[][] = []
    for (let miss = 1; miss <= 3; miss++) {
      await expect(drill.getByText(`Attempt ${miss}`, { exact: true })).toBeVisible()
      seen.push(await currentOrder(drill))
      await expect(showAnswer).toHaveCount(0)
      await drill.getByRole('button', { name: 'Check' }).click()
      await expect(
        drill.getByRole('status').filter({ hasText: 'in the right place' }),
      ).toBeVisible()
      if (miss < 3) await drill.getByRole('button', { name: 'Try again' }).click()
    }
    // Each attempt gets its own shuffle.
    expect(new Set(seen.map((order) => order.join('|'))).size).toBeGreaterThan(1)
    await expect(showAnswer).toBeVisible()
    await expectDrillAccessible(page)

    await showAnswer.click()
    const answer = drill.getByRole('list', { name: 'Steps, in the correct order' })
    await expect(answer.getByRole('listitem')).toHaveCount(5)
    for (let index = 0; index < CORRECT.length; index++) {
      await expect(answer.getByRole('listitem').nth(index)).toContainText(CORRECT[index]!)
    }
    await expect(
      drill.getByRole('status').filter({ hasText: 'This is the correct order' }),
    ).toBeFocused()
    await expectDrillAccessible(page)

    await page.reload()
    await expect(answer.getByRole('listitem')).toHaveCount(5)
    await drill.getByRole('button', { name: 'Try again' }).click()
    await expect(drill.getByText('Attempt 4', { exact: true })).toBeVisible()
    await expect(stepList(drill).getByRole('listitem')).toHaveCount(5)
    await expect(handleAt(drill, 0)).toBeFocused()
  })
})

test.describe('reorder drill on a phone', () => {
  test('a press-and-hold drag moves a step @phone', async ({ page }) => {
    const drill = await openDrill(page)
    const before = await currentOrder(drill)
    const source = await handleAt(drill, 0).boundingBox()
    const target = await stepList(drill).getByRole('listitem').nth(2).boundingBox()
    if (!source || !target) throw new Error('step not on screen')

    // Playwright's touchscreen only taps, so the touches go through the DevTools protocol.
    const cdp = await page.context().newCDPSession(page)
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: type === 'touchEnd' ? [] : [{ x, y }],
      })
    const x = source.x + 30
    await touch('touchStart', x, source.y + source.height / 2)
    // Held still past the activation delay, so this is a drag and not a scroll. What the drill then tells a
    // screen reader says where the drag stands, without guessing at timings.
    // ("Picked up …, position 1 of 5", at once followed by "… is already first, position 1 of 5".)
    const lifted = page.locator('[id^="DndLiveRegion"]').filter({ hasText: 'position 1 of 5' })
    await expect(lifted).toHaveCount(1)
    const spoken = page.locator(`[id="${await lifted.getAttribute('id')}"]`)
    const endY = target.y + target.height / 2
    for (let step = 1; step <= 12; step++) {
      await touch(
        'touchMove',
        x,
        source.y + source.height / 2 + ((endY - source.y - source.height / 2) * step) / 12,
      )
    }
    // The other steps slide aside as the finger passes; where the step lands is judged against where
    // they sit, so the finger stays at the target until the drill has settled on the third place.
    await expect
      .poll(async () => {
        await touch('touchMove', x, endY)
        return spoken.textContent()
      })
      .toContain('to position 3 of 5')
    await touch('touchEnd', x, endY)

    await expect
      .poll(() => currentOrder(drill))
      .toEqual([before[1], before[2], before[0], before[3], before[4]])
    await expectDrillAccessible(page)
  })
})
