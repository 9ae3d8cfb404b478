import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { adminPage, signUp, uniqueEmail } from './support/accounts'

/**
 * Everything people type comes back as text, never as markup: names, cohort names,
 * join codes, the admin search, interview drafts, and the messages and return paths
 * that travel in URLs. Each page is checked in Chromium: no dialog opens, no element
 * the payload describes exists, and the payload is on the page as plain text.
 */

// Short enough for a cohort name (80 characters); each part is a different way in.
const PAYLOAD = `"><img src=x onerror=alert(1)><svg onload=alert(2)><script>alert(3)</script>`
const LONG_PAYLOAD = `</textarea><iframe srcdoc="<script>parent.alert(4)</script>"></iframe>${PAYLOAD}`

const lesson = '/courses/lesson-tour/every-component'

/** Fails the test on any dialog the page opens from now on. */
function watchForDialogs(page: Page, dialogs: string[]) {
  page.on('dialog', (dialog) => {
    dialogs.push(`${page.url()}: ${dialog.message()}`)
    void dialog.dismiss()
  })
}

/** No element the payloads would create exists, and no inline script mentions them. */
async function expectNoInjectedHtml(page: Page, where: string) {
  const injected = await page.evaluate(() => {
    const found: string[] = []
    for (const element of document.querySelectorAll('img[src="x"], svg[onload], iframe[srcdoc], [onerror], [onload]')) {
      found.push(element.outerHTML.slice(0, 120))
    }
    for (const script of document.querySelectorAll('script:not([src])')) {
      if (/alert\(\d\)/.test(script.textContent ?? '') && !/self\.__next_f/.test(script.textContent ?? '')) found.push(script.outerHTML.slice(0, 120))
    }
    return found
  })
  expect(injected, where).toEqual([])
}

async function expectShownAsText(page: Page, text: string, where: string) {
  await expect(page.getByText(text, { exact: false }).first(), where).toBeVisible()
  await expectNoInjectedHtml(page, where)
}

