/** The signed-in shell on phone and desktop, the 404 inside it, and the production server's headers. */
import { createUser, expect, expectNoAxeViolations, test } from './support/fixtures.ts'
import { addSessionCookies } from './support/session.ts'

test('healthz answers 200 when the database is reachable', async ({ request }) => {
  const response = await request.get('/healthz')
  expect(response.status()).toBe(200)
  expect(await response.json()).toMatchObject({ status: 'ok' })
})

test('every page has a description, and robots.txt is served', async ({ page, request }) => {
  await page.goto('/login')
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /advocacy program/)
  const robots = await request.get('/robots.txt')
  expect(robots.status()).toBe(200)
  expect(await robots.text()).toContain('User-agent: *')
})

test('pages carry an enforced CSP with a fresh nonce and the security headers', async ({ request }) => {
  const first = await request.get('/login')
  const second = await request.get('/login')
  const csp = first.headers()['content-security-policy']
  expect(csp).toContain("script-src 'nonce-")
  expect(csp).toContain("'strict-dynamic'")
  expect(csp).toContain("object-src 'none'")
  expect(csp).toContain("base-uri 'none'")
  expect(csp).toContain("frame-ancestors 'none'")
  expect(second.headers()['content-security-policy']).not.toBe(csp)
  expect(first.headers()['x-content-type-options']).toBe('nosniff')
  expect(first.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin')
  expect(first.headers()['permissions-policy']).toContain('camera=()')
  expect(first.headers()['x-powered-by']).toBeUndefined()
})

test('the signed-in home greets the advocate by name inside the shell', async ({ page, context }, testInfo) => {
  const user = await createUser({ displayName: 'Priya Natarajan', surveyDone: 'educator' })
  await addSessionCookies(context, user)
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome back, Priya' })).toBeVisible()
  const nav = page.getByRole('navigation', { name: 'Main' }).filter({ visible: true })
  await expect(nav).toHaveCount(1)
  await expect(nav.getByRole('link', { name: 'Home' })).toHaveAttribute('aria-current', 'page')
  // Phones get a bottom tab bar; from 1024 px a sidebar.
  const box = await nav.boundingBox()
  const viewport = page.viewportSize()!
  if (testInfo.project.name === 'phone') expect(box!.y + box!.height).toBeCloseTo(viewport.height, 0)
  else expect(box!.x).toBeLessThan(viewport.width / 4)
  await expectNoAxeViolations(page)
})

test('every interactive element in the shell is at least 44×44 px', async ({ page, context }) => {
  const user = await createUser({ surveyDone: 'collaborator' })
  await addSessionCookies(context, user)
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  const small = await page.locator('a:visible, button:visible, input:visible').evaluateAll((elements) =>
    elements
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ el, r }) => !el.classList.contains('sr-only') && (r.width < 44 || r.height < 44))
      .map(({ el, r }) => `${el.tagName} "${el.textContent?.trim()}" ${Math.round(r.width)}×${Math.round(r.height)}`),
  )
  expect(small).toEqual([])
})

test.describe('not found', () => {
  // The browser logs the 404 document response itself; that one is expected here.
  test.use({ allowConsoleErrors: [/status of 404/] })

  test('an unknown path shows a 404 inside the shell', async ({ page, context }) => {
    const user = await createUser({ surveyDone: 'collaborator' })
    await addSessionCookies(context, user)
    const response = await page.goto('/no-such-page')
    expect(response?.status()).toBe(404)
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
    await expect(page.getByRole('navigation', { name: 'Main' }).filter({ visible: true })).toBeVisible()
    await page.getByRole('link', { name: 'Go to the home page' }).click()
    await expect(page.getByRole('heading', { level: 1, name: /Welcome back/ })).toBeVisible()
  })
})

test.describe('dark mode', () => {
  test.use({ colorScheme: 'dark' })

  test('follows the system setting and keeps contrast (axe) on the sign-in page and the home', async ({ page, context }) => {
    await page.goto('/login')
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    expect(background).toBe('rgb(21, 23, 26)')
    await expectNoAxeViolations(page)
    const user = await createUser({ surveyDone: 'collaborator' })
    await addSessionCookies(context, user)
    await page.goto('/')
    await expect(page.getByRole('heading', { level: 1, name: /Welcome back/ })).toBeVisible()
    await expectNoAxeViolations(page)
  })
})
