import { expect, expectAccessible, test } from './fixtures'

test.describe('a visitor working through a course', () => {
  test('finds the course, reads a lesson, and continues where they left off', async ({ page }) => {
    await page.goto('/')
    await expect(page.getByRole('heading', { level: 1, name: 'Courses' })).toBeVisible()
    await expectAccessible(page)

    await page.getByRole('link', { name: 'Docker Fundamentals' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Docker Fundamentals' })).toBeVisible()
    await expect(page.getByTestId('course-progress-text')).toHaveText(/^0 of \d+ lessons complete$/)
    const modules = page.getByRole('heading', { level: 2, name: /^Module \d+\./ })
    expect(await modules.count()).toBeGreaterThanOrEqual(2)
    await expectAccessible(page)

    const lessonLinks = page.getByRole('main').getByRole('listitem').getByRole('link')
    const firstLessonTitle = (await lessonLinks.first().locator('span.block').first().textContent())?.trim()
    const secondLessonTitle = (await lessonLinks.nth(1).locator('span.block').first().textContent())?.trim()
    expect(firstLessonTitle).toBeTruthy()

    await page.getByRole('link', { name: /Start the course/ }).click()
    await expect(page.getByRole('heading', { level: 1, name: firstLessonTitle! })).toBeVisible()
    // Code in lessons is highlighted when the course is compiled, not in the browser.
    const highlighted = page.locator('pre code span[style*="--shiki"]')
    expect(await highlighted.count()).toBeGreaterThan(0)
    await expect(page.getByRole('navigation', { name: 'Course contents' }).getByRole('link', { name: firstLessonTitle! })).toHaveAttribute('aria-current', 'page')
    await expectAccessible(page)

    await page.getByRole('button', { name: 'Mark lesson complete' }).click()
    await expect(page.getByText('You have completed this lesson.')).toBeVisible()

    await page.getByRole('link', { name: /Next/ }).click()
    await expect(page.getByRole('heading', { level: 1, name: secondLessonTitle! })).toBeVisible()

    await page.goto('/')
    await page.getByRole('link', { name: 'Docker Fundamentals' }).click()
    // The catalogue shows a progress line per course: wait until the course page has replaced it.
    await expect(page.getByRole('heading', { level: 1, name: 'Docker Fundamentals' })).toBeVisible()
    await expect(page.getByTestId('course-progress-text')).toHaveText(/^1 of \d+ lessons complete$/)
    await page.reload()
    await expect(page.getByTestId('course-progress-text')).toHaveText(/^1 of \d+ lessons complete$/)

    await page.getByRole('link', { name: /Continue where you left off/ }).click()
    await expect(page.getByRole('heading', { level: 1, name: secondLessonTitle! })).toBeVisible()
  })

  test('switches between light and dark themes and keeps the choice', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' })
    await page.goto('/courses/docker-fundamentals')
    const html = page.locator('html')
    await expect(html).not.toHaveClass(/dark/)

    const toggle = page.getByRole('button', { name: /theme/ })
    await toggle.click() // system -> light
    await toggle.click() // light -> dark
    await expect(html).toHaveClass(/dark/)
    await expectAccessible(page)

    await page.reload()
    await expect(html).toHaveClass(/dark/)
  })

  test('follows the system dark setting before any choice is made', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.goto('/')
    await expect(page.locator('html')).toHaveClass(/dark/)
    await expectAccessible(page)
  })

  test('a keyboard user can skip straight to the lesson text', async ({ page }) => {
    await page.goto('/courses/docker-fundamentals/the-setup-problem')
    await page.keyboard.press('Tab')
    const skip = page.getByRole('link', { name: 'Skip to content' })
    await expect(skip).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(/#main$/)
  })

  test('an unknown lesson gets a helpful 404', async ({ page }) => {
    const response = await page.goto('/courses/docker-fundamentals/no-such-lesson')
    expect(response?.status()).toBe(404)
    await expect(page.getByRole('heading', { level: 1, name: 'This page is not here' })).toBeVisible()
    await expect(page.getByRole('link', { name: 'See all courses' })).toBeVisible()
    await expectAccessible(page)
  })
})

test.describe('on a phone @phone', () => {
  test('the course contents fold away behind a button', async ({ page }) => {
    await page.goto('/courses/docker-fundamentals')
    await page.getByRole('link', { name: /Start the course/ }).click()
    const contents = page.getByRole('navigation', { name: 'Course contents' })
    const toggle = page.getByRole('button', { name: 'Course contents' })
    await expect(toggle).toHaveAttribute('aria-expanded', 'false')
    await expect(contents).toBeHidden()
    await toggle.click()
    await expect(toggle).toHaveAttribute('aria-expanded', 'true')
    await expect(contents).toBeVisible()
    await expectAccessible(page)
  })
})
