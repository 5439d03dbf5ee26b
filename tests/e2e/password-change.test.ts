/**
 * Changing a password from an ordinary session (issue 9 §6, ADR 009): from the profile, the page
 * first e-mails a code; a wrong code is refused on the code field; the right one sets the password.
 */
import { randomUUID } from 'node:crypto'
import { createUser, expect, expectNoAxeViolations, inbox, signIn, test } from './support/fixtures.ts'

const codeIn = (text: string) => /enter the code: (\d{6})/.exec(text)?.[1] ?? ''

// The wrong code is answered 400 on purpose; Chromium logs that response.
test.use({ allowConsoleErrors: [/^Failed to load resource: the server responded with a status of 400/] })

test('from the profile: e-mail a code, a wrong code is refused, the right one sets the new password', async ({ page }) => {
  // Two sign-ins, two axe runs and two mails: give a loaded CI machine room.
  test.slow()
  const user = await createUser({ surveyDone: 'validator' })
  await signIn(page, user, { redirectTo: '/profile' })
  await page.getByRole('link', { name: 'Change password' }).click()
  await expect(page).toHaveURL('/reset-password')
  await expect(page.getByRole('heading', { level: 1, name: 'Change your password' })).toBeVisible()
  // Nothing to type yet: no password field until a code is on its way.
  await expect(page.getByLabel('New password')).toHaveCount(0)
  await expectNoAxeViolations(page)

  await page.getByRole('button', { name: 'E-mail me a code' }).click()
  await expect(page).toHaveURL('/reset-password?sent=1')
  await expect(page.getByText('We’ve sent a 6-digit code to')).toBeVisible()
  await expectNoAxeViolations(page)
  const code = codeIn((await inbox.latestMessageTo(user.email)).Text)
  expect(code).toMatch(/^\d{6}$/)

  const newPassword = `new-${randomUUID()}`
  const codeField = page.getByLabel('6-digit code from the e-mail')
  await codeField.fill(code === '000000' ? '111111' : '000000')
  await page.getByLabel('New password').fill(newPassword)
  await page.getByLabel('Type it again').fill(newPassword)
  await page.getByRole('button', { name: 'Save new password' }).click()
  await expect(page.getByText('That code is wrong.')).toBeVisible()
  await expect(codeField).toBeFocused()
  await expect(codeField).toHaveAttribute('aria-invalid', 'true')

  await codeField.fill(code)
  await page.getByLabel('New password').fill(newPassword)
  await page.getByLabel('Type it again').fill(newPassword)
  await page.getByRole('button', { name: 'Save new password' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Password changed' })).toBeVisible()

  await page.context().clearCookies()
  await signIn(page, { email: user.email, password: newPassword })
  await expect(page).toHaveURL('/')
})
