import { readFile } from 'node:fs/promises'
import type { Browser, Page } from '@playwright/test'
import { E2E_ADMIN_EMAIL } from '../playwright.config'
import { expect, expectAccessible, test } from './fixtures'

const password = 'harbour lights at dusk'
const lesson = '/courses/docker-fundamentals/the-setup-problem'

function uniqueEmail(who: string) {
  return `${who}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`
}

async function fillSignUp(page: Page, email: string, name?: string) {
  if (name) await page.getByLabel('Your name').fill(name)
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByRole('banner').getByTestId('account-menu-email')).toHaveText(email)
}

/** The administrator is whoever signs up with ADMIN_EMAIL first; a retry signs in instead. */
async function adminPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await page.goto('/sign-in')
  await page.getByLabel('Email address').fill(E2E_ADMIN_EMAIL)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  const signedIn = page.getByRole('banner').getByTestId('account-menu-email')
  const refused = page.getByRole('alert', { name: /not right/ })
  await expect(signedIn.or(refused)).toBeVisible()
  if (await refused.isVisible()) {
    await page.goto('/sign-up')
    await fillSignUp(page, E2E_ADMIN_EMAIL)
  }
  return page
}

/** Answers the first question of the lesson's quiz with its first option; returns the question. */
async function answerFirstQuizQuestion(page: Page): Promise<string> {
  await page.goto(lesson)
  const first = page.getByRole('group').filter({ has: page.getByRole('button', { name: 'Check answer' }) }).first()
  // The text itself, not its rendering: off-screen widgets are not laid out, so innerText would be empty.
  const legend = ((await first.locator('legend').first().textContent()) ?? '').replace(/\s+/g, ' ').trim()
  // Pinned by its name: once answered it no longer has a Check answer button.
  const question = page.getByRole('group', { name: legend, exact: true })
  await question.getByRole('radio').or(question.getByRole('checkbox')).first().check()
  await question.getByRole('button', { name: 'Check answer' }).click()
  await expect(question.getByRole('button', { name: 'Try again' }).or(question.getByText('Correct.', { exact: true })).first()).toBeVisible()
  // The legend numbers the question ("1. …"); dashboards show the question itself.
  return legend.replace(/^\d+\.\s*/, '')
}

