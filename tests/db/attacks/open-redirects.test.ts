/**
 * §9 attack suite, open redirects: every flow that takes a `redirectTo` or `next` from the
 * visitor, driven through the real loaders and actions against this stack's Auth (the auth
 * harness), with the tricks that turn a path into another host in a browser: protocol-relative
 * `//`, backslashes (browsers read `\` as `/`), tabs and newlines (browsers strip them), dot
 * segments, encodings, schemes. No answer may send the browser off-site, directly or through a
 * `redirectTo`/`next` it carries to the next step. `Location` is resolved with the WHATWG URL
 * parser, which is what browsers use. (`app/lib/safe-redirect.test.ts` unit-tests the function.)
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, test, vi } from 'vitest'
import { inbox, stack } from '../../stack/support/stack.ts'
import {
  APP_ORIGIN,
  args,
  CookieJar,
  createConfirmedUser,
  formRequest,
  getRequest,
  linkFrom,
  otpFrom,
  settle,
} from '../../../app/test/auth-harness.ts'

// The per-address limits (mails, code attempts) count in the stack's database through the service role.
vi.stubEnv('SUPABASE_SERVICE_ROLE_KEY', stack.serviceRoleKey)
vi.stubEnv('RATE_LIMIT_MULTIPLIER', '100')

const login = await import('../../../app/routes/_auth.login.server.ts')
const signup = await import('../../../app/routes/_auth.signup.server.ts')
const verifyCode = await import('../../../app/routes/_auth.verify-code.server.ts')
const callback = await import('../../../app/routes/auth.callback.server.ts')
const { requireUser } = await import('../../../app/lib/auth.server.ts')

/** What an attacker puts in `redirectTo` / `next` (the decoded value). */
const PAYLOADS = [
  '//evil.example',
  '///evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '/\\/evil.example',
  '\\/evil.example',
  '/%09/evil.example',
  '/\t/evil.example',
  '/\t/evil',
  '\t//evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  ' //evil.example',
  '/.//evil.example',
  '/..//evil.example',
  '/./\\evil.example',
  '/%2e%2e//evil.example',
  'https://evil.example',
  'http:evil.example',
  'HTTPS://evil.example',
  '//evil.example@127.0.0.1',
  'javascript:alert(document.domain)',
  '%2F%2Fevil.example',
  '/%2F/evil.example',
  '/%5Cevil.example',
  '%5C%5Cevil.example',
]
/** The same attacks as they arrive in a raw query string (decoded once by the server). */
const RAW_QUERIES = [
  '%2F%2Fevil.example',
  '%2F%5Cevil.example',
  '/%09/evil.example',
  '%09//evil.example',
  '%5C%5Cevil.example',
  '/%0A/evil.example',
  '//evil.example%23',
]

/** Off-site problems of a Location header: its own target and any redirectTo/next it carries. */
function offSite(location: string | null): string[] {
  if (location === null) return ['no Location']
  const url = new URL(location, APP_ORIGIN)
  const problems = url.origin === APP_ORIGIN ? [] : [`Location ${JSON.stringify(location)} goes to ${url.origin}`]
  for (const name of ['redirectTo', 'next']) {
    const carried = url.searchParams.get(name)
    if (carried !== null && new URL(carried, APP_ORIGIN).origin !== APP_ORIGIN) problems.push(`carries ${name}=${JSON.stringify(carried)}`)
    if (carried !== null && !carried.startsWith('/')) problems.push(`carries a ${name} that is not a path: ${JSON.stringify(carried)}`)
  }
  return problems
}

const query = (name: string, value: string) => `${name}=${encodeURIComponent(value)}`

async function signedInCookie(): Promise<string> {
  const user = await createConfirmedUser()
  const response = await settle(() =>
    login.action(args(formRequest('/login', { intent: 'password', email: user.email, password: user.password, redirectTo: '/' }))),
  )
  expect(response.status).toBe(302)
  return new CookieJar().absorb(response.headers).header()
}