test.describe('no injected HTML', () => {
  test('names, cohort names, codes, searches, drafts and URL messages are shown as text', async ({ browser }) => {
    test.setTimeout(240_000)
    const dialogs: string[] = []

    // A student whose name is the payload.
    const studentEmail = uniqueEmail('xss-student')
    const student = await (await browser.newContext()).newPage()
    watchForDialogs(student, dialogs)
    await signUp(student, studentEmail, PAYLOAD)
    await student.goto('/account')
    await expectNoInjectedHtml(student, '/account')

    // An instructor with the same name, promoted by the administrator, who searches for the payload too.
    const teacherEmail = uniqueEmail('xss-teacher')
    const teacher = await (await browser.newContext()).newPage()
    watchForDialogs(teacher, dialogs)
    await signUp(teacher, teacherEmail, PAYLOAD)
    const admin = await adminPage(browser)
    watchForDialogs(admin, dialogs)
    await admin.goto(`/admin?q=${encodeURIComponent(PAYLOAD)}`)
    await expect(admin.getByLabel('Find by email or name')).toHaveValue(PAYLOAD)
    await expectNoInjectedHtml(admin, '/admin search for the payload')
    await admin.goto(`/admin?q=${encodeURIComponent(teacherEmail)}`)
    const row = admin.getByTestId('admin-user').filter({ hasText: teacherEmail })
    await expectShownAsText(admin, PAYLOAD, '/admin row with the payload as a name')
    await row.getByRole('combobox').selectOption('INSTRUCTOR')
    await row.getByRole('button', { name: /Save role/ }).click()
    await expect(row).toContainText('Instructor')
    // Messages carried in the URL are text too.
    await admin.goto(`/admin?problem=${encodeURIComponent(LONG_PAYLOAD)}`)
    await expectShownAsText(admin, PAYLOAD, '/admin?problem=')

    // The instructor names a cohort with the payload.
    await teacher.goto('/teach')
    await teacher.getByLabel('Cohort name').fill(PAYLOAD)
    await teacher.getByLabel('Course').selectOption({ label: 'Docker Fundamentals' })
    await teacher.getByRole('button', { name: 'Create cohort' }).click()
    await expect(teacher.getByRole('heading', { level: 1, name: PAYLOAD })).toBeVisible()
    await expectNoInjectedHtml(teacher, 'cohort page')
    const cohortUrl = teacher.url()
    const joinUrl = await teacher.getByTestId('join-link').innerText()
    await teacher.goto('/teach')
    await expectShownAsText(teacher, PAYLOAD, '/teach list')
    await teacher.goto(`${cohortUrl}?problem=${encodeURIComponent(LONG_PAYLOAD)}`)
    await expectShownAsText(teacher, PAYLOAD, 'cohort page ?problem=')

    // The student joins by the link: the preview shows the cohort's and the instructor's names.
    await student.goto(joinUrl)
    await expectShownAsText(student, PAYLOAD, '/join preview')
    await student.getByRole('button', { name: /^Join / }).click()
    await expect(student.getByText('You joined the cohort.')).toBeVisible()
    await expectShownAsText(student, PAYLOAD, '/dashboard cohorts')

    // A code typed on the dashboard, and one in a join link, come back as text.
    await student.getByLabel('Cohort code').fill(PAYLOAD)
    await student.getByRole('button', { name: 'Join', exact: true }).click()
    await expect(student.getByRole('alert').first()).toBeVisible()
    await expect(student.getByLabel('Cohort code')).toHaveValue(PAYLOAD.slice(0, 64))
    await expectNoInjectedHtml(student, '/dashboard join code')
    await student.goto(`/join/${encodeURIComponent(PAYLOAD)}`)
    await expectNoInjectedHtml(student, '/join/<payload>')

    // An interview draft is kept in the browser and shown again after a reload.
    await student.goto(lesson)
    const draft = student.getByLabel('Your answer, before you look').first()
    await draft.fill(LONG_PAYLOAD)
    await draft.blur()
    await expect(async () => {
      await student.reload()
      await expect(draft).toHaveValue(LONG_PAYLOAD, { timeout: 2000 })
    }).toPass({ timeout: 20_000 })
    await expectNoInjectedHtml(student, 'lesson with an interview draft')

    // The instructor's dashboard and the student's timeline show the student's name.
    await teacher.goto(cohortUrl)
    await expect(teacher.getByTestId('heatmap').getByRole('rowheader', { name: PAYLOAD })).toBeVisible()
    await expectNoInjectedHtml(teacher, 'cohort heatmap')
    await teacher.getByTestId('heatmap').getByRole('link', { name: PAYLOAD }).click()
    await expect(teacher.getByRole('heading', { level: 1, name: PAYLOAD })).toBeVisible()
    await expectNoInjectedHtml(teacher, 'student timeline')

    // Sign-in echoes what was typed; its return path cannot be a script or another site.
    const visitor = await (await browser.newContext()).newPage()
    watchForDialogs(visitor, dialogs)
    await visitor.goto('/sign-in')
    await visitor.getByLabel('Email address').fill(PAYLOAD)
    await visitor.getByLabel('Password', { exact: true }).fill('whatever it is')
    await visitor.getByRole('button', { name: 'Sign in' }).click()
    await expect(visitor.getByRole('alert').first()).toBeVisible()
    await expect(visitor.getByLabel('Email address')).toHaveValue(PAYLOAD)
    await expectNoInjectedHtml(visitor, '/sign-in echo')
    for (const next of ['javascript:alert(5)', '//evil.example/', 'https://evil.example/', `/"><script>alert(6)</script>`]) {
      await visitor.context().clearCookies()
      await visitor.goto(`/sign-in?next=${encodeURIComponent(next)}`)
      await visitor.getByLabel('Email address').fill(studentEmail)
      await visitor.getByLabel('Password', { exact: true }).fill('harbour lights at dusk')
      await visitor.getByRole('button', { name: 'Sign in' }).click()
      // The page leaves /sign-in and finishes loading before it is inspected.
      await visitor.waitForURL((url) => url.pathname !== '/sign-in', { waitUntil: 'load' })
      await expect(visitor.getByRole('banner').getByTestId('account-menu-email')).toHaveText(studentEmail)
      expect(new URL(visitor.url()).origin, `next=${next}`).toBe(new URL(student.url()).origin)
      await expectNoInjectedHtml(visitor, `after sign-in with next=${next}`)
    }

    expect(dialogs).toEqual([])
  })
})
