/** The session cookies the sign-in and sign-out actions write: names, flags, and clearing. */
import { describe, expect, it } from 'vitest'
import { anonClient } from '../../tests/stack/support/stack.ts'
import { args, asData, CookieJar, createConfirmedUser, formRequest, getRequest, settle } from '../test/auth-harness.ts'

const login = await import('./_auth.login.server.ts')
const logout = await import('./logout.server.ts')
const { getOptionalUser } = await import('../lib/auth.server.ts')

const sessionCookies = (response: Response) => response.headers.getSetCookie().filter((c) => /^sb-127-auth-token(\.\d+)?=/.test(c))

async function passwordSignIn(user: { email: string; password: string }, init: Parameters<typeof formRequest>[2] = {}, path = '/login') {
  return settle(() =>
    login.action(args(formRequest(path, { intent: 'password', email: user.email, password: user.password, redirectTo: '/feed' }, init))),
  )
}

describe('password sign-in', () => {
  it('redirects to redirectTo and sets an HttpOnly, SameSite=Lax session cookie (not Secure over http)', async () => {
    const response = await passwordSignIn(await createConfirmedUser())
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/feed')
    const cookies = sessionCookies(response)
    expect(cookies.length).toBeGreaterThan(0)
    for (const cookie of cookies) {
      expect(cookie).toMatch(/^sb-127-auth-token(\.\d+)?=base64-/)
      expect(cookie).toMatch(/; HttpOnly/i)
      expect(cookie).toMatch(/; SameSite=Lax/i)
      expect(cookie).toMatch(/; Path=\//i)
      expect(cookie).not.toMatch(/; Secure/i)
    }
  })

  it('marks the cookie Secure behind a TLS proxy (X-Forwarded-Proto: https)', async () => {
    const response = await passwordSignIn(await createConfirmedUser(), { headers: { 'X-Forwarded-Proto': 'https' } })
    for (const cookie of sessionCookies(response)) expect(cookie).toMatch(/; Secure/i)
  })

  it('marks the cookie Secure on an https URL', async () => {
    const response = await passwordSignIn(await createConfirmedUser(), {}, 'https://portal.example/login')
    const cookies = sessionCookies(response)
    expect(cookies.length).toBeGreaterThan(0)
    for (const cookie of cookies) expect(cookie).toMatch(/; Secure/i)
  })

  it('never redirects off-site, whatever redirectTo says', async () => {
    const user = await createConfirmedUser()
    const response = await settle(() =>
      login.action(
        args(formRequest('/login', { intent: 'password', email: user.email, password: user.password, redirectTo: '/.//evil.example' })),
      ),
    )
    expect(response.headers.get('Location')).toBe('/')
  })

  it('a wrong password sets no session and answers with a human message', async () => {
    const user = await createConfirmedUser()
    const result = asData<{ result: { error: Record<string, string[]> } }>(
      await login.action(args(formRequest('/login', { intent: 'password', email: user.email, password: 'not-the-password' }))),
    )
    expect(result.init.status).toBe(400)
    expect(result.data.result.error['']).toEqual([
      'That e-mail and password don’t match. Check them and try again, or sign in with an e-mail link.',
    ])
    expect(new Headers(result.init.headers).getSetCookie().filter((c) => c.startsWith('sb-127-auth-token='))).toEqual([])
  })

  it('validates on the server with clear field messages', async () => {
    const result = asData<{ result: { error: Record<string, string[]> } }>(
      await login.action(args(formRequest('/login', { intent: 'password', email: 'not-an-email', password: '' }))),
    )
    expect(result.init.status).toBe(400)
    expect(result.data.result.error.email).toEqual(['Enter an e-mail address like name@example.com.'])
    expect(result.data.result.error.password).toEqual(['Enter your password.'])
  })
})

describe('sign-out', () => {
  it('is POST only: GET /logout changes nothing', async () => {
    const response = await logout.loader()
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/')
    expect(response.headers.getSetCookie()).toEqual([])
  })

  it('ends the session on the Auth server and clears the cookies', async () => {
    const signIn = await passwordSignIn(await createConfirmedUser())
    const jar = new CookieJar().absorb(signIn.headers)
    const cookie = jar.header()
    expect((await getOptionalUser(getRequest('/', { cookie }))).user).not.toBeNull()
    const accessToken = JSON.parse(Buffer.from(decodeURIComponent(cookie).split('base64-')[1].split(';')[0], 'base64url').toString())
      .access_token as string

    const response = await logout.action(args(formRequest('/logout', {}, { cookie })))
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/login')
    const cleared = response.headers.getSetCookie().filter((c) => c.startsWith('sb-127-auth-token'))
    expect(cleared.length).toBeGreaterThan(0)
    for (const line of cleared) expect(line).toMatch(/Max-Age=0/i)
    expect(jar.absorb(response.headers).names()).toEqual([])
    // The old token no longer works anywhere: its session is gone on the server.
    const { error } = await anonClient().auth.getUser(accessToken)
    expect(error?.name).toBe('AuthSessionMissingError')
  })

  it('clears a stale cookie even when there is no session left to end', async () => {
    const cookie = 'sb-127-auth-token=base64-eyJ4IjoxfQ; sb-127-auth-token-code-verifier=abc; theme=dark'
    const response = await logout.action(args(formRequest('/logout', {}, { cookie })))
    const cleared = response.headers.getSetCookie()
    expect(cleared.some((c) => /^sb-127-auth-token=;.*Max-Age=0/i.test(c))).toBe(true)
    expect(cleared.some((c) => /^sb-127-auth-token-code-verifier=;.*Max-Age=0/i.test(c))).toBe(true)
    expect(cleared.some((c) => c.startsWith('theme='))).toBe(false)
  })
})

describe('the sign-in page', () => {
  it('is never cached', async () => {
    const result = asData(await login.loader(args(getRequest('/login'))))
    expect(new Headers(result.init.headers).get('Cache-Control')).toBe('private, no-store')
  })
})
