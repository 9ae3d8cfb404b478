import type { Locator, Page } from '@playwright/test'
import { expect, expectAccessible, test } from './fixtures'

const LESSON = '/courses/lesson-tour/every-component'

function pythonSimulator(page: Page): Locator {
  return page.getByRole('region', { name: 'Make a source edit cheap: a Flask API' })
}

function instructions(sim: Locator): Locator {
  return sim.getByTestId('layer-cache-instruction').locator('code')
}

function layer(sim: Locator, text: string): Locator {
  return sim
    .getByTestId('layer-cache-layer')
    .filter({ has: sim.page().locator('code', { hasText: text }) })
}

const NAIVE = [
  'FROM python:3.12-slim',
  'WORKDIR /app',
  'COPY . .',
  'COPY requirements.txt .',
  'RUN pip install --no-cache-dir -r requirements.txt',
  'EXPOSE 8000',
  'CMD ["python", "src/app.py"]',
]

const FIXED = [
  'FROM python:3.12-slim',
  'WORKDIR /app',
  'COPY requirements.txt .',
  'RUN pip install --no-cache-dir -r requirements.txt',
  'COPY . .',
  'EXPOSE 8000',
  'CMD ["python", "src/app.py"]',
]

async function openLesson(page: Page): Promise<Locator> {
  await page.goto(LESSON)
  const sim = pythonSimulator(page)
  await expect(sim).toBeVisible()
  // The island is interactive once hydration has run; the handle's live label says so.
  await expect(
    sim.getByRole('button', { name: /^Reorder COPY \. \., position 3 of 7$/ }),
  ).toBeVisible()
  return sim
}