describe('password sign-in, signed-in visitors and protected pages', () => {
  test('password sign-in with a hostile redirectTo lands on the portal', async () => {
    const user = await createConfirmedUser()
    const problems: string[] = []
    for (const payload of PAYLOADS) {
      const response = await settle(() =>
        login.action(args(formRequest('/login', { intent: 'password', email: user.email, password: user.password, redirectTo: payload }))),
      )
      problems.push(...offSite(response.headers.get('Location')).map((p) => `${JSON.stringify(payload)}: ${p}`))
    }
    expect(problems).toEqual([])
  }, 120_000)

  test('a signed-in visitor opening /login or /signup?redirectTo=… is sent on within the portal', async () => {
    const cookie = await signedInCookie()
    const problems: string[] = []
    const tails = [...PAYLOADS.map((p) => query('redirectTo', p)), ...RAW_QUERIES.map((q) => `redirectTo=${q}`)]
    for (const tail of tails) {
      for (const [path, loader] of [
        ['/login', login.loader],
        ['/signup', signup.loader],
      ] as const) {
        const response = await settle(() => loader(args(getRequest(`${path}?${tail}`, { cookie }))))
        expect(response.status, `${path}?${tail}`).toBe(302)
        problems.push(...offSite(response.headers.get('Location')).map((p) => `${path}?${tail}: ${p}`))
      }
    }
    expect(problems).toEqual([])
  }, 120_000)

  test('a protected page opened signed out sends to /login with a redirectTo that stays on the portal', async () => {
    const problems: string[] = []
    const paths = [
      '//evil.example',
      '/\\evil.example',
      '//evil.example/feed?x=1',
      '/.//evil.example',
      '/%2F/evil.example',
      '/feed?redirectTo=//evil.example',
    ]
    for (const path of paths) {
      const response = await settle(() => requireUser(getRequest(path)))
      expect(response.status, path).toBe(302)
      expect(response.headers.get('Location'), path).toMatch(/^\/login(\?|$)/)
      problems.push(...offSite(response.headers.get('Location')).map((p) => `${path}: ${p}`))
    }
    expect(problems).toEqual([])
  }, 120_000)
})

describe('e-mail links and codes', () => {
  test('the sign-in pages carry only safe redirectTo values to the next step', async () => {
    const problems: string[] = []
    for (const tail of [...PAYLOADS.map((p) => query('redirectTo', p)), ...RAW_QUERIES.map((q) => `redirectTo=${q}`)]) {
      for (const [path, loader] of [
        ['/login', login.loader],
        ['/signup', signup.loader],
        ['/verify-code', verifyCode.loader],
      ] as const) {
        const result = (await loader(args(getRequest(`${path}?${tail}&email=someone%40example.com`)))) as unknown as {
          data: { redirectTo: string }
        }
        const carried = result.data.redirectTo
        if (carried !== '' && (!carried.startsWith('/') || new URL(carried, APP_ORIGIN).origin !== APP_ORIGIN))
          problems.push(`${path}?${tail}: ${carried}`)
      }
    }
    expect(problems).toEqual([])
  }, 120_000)

  test.each(PAYLOADS)(
    'redirectTo %j: the mailed link, the callback and the code all stay on the portal',
    async (payload) => {
      // Ask for a link with the hostile redirectTo: the "check your e-mail" redirect carries a safe one.
      const linkUser = await createConfirmedUser()
      const requested = await settle(() =>
        login.action(args(formRequest('/login', { intent: 'magic-link', email: linkUser.email, redirectTo: payload }))),
      )
      expect(offSite(requested.headers.get('Location'))).toEqual([])
      const jar = new CookieJar().absorb(requested.headers)

      // The mailed link goes through Auth to our callback with a safe `next`.
      const verified = await fetch(linkFrom((await inbox.latestMessageTo(linkUser.email)).Text), { redirect: 'manual' })
      const landing = new URL(verified.headers.get('Location') ?? '')
      expect(landing.origin).toBe(APP_ORIGIN)
      expect(offSite(`${landing.pathname}${landing.search}`)).toEqual([])

      // An attacker who rewrites `next` on the callback URL still lands the victim on the portal,
      // signed in (a real code) and signed out (no code).
      landing.searchParams.set('next', payload)
      const signedIn = await settle(() =>
        callback.loader(args(getRequest(`${landing.pathname}${landing.search}`, { cookie: jar.header() }))),
      )
      expect(offSite(signedIn.headers.get('Location'))).toEqual([])
      expect(
        signedIn.headers.getSetCookie().some((c) => /^sb-127-auth-token(\.\d+)?=base64-/.test(c)),
        'the real code signed in',
      ).toBe(true)
      const failed = await settle(() => callback.loader(args(getRequest(`/auth/callback?${query('next', payload)}&code=${randomUUID()}`))))
      expect(offSite(failed.headers.get('Location'))).toEqual([])
      const noCode = await settle(() =>
        callback.loader(args(getRequest(`/auth/callback?${query('redirectTo', payload)}&error=access_denied`))),
      )
      expect(offSite(noCode.headers.get('Location'))).toEqual([])

      // The 6-digit code from a mail, typed with the hostile redirectTo, lands on the portal too.
      const codeUser = await createConfirmedUser()
      await settle(() => login.action(args(formRequest('/login', { intent: 'magic-link', email: codeUser.email }))))
      const code = otpFrom((await inbox.latestMessageTo(codeUser.email)).Text)
      const typed = await settle(() =>
        verifyCode.action(args(formRequest('/verify-code', { email: codeUser.email, code, redirectTo: payload }))),
      )
      expect(typed.status).toBe(302)
      expect(offSite(typed.headers.get('Location'))).toEqual([])
    },
    60_000,
  )
})
