import AxeBuilder from '@axe-core/playwright'
import type { Locator, Page } from '@playwright/test'
import { expect, expectAccessible, test } from './fixtures'

const LESSON = '/courses/lesson-tour/every-component'
const HOTFIX = 'tour-command-hotfix'
const PUBLISH = 'tour-command-publish'

const BUILD = 'docker build -t shop:1.0.1 .'
const STOP = 'docker stop shop'
const RM = 'docker rm shop'
const RUN = 'docker run -d --name shop --network shop-net -p 8080:8080 shop:1.0.1'
const RESTART = 'docker restart shop'

/**
 * The whole page is checked once on load; the later states are checked on the builder
 * alone, so a problem in another widget of the fixture lesson points at that widget's spec.
 */
async function expectBuilderAccessible(page: Page, itemId: string) {
  const results = await new AxeBuilder({ page })
    .include(`[data-item-id="${itemId}"]`)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze()
  expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([])
}

async function openBuilder(page: Page, itemId = HOTFIX) {
  await page.goto(LESSON)
  const builder = page.locator(`[data-item-id="${itemId}"]`)
  await builder.scrollIntoViewIfNeeded()
  // Tiles appear once the page knows the learner and can shuffle the palette.
  await expect(builder.getByRole('button', { name: /^Add docker build/ })).toBeVisible()
  return builder
}

function paletteTile(builder: Locator, command: string) {
  return builder.getByRole('button', { name: `Add ${command}`, exact: true })
}

function sequence(builder: Locator) {
  return builder.getByRole('list', { name: 'Your sequence' })
}

function entries(builder: Locator) {
  return sequence(builder).getByRole('listitem')
}

async function sequenceCommands(builder: Locator): Promise<string[]> {
  if ((await sequence(builder).count()) === 0) return []
  // The text itself, not its rendering: a widget off screen is not laid out, so its innerText is empty.
  return entries(builder).locator('code').allTextContents()
}

function results(builder: Locator) {
  return builder.getByRole('status').filter({ hasText: /Correct|Not yet/ })
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

/** A press, several pointer moves, and a release: dnd-kit listens to pointer events, not HTML drag and drop. */
async function drag(page: Page, source: Locator, target: Locator) {
  const from = await settledBox(source)
  const to = await settledBox(target)
  await page.mouse.move(from.x + 20, from.y + from.height / 2)
  await page.mouse.down()
  await page.mouse.move(from.x + 30, from.y + from.height / 2 + 6, { steps: 4 })
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 15 })
  await page.mouse.up()
}

