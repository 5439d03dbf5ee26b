/**
 * Issue 9 §6 at the loader/action level, on the real project (its migrations hold the code check,
 * and its config has secure_password_change on): a stolen, ordinary session cannot set a new
 * password; the code from "send me a code" can, once; a fresh recovery session can directly.
 * Sessions here are minutes old, so Auth itself ignores the nonce, as hosted Auth does: every
 * refusal below is the portal's own (ADR 009).
 */
import { describe, expect, it, vi } from 'vitest'
import {
  args,
  asData,
  CookieJar,
  createConfirmedUser,
  formRequest,
  getRequest,
  linkFrom,
  otpFrom,
  settle,
  APP_ORIGIN,
} from '../../app/test/auth-harness.ts'
import { anonClient, db, inbox, stack, uniqueEmail } from '../stack/support/stack.ts'

vi.stubEnv('SUPABASE_SERVICE_ROLE_KEY', stack.serviceRoleKey)

const reset = await import('../../app/routes/_auth.reset-password.server.ts')
const forgot = await import('../../app/routes/_auth.forgot-password.server.ts')
const callback = await import('../../app/routes/auth.callback.server.ts')
const verifyCode = await import('../../app/routes/_auth.verify-code.server.ts')
const { createSupabaseServerClient } = await import('../../app/lib/supabase.server.ts')

type FormResult = { form: string; result: { error: Record<string, string[]> } }
type PageData = { email: string; mode: 'recovery' | 'code'; updated: boolean; codeSent: boolean }

const NEW_PASSWORD = 'a-new-password-for-tests'

/** An ordinary session, as the password sign-in leaves it: cookies only. */
async function passwordSession(user: { email: string; password: string }) {
  const { supabase, headers } = createSupabaseServerClient(new Request(APP_ORIGIN))
  const { error } = await supabase.auth.signInWithPassword({ email: user.email, password: user.password })
  expect(error).toBeNull()
  return new CookieJar().absorb(headers)
}

/** A recovery session from the mailed link (PKCE), as /forgot-password → link → /auth/callback leaves it. */
async function recoveryLinkSession(email: string) {
  const jar = new CookieJar().absorb((await settle(() => forgot.action(args(formRequest('/forgot-password', { email }))))).headers)
  const response = await fetch(linkFrom((await inbox.latestMessageTo(email)).Text), { redirect: 'manual' })
  const landing = new URL(response.headers.get('Location') ?? '')
  const signedIn = await settle(() => callback.loader(args(getRequest(`${landing.pathname}${landing.search}`, { cookie: jar.header() }))))
  expect(signedIn.headers.get('Location')).toBe('/reset-password')
  return jar.absorb(signedIn.headers)
}

const page = async (jar: CookieJar, path = '/reset-password') =>
  asData<PageData>(await reset.loader(args(getRequest(path, { cookie: jar.header() })))).data

const post = (jar: CookieJar, fields: Record<string, string>) =>
  settle(async () => {
    const result = await reset.action(args(formRequest('/reset-password', fields, { cookie: jar.header() })))
    if (result instanceof Response) return result
    const { data, init } = asData<FormResult>(result)
    return Response.json(data, { status: init.status })
  })

/** The refresh token in a jar's session cookie (`base64-` + JSON, one chunk with tokens-only cookies). */
function refreshTokenOf(jar: CookieJar): string {
  const pair = jar
    .header()
    .split('; ')
    .find((c) => /^sb-[^=]+-auth-token=/.test(c))
  const value = decodeURIComponent(pair?.slice(pair.indexOf('=') + 1) ?? '')
  const tokens = JSON.parse(Buffer.from(value.replace(/^base64-/, ''), 'base64url').toString()) as { refresh_token?: string }
  if (!tokens.refresh_token) throw new Error('no session cookie in the jar')
  return tokens.refresh_token
}

const signsIn = async (email: string, password: string) => (await anonClient().auth.signInWithPassword({ email, password })).error === null

