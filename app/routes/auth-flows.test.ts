/** The e-mail flows end to end at the loader/action level: link, code, callback, sign-up, recovery. */
import { AuthClient } from '@supabase/auth-js'
import { describe, expect, it, vi } from 'vitest'
import { inbox, serviceClient, uniqueEmail } from '../../tests/stack/support/stack.ts'
import { args, asData, CookieJar, createConfirmedUser, formRequest, getRequest, linkFrom, otpFrom, settle } from '../test/auth-harness.ts'

const login = await import('./_auth.login.server.ts')
const verifyCode = await import('./_auth.verify-code.server.ts')
const callback = await import('./auth.callback.server.ts')
const signup = await import('./_auth.signup.server.ts')
const forgot = await import('./_auth.forgot-password.server.ts')
const reset = await import('./_auth.reset-password.server.ts')
const { getOptionalUser } = await import('../lib/auth.server.ts')

type FormResult = { result: { error: Record<string, string[]> } }

async function requestMagicLink(email: string, redirectTo = '/asks/7') {
  const response = await settle(() => login.action(args(formRequest('/login', { intent: 'magic-link', email, redirectTo }))))
  expect(response.status).toBe(302)
  return response
}

/** Follows the mailed link to the Auth server, as the browser would, and returns where it sends us. */
async function followMailedLink(email: string): Promise<URL> {
  const link = linkFrom((await inbox.latestMessageTo(email)).Text)
  const response = await fetch(link, { redirect: 'manual' })
  expect(response.status).toBe(303)
  return new URL(response.headers.get('Location') ?? '')
}

describe('e-mail link sign-in', () => {
  it('sends the visitor to "check your e-mail", with a HttpOnly PKCE verifier cookie', async () => {
    const user = await createConfirmedUser()
    const response = await requestMagicLink(user.email)
    expect(response.headers.get('Location')).toBe(`/verify-code?email=${encodeURIComponent(user.email)}&redirectTo=%2Fasks%2F7`)
    const verifier = response.headers.getSetCookie().find((c) => c.startsWith('sb-127-auth-token-code-verifier='))
    expect(verifier).toMatch(/HttpOnly/i)
  })

  it('the link comes back through /auth/callback, which signs in and goes to redirectTo', async () => {
    const user = await createConfirmedUser()
    const jar = new CookieJar().absorb((await requestMagicLink(user.email)).headers)
    const landing = await followMailedLink(user.email)
    expect(landing.pathname).toBe('/auth/callback')
    expect(landing.searchParams.get('next')).toBe('/asks/7')
    const response = await settle(() => callback.loader(args(getRequest(`${landing.pathname}${landing.search}`, { cookie: jar.header() }))))
    expect(response.headers.get('Location')).toBe('/asks/7')
    jar.absorb(response.headers)
    expect((await getOptionalUser(getRequest('/', { cookie: jar.header() }))).user?.email).toBe(user.email)
  })

  it('the 6-digit code from the same mail signs in on any device (no verifier cookie needed)', async () => {
    const user = await createConfirmedUser()
    await requestMagicLink(user.email)
    const code = otpFrom((await inbox.latestMessageTo(user.email)).Text)
    const response = await settle(() =>
      verifyCode.action(
        args(formRequest('/verify-code', { email: user.email, code: `${code.slice(0, 3)} ${code.slice(3)}`, redirectTo: '/asks/7' })),
      ),
    )
    expect(response.headers.get('Location')).toBe('/asks/7')
    const cookie = new CookieJar().absorb(response.headers).header()
    expect((await getOptionalUser(getRequest('/', { cookie }))).user?.id).toBe(user.id)
  })

  it('a wrong code gets a human message', async () => {
    const user = await createConfirmedUser()
    await requestMagicLink(user.email)
    const result = asData<FormResult>(await verifyCode.action(args(formRequest('/verify-code', { email: user.email, code: '000000' }))))
    expect(result.init.status).toBe(400)
    expect(result.data.result.error['']?.[0]).toMatch(/code is wrong or has expired/)
  })

  it('an unknown address gets the same answer and no account is created', async () => {
    const email = uniqueEmail('nobody')
    const response = await requestMagicLink(email)
    expect(response.headers.get('Location')).toMatch(/^\/verify-code\?email=/)
    expect(await inbox.messagesTo(email)).toEqual([])
  })
})

describe('/auth/callback', () => {
  it('an expired or used link goes to sign-in with the code, keeping redirectTo', async () => {
    const response = await settle(() =>
      callback.loader(
        args(
          getRequest('/auth/callback?next=%2Fasks%2F7&error=access_denied&error_code=otp_expired&error_description=Email+link+is+invalid'),
        ),
      ),
    )
    expect(response.headers.get('Location')).toBe('/login?error=otp_expired&redirectTo=%2Fasks%2F7')
    const page = asData<{ notice: string }>(await login.loader(args(getRequest(response.headers.get('Location') ?? ''))))
    expect(page.data.notice).toMatch(/expired or has already been used/)
  })

  it('a failed recovery link goes back to the forgot-password page', async () => {
    const response = await settle(() => callback.loader(args(getRequest('/auth/callback?next=%2Freset-password&error_code=otp_expired'))))
    expect(response.headers.get('Location')).toBe('/forgot-password?error=otp_expired')
  })

  it('a link opened in another browser (no verifier cookie) explains and offers the code', async () => {
    const user = await createConfirmedUser()
    await requestMagicLink(user.email)
    const landing = await followMailedLink(user.email)
    const response = await settle(() => callback.loader(args(getRequest(`${landing.pathname}${landing.search}`))))
    const location = new URL(response.headers.get('Location') ?? '', 'http://x')
    expect(location.pathname).toBe('/login')
    const page = asData<{ notice: string }>(await login.loader(args(getRequest(`${location.pathname}${location.search}`))))
    expect(page.data.notice).toMatch(/different browser/)
  })

  it('never shows the description or an unknown code, and never redirects off-site', async () => {
    const response = await settle(() => callback.loader(args(getRequest('/auth/callback?next=https%3A%2F%2Fevil.example&error=%3Cb%3Ehi'))))
    expect(response.headers.get('Location')).toBe('/login?error=unknown')
    const page = asData<{ notice: string }>(await login.loader(args(getRequest('/login?error=unknown'))))
    expect(page.data.notice).toBe('Something went wrong on our side. Please try again in a moment.')
  })
})