test.describe('cohorts', () => {
  test('an instructor runs a cohort: students join by link and the dashboard and CSV show their answers', async ({ browser }) => {
    test.setTimeout(180_000)

    // An instructor signs up; the administrator gives them the instructor role.
    const instructorEmail = uniqueEmail('instructor')
    const teacher = await (await browser.newContext()).newPage()
    await teacher.goto('/sign-up')
    await fillSignUp(teacher, instructorEmail, 'Ines Example')

    const admin = await adminPage(browser)
    await admin.goto(`/admin?q=${encodeURIComponent(instructorEmail)}`)
    const row = admin.getByTestId('admin-user').filter({ hasText: instructorEmail })
    await row.getByLabel('Role of Ines Example').selectOption('INSTRUCTOR')
    await row.getByRole('button', { name: 'Save role of Ines Example' }).click()
    await expect(row).toContainText('Instructor')
    await expectAccessible(admin)

    // The instructor creates a cohort and copies its link.
    await teacher.goto('/teach')
    await expectAccessible(teacher)
    const cohortName = `Harbour crew ${Date.now()}`
    await teacher.getByLabel('Cohort name').fill(cohortName)
    await teacher.getByLabel('Course').selectOption({ label: 'Docker Fundamentals' })
    await teacher.getByRole('button', { name: 'Create cohort' }).click()
    await expect(teacher.getByRole('heading', { level: 1, name: cohortName })).toBeVisible()
    const link = teacher.getByTestId('join-link')
    await expect(link).toHaveText(/^http.*\/join\/[A-Z0-9]{8}$/)
    const joinUrl = await link.innerText()
    await teacher.getByRole('button', { name: 'Copy link' }).click()
    await expect(teacher.getByRole('status').filter({ hasText: /copied|Copying is blocked/ })).toBeVisible()
    await expectAccessible(teacher)

    // Student A practises anonymously first, then signs up through the link.
    const studentA = await (await browser.newContext()).newPage()
    const prompt = await answerFirstQuizQuestion(studentA)
    await studentA.goto(joinUrl)
    await expect(studentA.getByText(cohortName)).toBeVisible()
    await expectAccessible(studentA)
    await studentA.getByRole('link', { name: 'Create an account to join' }).click()
    await fillSignUp(studentA, uniqueEmail('student-a'), 'Ada Example')
    await studentA.getByRole('button', { name: `Join ${cohortName}` }).click()
    await expect(studentA.getByText('You joined the cohort.')).toBeVisible()
    await expectAccessible(studentA)
    // The answer given before signing up is in the account now.
    await studentA.goto(lesson)
    await expect(studentA.getByTestId('sync-status').first()).toHaveText('✓ Saved', { timeout: 30_000 })

    // Student B signs up through the link too, and answers the same question.
    const studentB = await (await browser.newContext()).newPage()
    await studentB.goto(joinUrl)
    await studentB.getByRole('link', { name: 'Create an account to join' }).click()
    await fillSignUp(studentB, uniqueEmail('student-b'), 'Bo Example')
    await studentB.getByRole('button', { name: `Join ${cohortName}` }).click()
    await expect(studentB.getByText('You joined the cohort.')).toBeVisible()
    await answerFirstQuizQuestion(studentB)
    await expect(studentB.getByTestId('sync-status').first()).toHaveText('✓ Saved', { timeout: 30_000 })

    // The instructor sees both on the heatmap and in the item analysis (progress is sent in the background).
    const heatmap = teacher.getByTestId('heatmap')
    const itemRow = teacher.getByTestId('item-analysis').getByRole('row').filter({ hasText: prompt })
    await expect(async () => {
      await teacher.reload()
      await expect(itemRow.getByRole('cell').first()).toHaveText('2', { timeout: 1000 })
    }).toPass({ timeout: 30_000 })
    await expect(heatmap.getByRole('rowheader', { name: 'Ada Example' })).toBeVisible()
    await expect(heatmap.getByRole('rowheader', { name: 'Bo Example' })).toBeVisible()
    await expectAccessible(teacher)

    // Both CSV files hold their results.
    const [heatmapDownload] = await Promise.all([
      teacher.waitForEvent('download'),
      teacher.getByRole('link', { name: 'Download the heatmap (CSV)' }).click(),
    ])
    const heatmapCsv = await readFile((await heatmapDownload.path()) ?? '', 'utf8')
    expect(heatmapCsv).toContain('Ada Example')
    expect(heatmapCsv).toContain('Bo Example')
    expect(heatmapCsv.split('\r\n')[0]).toContain('The setup problem')

    const [itemsDownload] = await Promise.all([
      teacher.waitForEvent('download'),
      teacher.getByRole('link', { name: 'Download the item analysis (CSV)' }).click(),
    ])
    const itemsCsv = await readFile((await itemsDownload.path()) ?? '', 'utf8')
    const line = itemsCsv.split('\r\n').find((entry) => entry.includes(prompt.replaceAll('"', '""')))
    expect(line, `the items CSV has a row for “${prompt}”`).toBeDefined()
    // Learners, then attempts: both students answered once.
    expect(line).toMatch(/,2,2,2,/)

    // One student's timeline shows the answer.
    await teacher.getByRole('link', { name: 'Bo Example' }).first().click()
    await expect(teacher.getByTestId('timeline')).toContainText('Answered a quiz question')
    await expectAccessible(teacher)
  })

  test('a student enters a code by hand; a wrong code gets a clear message', async ({ page }) => {
    await page.goto('/sign-up')
    await fillSignUp(page, uniqueEmail('coder'))
    await page.goto('/dashboard')
    await expectAccessible(page)
    await page.getByLabel('Cohort code').fill('ZZZZ-9999')
    await page.getByRole('button', { name: 'Join', exact: true }).click()
    await expect(page.getByRole('alert', { name: 'There is a problem' })).toContainText('does not open a cohort')
    await expectAccessible(page)
  })

  test('students and visitors cannot reach the instructor pages', async ({ page }) => {
    const anonymous = await page.request.get('/teach', { maxRedirects: 0 })
    expect(anonymous.status()).toBe(307)
    expect(anonymous.headers().location).toContain('/sign-in')
    await page.goto('/sign-up')
    await fillSignUp(page, uniqueEmail('nosy'))
    const student = await page.goto('/teach')
    expect(student?.status()).toBe(404)
    const csv = await page.request.get('/teach/cohorts/demo-cohort/heatmap.csv')
    expect(csv.status()).toBe(404)
  })
})