async function sendCode(jar: CookieJar, email: string) {
  const sent = await post(jar, { intent: 'send-code' })
  expect(sent.status).toBe(302)
  expect(sent.headers.get('Location')).toBe('/reset-password?sent=1')
  jar.absorb(sent.headers)
  return otpFrom((await inbox.latestMessageTo(email)).Text)
}

const otherCode = (code: string) => (code === '000000' ? '111111' : '000000')

describe('an ordinary (password) session', () => {
  it('is asked for a code first', async () => {
    const user = await createConfirmedUser()
    const jar = await passwordSession(user)
    expect(await page(jar)).toMatchObject({ email: user.email, mode: 'code', codeSent: false })
  })

  it('cannot set a new password without a code: refused, and the old password still works', async () => {
    const user = await createConfirmedUser()
    const jar = await passwordSession(user)

    const bare = await post(jar, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
    expect(bare.status).toBe(400)
    expect(((await bare.json()) as FormResult).result.error['']?.[0]).toMatch(/fresh code first/)

    const empty = await post(jar, { code: '', password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
    expect(empty.status).toBe(400)
    expect(((await empty.json()) as FormResult).result.error.code?.[0]).toMatch(/6-digit code/)

    expect(await signsIn(user.email, NEW_PASSWORD)).toBe(false)
    expect(await signsIn(user.email, user.password)).toBe(true)
  })

  it('a guessed code is refused when none was sent, and a wrong one when one was', async () => {
    const user = await createConfirmedUser()
    const jar = await passwordSession(user)
    const guessed = await post(jar, { code: '123456', password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
    expect(guessed.status).toBe(400)
    expect(((await guessed.json()) as FormResult).result.error.code).toEqual([
      'That code is wrong. Check the most recent e-mail, or send yourself a new code.',
    ])

    const code = await sendCode(jar, user.email)
    const wrong = await post(jar, { code: otherCode(code), password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
    expect(wrong.status).toBe(400)
    expect(((await wrong.json()) as FormResult).result.error.code?.[0]).toMatch(/code is wrong/)
    expect(await signsIn(user.email, user.password)).toBe(true)
  })

  it('with the e-mailed code, sets the password once; the code cannot be used again', async () => {
    const user = await createConfirmedUser()
    const jar = await passwordSession(user)
    const other = await passwordSession(user)
    const code = await sendCode(jar, user.email)
    expect(await page(jar, '/reset-password?sent=1')).toMatchObject({ mode: 'code', codeSent: true })

    const mismatch = await post(jar, { code, password: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}-x` })
    expect(mismatch.status).toBe(400)

    const before = refreshTokenOf(jar)
    const done = await post(jar, { code: `${code.slice(0, 3)} ${code.slice(3)}`, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
    expect(done.headers.get('Location')).toBe('/reset-password?updated=1')
    // The browser moved to a new session; a copy of the one that made the change is dead too.
    expect((await anonClient().auth.refreshSession({ refresh_token: before })).error).not.toBeNull()
    jar.absorb(done.headers)
    expect(refreshTokenOf(jar)).not.toBe(before)
    expect(await page(jar, '/reset-password?updated=1')).toMatchObject({ email: user.email, updated: true })
    expect(await signsIn(user.email, NEW_PASSWORD)).toBe(true)
    expect(await signsIn(user.email, user.password)).toBe(false)
    // The other device was signed out by the change (its refresh token died with its session).
    expect((await anonClient().auth.refreshSession({ refresh_token: refreshTokenOf(other) })).error).not.toBeNull()

    const again = await post(jar, { code, password: `${NEW_PASSWORD}-2`, confirmPassword: `${NEW_PASSWORD}-2` })
    expect(again.status).toBe(400)
    expect(await signsIn(user.email, NEW_PASSWORD)).toBe(true)
  })

  it('five wrong codes use the code up: even the right one is then refused', async () => {
    const user = await createConfirmedUser()
    const jar = await passwordSession(user)
    const code = await sendCode(jar, user.email)
    const wrong = otherCode(code)
    for (let i = 0; i < 5; i++) {
      expect((await post(jar, { code: wrong, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).status).toBe(400)
    }
    const locked = await post(jar, { code, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
    expect(locked.status).toBe(400)
    expect(((await locked.json()) as FormResult).result.error.code).toEqual(['Too many wrong codes. Send yourself a new one.'])
    expect(await signsIn(user.email, user.password)).toBe(true)

    // A new code starts again.
    // Past max_frequency (1 s locally) without waiting: the last code is made a little older.
    await db.query(`update auth.users set reauthentication_sent_at = now() - interval '5 seconds' where id = $1`, [user.id])
    const fresh = await sendCode(jar, user.email)
    const done = await post(jar, { code: fresh, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
    expect(done.headers.get('Location')).toBe('/reset-password?updated=1')
  })

  it('sends at most three codes per address in 15 minutes, like every other mail', async () => {
    const user = await createConfirmedUser()
    const jar = await passwordSession(user)
    for (let i = 0; i < 3; i++) {
      await sendCode(jar, user.email)
      await db.query(`update auth.users set reauthentication_sent_at = now() - interval '5 seconds' where id = $1`, [user.id])
    }
    const fourth = await post(jar, { intent: 'send-code' })
    expect(fourth.status).toBe(429)
    expect(((await fourth.json()) as FormResult).result.error['']?.[0]).toMatch(/several e-mails/)
    expect(await inbox.messagesTo(user.email)).toHaveLength(3)
  })

  it('a new password shorter than 12 characters is refused before any Auth call', async () => {
    const user = await createConfirmedUser()
    const jar = await passwordSession(user)
    const code = await sendCode(jar, user.email)
    const short = await post(jar, { code, password: 'eleven-char', confirmPassword: 'eleven-char' })
    expect(short.status).toBe(400)
    expect(((await short.json()) as FormResult).result.error.password).toEqual(['Use at least 12 characters.'])
  })
})

describe('a recovery session', () => {
  it('from the mailed link sets a new password directly', async () => {
    const user = await createConfirmedUser()
    const jar = await recoveryLinkSession(user.email)
    expect(await page(jar)).toMatchObject({ mode: 'recovery' })
    const done = await post(jar, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
    expect(done.headers.get('Location')).toBe('/reset-password?updated=1')
    expect(await signsIn(user.email, NEW_PASSWORD)).toBe(true)
  })

  it('from the typed recovery code sets a new password directly', async () => {
    const user = await createConfirmedUser()
    await settle(() => forgot.action(args(formRequest('/forgot-password', { email: user.email }))))
    const code = otpFrom((await inbox.latestMessageTo(user.email)).Text)
    const verified = await settle(() =>
      verifyCode.action(args(formRequest('/verify-code', { email: user.email, code, redirectTo: '/reset-password' }))),
    )
    expect(verified.headers.get('Location')).toBe('/reset-password')
    const jar = new CookieJar().absorb(verified.headers)
    expect(await page(jar)).toMatchObject({ mode: 'recovery' })
    const done = await post(jar, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
    expect(done.headers.get('Location')).toBe('/reset-password?updated=1')
    expect(await signsIn(user.email, NEW_PASSWORD)).toBe(true)
  })
})

describe('the password policy (config.toml minimum_password_length = 12)', () => {
  it('Auth refuses an 11-character new password and takes a 12-character one', async () => {
    const short = await anonClient().auth.signUp({ email: uniqueEmail('short-pw'), password: 'eleven-char' })
    expect(short.error).toMatchObject({ status: 422, code: 'weak_password' })
    expect((short.error as { reasons?: string[] }).reasons).toEqual(['length'])
    const enough = await anonClient().auth.signUp({ email: uniqueEmail('twelve-pw'), password: 'twelve-chars' })
    expect(enough.error).toBeNull()
  })

  it('an existing shorter password still signs in (the demo accounts keep password123)', async () => {
    expect(await signsIn('ava@example.com', 'password123')).toBe(true)
  })
})