describe('sign-up', () => {
  it('with auto-confirm, signs in at once and stores the display name', async () => {
    const email = uniqueEmail('signup')
    const response = await settle(() =>
      signup.action(
        args(formRequest('/signup', { displayName: '  Robin Advocate ', email, password: 'secret-123-456', redirectTo: '/welcome' })),
      ),
    )
    expect(response.headers.get('Location')).toBe('/welcome')
    const cookie = new CookieJar().absorb(response.headers).header()
    const { user } = await getOptionalUser(getRequest('/', { cookie }))
    expect(user?.user_metadata.display_name).toBe('Robin Advocate')
  })

  it('an address that already has an account gets a human message', async () => {
    const existing = await createConfirmedUser()
    const result = asData<FormResult>(
      await signup.action(args(formRequest('/signup', { displayName: 'Again', email: existing.email, password: 'secret-123-456' }))),
    )
    expect(result.data.result.error['']?.[0]).toMatch(/already an account/)
  })

  it('with confirmations on (no session), asks the visitor to confirm their e-mail', async () => {
    // The shared test stack auto-confirms, as the local default does; hosted projects answer
    // like this: a user and no session.
    const signUp = vi.spyOn(AuthClient.prototype, 'signUp').mockResolvedValueOnce({
      data: { user: { id: crypto.randomUUID() } as never, session: null },
      error: null,
    })
    const email = uniqueEmail('confirm')
    const response = await settle(() =>
      signup.action(args(formRequest('/signup', { displayName: 'Sam', email, password: 'secret-123-456', redirectTo: '/welcome' }))),
    )
    expect(signUp).toHaveBeenCalledWith({
      email,
      password: 'secret-123-456',
      options: { data: { display_name: 'Sam' }, emailRedirectTo: 'http://127.0.0.1:3000/auth/callback?next=%2Fwelcome' },
    })
    expect(response.headers.get('Location')).toBe(`/verify-code?purpose=signup&email=${encodeURIComponent(email)}&redirectTo=%2Fwelcome`)
    expect(response.headers.getSetCookie().some((c) => c.startsWith('sb-127-auth-token='))).toBe(false)
    signUp.mockRestore()
  })

  it('enforces the password rule on the server before asking Auth', async () => {
    const result = asData<FormResult>(
      await signup.action(args(formRequest('/signup', { displayName: '', email: uniqueEmail(), password: 'eleven-char' }))),
    )
    expect(result.data.result.error.password).toEqual(['Use at least 12 characters.'])
    expect(result.data.result.error.displayName).toEqual(['Enter the name other advocates will see.'])
  })
})

describe('password recovery', () => {
  it('answers the same for a known and an unknown address', async () => {
    const user = await createConfirmedUser()
    const unknown = uniqueEmail('nobody')
    const known = await settle(() => forgot.action(args(formRequest('/forgot-password', { email: user.email }))))
    const other = await settle(() => forgot.action(args(formRequest('/forgot-password', { email: unknown }))))
    expect(known.status).toBe(other.status)
    expect(known.headers.get('Location')?.replace(encodeURIComponent(user.email), 'X')).toBe(
      other.headers.get('Location')?.replace(encodeURIComponent(unknown), 'X'),
    )
    expect(await inbox.messagesTo(unknown)).toEqual([])
  })

  it('the recovery link signs in at /reset-password, where a new password is set', async () => {
    const user = await createConfirmedUser()
    const jar = new CookieJar().absorb(
      (await settle(() => forgot.action(args(formRequest('/forgot-password', { email: user.email }))))).headers,
    )
    const landing = await followMailedLink(user.email)
    const signedIn = await settle(() => callback.loader(args(getRequest(`${landing.pathname}${landing.search}`, { cookie: jar.header() }))))
    expect(signedIn.headers.get('Location')).toBe('/reset-password')
    jar.absorb(signedIn.headers)

    const same = asData<FormResult>(
      await reset.action(
        args(formRequest('/reset-password', { password: user.password, confirmPassword: user.password }, { cookie: jar.header() })),
      ),
    )
    expect(same.data.result.error['']).toEqual(['Your new password must be different from your current one.'])

    const mismatch = asData<FormResult>(
      await reset.action(
        args(formRequest('/reset-password', { password: 'new-secret-1', confirmPassword: 'new-secret-2' }, { cookie: jar.header() })),
      ),
    )
    expect(mismatch.data.result.error.confirmPassword).toEqual(['The two passwords don’t match.'])

    const done = await settle(() =>
      reset.action(
        args(formRequest('/reset-password', { password: 'new-secret-1', confirmPassword: 'new-secret-1' }, { cookie: jar.header() })),
      ),
    )
    expect(done.headers.get('Location')).toBe('/reset-password?updated=1')
    const { error } = await serviceClient().auth.signInWithPassword({ email: user.email, password: 'new-secret-1' })
    expect(error).toBeNull()
  })

  it('/reset-password needs a session', async () => {
    const response = await settle(() => reset.loader(args(getRequest('/reset-password'))))
    expect(response.headers.get('Location')).toBe('/login?redirectTo=%2Freset-password')
  })
})