test.describe('command builder', () => {
  test.describe.configure({ timeout: 60_000 })

  test('builds the hotfix by clicking tiles, is marked correct, and stays so after a reload', async ({
    page,
  }) => {
    const builder = await openBuilder(page)
    await expect(builder.getByText('Empty. Click or drag commands here.')).toBeVisible()
    await expect(builder.getByText('Attempt 1', { exact: true })).toBeVisible()
    await expectAccessible(page)

    for (const command of [BUILD, STOP, RM, RUN]) await paletteTile(builder, command).click()
    expect(await sequenceCommands(builder)).toEqual([BUILD, STOP, RM, RUN])
    await expect(paletteTile(builder, BUILD)).toContainText('in sequence')

    await builder.getByRole('button', { name: 'Check' }).click()
    await expect(results(builder)).toContainText('Correct: this sequence does the job.')
    await expect(entries(builder).getByText('Right')).toHaveCount(4)
    await expectBuilderAccessible(page, HOTFIX)

    await page.reload()
    await builder.scrollIntoViewIfNeeded()
    await expect(entries(builder)).toHaveCount(4)
    expect(await sequenceCommands(builder)).toEqual([BUILD, STOP, RM, RUN])
    await expect(results(builder)).toContainText('Correct')
  })

  test('marks distractors and missing steps, explains them, and restores the verdicts', async ({
    page,
  }) => {
    const builder = await openBuilder(page)
    for (const command of [RESTART, BUILD, RUN]) await paletteTile(builder, command).click()
    await builder.getByRole('button', { name: 'Check' }).click()

    await expect(results(builder)).toContainText(
      'Not yet: 2 of 3 steps are right, and 2 commands are missing.',
    )
    await expect(results(builder)).toContainText(
      'docker restart shop is not needed here: it restarts the same container from the same 1.0.0 image',
    )
    await expect(results(builder)).toContainText(
      'Something is missing: the old container is still running',
    )
    await expect(results(builder)).toContainText(
      'Something is missing: the name shop still belongs to the old container',
    )
    await expect(entries(builder).nth(0)).toContainText('Not needed')
    await expect(entries(builder).nth(1)).toContainText('Right')
    await expect(entries(builder).nth(2)).toContainText('Right')
    await expect(builder.getByText('Attempt 1', { exact: true })).toBeVisible()
    await expectBuilderAccessible(page, HOTFIX)

    await page.reload()
    await expect(entries(builder)).toHaveCount(3)
    await expect(entries(builder).nth(0)).toContainText('Not needed')
    await expect(results(builder)).toContainText('2 commands are missing')

    // Editing clears the stale verdicts and starts the next attempt.
    await builder.getByRole('button', { name: `Remove ${RESTART}` }).click()
    await expect(entries(builder)).toHaveCount(2)
    await expect(results(builder)).toHaveCount(0)
    await expect(builder.getByText('Attempt 2', { exact: true })).toBeVisible()
    await builder.getByRole('button', { name: 'Clear' }).click()
    await expect(builder.getByText('Empty. Click or drag commands here.')).toBeVisible()
  })

  test('says which command is out of order', async ({ page }) => {
    const builder = await openBuilder(page)
    for (const command of [BUILD, RUN, STOP, RM]) await paletteTile(builder, command).click()
    await builder.getByRole('button', { name: 'Check' }).click()
    await expect(entries(builder).nth(1)).toContainText('Out of order')
    await expect(results(builder)).toContainText(`${RUN} must come after ${RM}`)
    await expectBuilderAccessible(page, HOTFIX)
  })

  test('builds and orders the sequence by mouse drag', async ({ page }) => {
    // Palette and sequence side by side, both wholly on screen, so every drag starts and ends in view.
    await page.setViewportSize({ width: 1280, height: 1400 })
    const builder = await openBuilder(page)
    const dropZone = builder.getByText('Empty. Click or drag commands here.')
    await drag(page, paletteTile(builder, RUN), dropZone)
    await expect(entries(builder)).toHaveCount(1)
    // Dropping a tile on an entry puts it in that entry's place.
    for (const [index, command] of [BUILD, STOP, RM].entries()) {
      await drag(page, paletteTile(builder, command), entries(builder).last())
      await expect(entries(builder)).toHaveCount(index + 2)
    }
    expect(await sequenceCommands(builder)).toEqual([BUILD, STOP, RM, RUN])

    // Reorder inside the sequence: move the build step from first to last and back. Centred, so the
    // pointer stays clear of the edges where dnd-kit scrolls the page mid-drag.
    await sequence(builder).evaluate((list) => list.scrollIntoView({ block: 'center' }))
    await drag(page, entries(builder).first().getByRole('button').first(), entries(builder).last())
    await expect.poll(() => sequenceCommands(builder)).toEqual([STOP, RM, RUN, BUILD])
    await drag(page, entries(builder).last().getByRole('button').first(), entries(builder).first())
    await expect.poll(() => sequenceCommands(builder)).toEqual([BUILD, STOP, RM, RUN])

    // Dragging a step back onto the palette takes it out of the sequence.
    await drag(
      page,
      entries(builder).last().getByRole('button').first(),
      paletteTile(builder, RESTART),
    )
    await expect.poll(() => sequenceCommands(builder)).toEqual([BUILD, STOP, RM])
    await paletteTile(builder, RUN).click()

    await builder.getByRole('button', { name: 'Check' }).click()
    await expect(results(builder)).toContainText('Correct')
  })

  test('works with the keyboard alone, announcing positions', async ({ page }) => {
    const builder = await openBuilder(page)
    const announcer = builder.getByRole('status').filter({ hasText: /position/ })

    // Tiles are buttons: Enter adds, and focus stays on the tile for the next one.
    for (const command of [RUN, BUILD, STOP, RM]) {
      await paletteTile(builder, command).focus()
      await page.keyboard.press('Enter')
    }
    await expect(announcer).toContainText(`Added ${RM} at position 4 of 4.`)
    await expect(paletteTile(builder, RM)).toBeFocused()
    expect(await sequenceCommands(builder)).toEqual([RUN, BUILD, STOP, RM])

    // Carry the run step to the end: Space, ArrowDown three times, Space.
    await entries(builder).first().getByRole('button').first().focus()
    await page.keyboard.press('Space')
    await expect(announcer).toContainText(`Picked up ${RUN}, position 1 of 4`)
    for (const position of [2, 3, 4]) {
      await page.keyboard.press('ArrowDown')
      await expect(announcer).toContainText(`Moved ${RUN} to position ${position} of 4.`)
    }
    await page.keyboard.press('Space')
    await expect(announcer).toContainText(`Dropped ${RUN} at position 4 of 4.`)
    expect(await sequenceCommands(builder)).toEqual([BUILD, STOP, RM, RUN])

    // The per-step buttons do the same for switch users.
    await builder.getByRole('button', { name: `Move ${BUILD} down` }).focus()
    await page.keyboard.press('Enter')
    await expect(announcer).toContainText(`Moved ${BUILD} to position 2 of 4.`)
    await expect(builder.getByRole('button', { name: `Move ${BUILD} down` })).toBeFocused()
    await builder.getByRole('button', { name: `Move ${BUILD} up` }).focus()
    await page.keyboard.press('Enter')
    expect(await sequenceCommands(builder)).toEqual([BUILD, STOP, RM, RUN])

    await builder.getByRole('button', { name: 'Check' }).focus()
    await page.keyboard.press('Enter')
    await expect(results(builder)).toContainText('Correct')
  })

  test('accepts the commands of one stage in either order, and an alternative answer', async ({
    page,
  }) => {
    const builder = await openBuilder(page, PUBLISH)
    const build =
      'docker build -t registry.example.com/shop:1.0.1 -t registry.example.com/shop:latest .'
    for (const command of [
      build,
      'docker push registry.example.com/shop:latest',
      'docker push registry.example.com/shop:1.0.1',
    ])
      await paletteTile(builder, command).click()
    await builder.getByRole('button', { name: 'Check' }).click()
    await expect(results(builder)).toContainText('Correct')

    await builder.getByRole('button', { name: 'Clear' }).click()
    await paletteTile(builder, build).click()
    await paletteTile(builder, 'docker push --all-tags registry.example.com/shop').click()
    await builder.getByRole('button', { name: 'Check' }).click()
    await expect(results(builder)).toContainText('Correct')
    await expectBuilderAccessible(page, PUBLISH)
  })
})