test.describe('layer-cache simulator', () => {
  test('a learner sees a source edit reinstall everything, fixes the order by keyboard and solves the challenge', async ({
    page,
  }) => {
    // A long story on a lesson page with every widget: axe alone takes several seconds per state.
    test.slow()
    const sim = await openLesson(page)
    const status = sim.getByTestId('layer-cache-announcer')
    await expect(sim.getByTestId('layer-cache-challenge')).toContainText(
      'Challenge: make a source-only edit rebuild in under 5 s.',
    )
    await expect(sim.getByTestId('layer-cache-challenge')).toContainText('Not solved yet.')
    await expect(instructions(sim)).toHaveText(NAIVE)
    await expectAccessible(page)

    // First build: a cold cache, every layer runs.
    await sim.getByRole('button', { name: 'Build', exact: true }).click()
    await expect(status).toContainText('Build 1: First build: all 7 layers ran')
    await expect(sim.getByTestId('layer-cache-layer').filter({ hasText: 'Reused' })).toHaveCount(0)
    await expect(sim.getByTestId('layer-cache-totals')).toContainText(
      'a first build runs every layer',
    )

    // Second build after editing the app source: the install rebuilds, and the learner can read why.
    await sim.getByRole('radio', { name: /App source/ }).check()
    await sim.getByRole('button', { name: 'Build', exact: true }).click()
    await expect(status).toContainText('Build 2: 5 of 7 layers rebuilt')
    await expect(status).toContainText('Challenge not met yet.')
    const install = layer(sim, 'RUN pip install')
    await expect(install).toContainText('Rebuilt')
    await expect(install).toHaveAttribute('data-status', 'rebuilt')
    await install.getByText('Why?').click()
    await expect(install).toContainText(
      'COPY . . (line 3) was rebuilt, and once a layer rebuilds every later layer',
    )
    await expect(sim.getByTestId('layer-cache-totals')).toHaveText(
      /This build: 4\d(\.\d)? s · best possible order: 4\.6 s/,
    )
    await expect(sim.getByTestId('layer-cache-outcome')).toContainText('Challenge not met.')
    await expect(layer(sim, 'FROM python')).toContainText('Reused')
    await expectAccessible(page)

    // Keyboard only: pick up COPY . . and carry it below the install.
    const handle = sim.getByRole('button', { name: /^Reorder COPY \. \., position 3 of 7/ })
    await handle.focus()
    await page.keyboard.press('Space')
    await expect(status).toContainText('Picked up COPY . ., position 3 of 7.')
    await expect(sim.locator('[data-state="picked up"]')).toHaveCount(1)
    await page.keyboard.press('ArrowDown')
    await expect(status).toHaveText('COPY . ., position 4 of 7.')
    await page.keyboard.press('ArrowDown')
    await expect(status).toHaveText('COPY . ., position 5 of 7.')
    await expectAccessible(page)
    await page.keyboard.press('Space')
    await expect(status).toHaveText('Dropped COPY . . at position 5 of 7.')
    await expect(instructions(sim)).toHaveText(FIXED)
    await expect(
      sim.getByRole('button', { name: /^Reorder COPY \. \., position 5 of 7$/ }),
    ).toBeFocused()

    // Escape puts a picked-up instruction back.
    await page.keyboard.press('Space')
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('Escape')
    await expect(status).toHaveText('Move cancelled. COPY . . is back at position 5 of 7.')
    await expect(instructions(sim)).toHaveText(FIXED)

    // The first build in the new order has nothing cached below the moved line; the next one does.
    await sim.getByRole('button', { name: 'Build', exact: true }).focus()
    await page.keyboard.press('Enter')
    await expect(status).toContainText('Build 3:')
    await expect(layer(sim, 'RUN pip install')).toContainText('Rebuilt')
    await page.keyboard.press('Enter')
    await expect(status).toContainText('Build 4:')
    await expect(status).toContainText('Challenge solved.')
    await expect(layer(sim, 'RUN pip install')).toContainText('Reused')
    await expect(sim.getByTestId('layer-cache-outcome')).toContainText('Challenge solved.')
    await expect(sim.getByTestId('layer-cache-challenge')).toContainText(
      'Solved: rebuilt in 4.6 s.',
    )
    await expect(sim.getByTestId('layer-cache-history').locator('tbody tr')).toHaveCount(4)
    await expect(sim.getByTestId('layer-cache-history').locator('tbody tr').nth(2)).toContainText(
      '(new order)',
    )
    await expectAccessible(page)

    // A reload brings back the order and the solved challenge.
    await page.reload()
    const again = pythonSimulator(page)
    await expect(instructions(again)).toHaveText(FIXED)
    await expect(again.getByTestId('layer-cache-challenge')).toContainText(
      'Solved: rebuilt in 4.6 s.',
    )
    await expect(again.getByText('Your order from last time is back.')).toBeVisible()
    await expectAccessible(page)

    await again.getByRole('button', { name: 'Reset order' }).click()
    await expect(instructions(again)).toHaveText(NAIVE)
  })

  test('an order that would not build is refused with the reason', async ({ page }) => {
    const sim = await openLesson(page)
    const status = sim.getByTestId('layer-cache-announcer')
    await sim
      .getByRole('button', { name: 'Move RUN pip install --no-cache-dir -r requirements.txt up' })
      .click()
    await expect(status).toContainText(
      'RUN pip install --no-cache-dir -r requirements.txt moved to position 4 of 7.',
    )
    await sim
      .getByRole('button', { name: 'Move RUN pip install --no-cache-dir -r requirements.txt up' })
      .click()
    const refusal = sim.getByTestId('layer-cache-refusal')
    await expect(refusal).toContainText(
      'Not moved: This order would not build: RUN pip install --no-cache-dir -r requirements.txt needs requirements.txt, copied later',
    )
    await expect(status).toContainText('Not moved: This order would not build')
    await expect(instructions(sim).nth(3)).toHaveText(
      'RUN pip install --no-cache-dir -r requirements.txt',
    )
    await expectAccessible(page)

    await sim.getByRole('button', { name: 'Move WORKDIR /app up' }).click()
    await expect(refusal).toContainText('FROM stays first in its stage')
  })

  test('dragging an instruction with the mouse reorders it', async ({ page }) => {
    const sim = await openLesson(page)
    const handle = sim.getByRole('button', { name: /^Reorder COPY \. \., position 3 of 7/ })
    const target = sim.getByTestId('layer-cache-instruction').nth(4)
    await target.scrollIntoViewIfNeeded()
    const from = await handle.boundingBox()
    const to = await target.boundingBox()
    if (!from || !to) throw new Error('the rows are not laid out')
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
    await page.mouse.down()
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 + 10, { steps: 4 })
    await page.mouse.move(from.x + from.width / 2, to.y + to.height * 0.75, { steps: 12 })
    await page.mouse.up()
    await expect(instructions(sim)).toHaveText(FIXED)
    await expect(sim.getByTestId('layer-cache-announcer')).toHaveText(
      'Dropped COPY . . at position 5 of 7.',
    )
  })

  test('the multi-stage build keeps each stage in its own list', async ({ page }) => {
    await page.goto(LESSON)
    const sim = page.getByRole('region', { name: 'A two-stage Node build' })
    await expect(sim.getByRole('heading', { name: 'Stage 1: build' })).toBeVisible()
    await expect(sim.getByRole('heading', { name: 'Stage 2: runtime' })).toBeVisible()
    await expect(sim.getByText('ARG NODE_VERSION=20')).toBeVisible()
    await sim.getByRole('button', { name: 'Build', exact: true }).click()
    await sim.getByRole('radio', { name: /File excluded by \.dockerignore/ }).check()
    await sim.getByRole('button', { name: 'Build', exact: true }).click()
    await expect(sim.getByTestId('layer-cache-announcer')).toContainText('Everything reused')
    await expectAccessible(page)
  })
})

test('@phone the simulator fits a narrow screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 })
  const sim = await openLesson(page)
  await sim.getByRole('button', { name: 'Build', exact: true }).click()
  const overflow = await sim.evaluate((element) => element.scrollWidth - element.clientWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  await expectAccessible(page)
})
