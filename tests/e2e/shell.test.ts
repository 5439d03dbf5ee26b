/** The signed-in shell on phone and desktop, and the production server's headers. */
import { expect, test } from './support/fixtures.ts'

test('healthz answers 200 when the database is reachable', async ({ request }) => {
  const response = await request.get('/healthz')
  expect(response.status()).toBe(200)
  expect(await response.json()).toMatchObject({ status: 'ok' })
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
