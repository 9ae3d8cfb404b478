import { expect, expectAccessible, test } from './fixtures'

const lesson = '/courses/lesson-tour/every-component'

test.describe('a quiz in a lesson', () => {
  test('checks single and multiple choice answers by mouse, explains every option, and restores after a reload', async ({
    page,
  }) => {
    await page.goto(lesson)
    const quiz = page.getByRole('region', { name: 'Check your understanding' })
    const score = quiz.getByTestId('quiz-score')
    await expect(score).toHaveText('Check an answer to see your score')

    const first = quiz.getByRole('group', { name: /three containers from the same image/ })
    await expect(first.getByRole('radio')).toHaveCount(3)
    await first.getByRole('radio', { name: 'The image grows by three log files' }).check()
    await first.getByRole('button', { name: 'Check answer' }).click()
    await expect(first.getByText('Wrong: you chose this, but it is not correct.')).toBeVisible()
    await expect(first.getByText('This is the correct answer.')).toBeVisible()
    await expect(first.getByText('Image layers are read-only.')).toBeVisible()
    await expect(first.getByText('Not quite. The explanations show why.')).toBeVisible()
    await expect(score).toHaveText('0 of 3 correct · 2 still to check')
    await expectAccessible(page)

    const second = quiz.getByRole('group', { name: /docker stop/ })
    await expect(second.getByRole('checkbox')).toHaveCount(3)
    await second.getByRole('checkbox', { name: 'Files written inside the container' }).check()
    await second
      .getByRole('checkbox', { name: 'Data in a named volume mounted into the container' })
      .check()
    await second.getByRole('button', { name: 'Check answer' }).click()
    await expect(second.getByText('Correct.', { exact: true })).toBeVisible()
    await expect(second.getByText('Right: you chose this, and it is correct.')).toHaveCount(2)
    await expect(score).toHaveText('1 of 3 correct · 1 still to check')

    // Try again clears the selection for a new attempt; the score keeps the last checked answer until then.
    await first.getByRole('button', { name: 'Try again' }).click()
    await expect(first.getByRole('radio', { checked: true })).toHaveCount(0)
    await expect(first.getByText('Image layers are read-only.')).toBeHidden()
    await first.getByRole('radio', { name: /Nothing: each container/ }).check()
    await first.getByRole('button', { name: 'Check answer' }).click()
    await expect(first.getByText('Right: you chose this, and it is correct.')).toBeVisible()
    await expect(score).toHaveText('2 of 3 correct · 1 still to check')
    await expectAccessible(page)

    await page.reload()
    await expect(score).toHaveText('2 of 3 correct · 1 still to check')
    await expect(first.getByRole('radio', { name: /Nothing: each container/ })).toBeChecked()
    await expect(first.getByText('Right: you chose this, and it is correct.')).toBeVisible()
    await expect(second.getByRole('checkbox', { checked: true })).toHaveCount(2)
    await expect(second.getByText('Correct.', { exact: true })).toBeVisible()

    const saved = await page.evaluate(() =>
      JSON.parse(localStorage.getItem('drydock:progress:v1') ?? '{}'),
    )
    // Both attempts at the first question are kept: the first was wrong, the last right.
    expect(saved.items['lesson-tour/tour-quiz.shared-image']).toMatchObject({
      attempts: 2,
      firstTryCorrect: false,
      lastCorrect: true,
      completed: true,
    })
  })

  test('can be answered by keyboard alone', async ({ page }) => {
    // In the dark theme, so axe checks the colours of every state there too.
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.goto(lesson)
    const quiz = page.getByRole('region', { name: 'Check your understanding' })
    const third = quiz.getByRole('group', { name: /lists the images/ })

    // Nothing chosen yet: the learner is told what to do instead of nothing happening.
    await third.getByRole('button', { name: 'Check answer' }).focus()
    await page.keyboard.press('Enter')
    await expect(third.getByText('Choose an answer first.')).toBeVisible()

    await third.getByRole('radio').first().focus()
    await page.keyboard.press('ArrowDown')
    await expect(third.getByRole('radio', { name: 'docker ps', exact: true })).toBeChecked()
    await page.keyboard.press('Tab')
    await expect(third.getByRole('button', { name: 'Check answer' })).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(third.getByText('Wrong: you chose this, but it is not correct.')).toBeVisible()
    await expect(third.locator('[aria-live="polite"]')).toHaveText(
      'Not quite. The explanations show why.',
    )
    // Focus lands on the next thing to do.
    await expect(third.getByRole('button', { name: 'Try again' })).toBeFocused()
    await expect(quiz.getByTestId('quiz-score')).toHaveText('0 of 3 correct · 2 still to check')

    await page.keyboard.press('Enter')
    await expect(third.getByRole('radio').first()).toBeFocused()
    await page.keyboard.press('Space')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await expect(third.locator('[aria-live="polite"]')).toHaveText('Correct.')
    await expect(quiz.getByTestId('quiz-score')).toHaveText('1 of 3 correct · 2 still to check')
    await expectAccessible(page)
  })
})
