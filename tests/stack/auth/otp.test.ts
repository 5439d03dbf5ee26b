/** Rows 11–14, 17, 28: e-mail OTPs, magic links, the /verify link and password recovery. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAuxAuth } from '../support/aux-auth.ts'
import { anonClient, inbox, signedInClient, uniqueEmail } from '../support/stack.ts'
import { authFetch, claimsOf, otpFrom, verifyLinkFrom } from './helpers.ts'

describe('signInWithOtp', () => {
  it('rows 11–12: mails a magic link and OTP; the OTP signs in exactly once', async () => {
    const { email } = await signedInClient('otp')
    const { data, error } = await anonClient().auth.signInWithOtp({ email })
    expect(error).toBeNull()
    expect(data).toMatchObject({ user: null, session: null })

    expect(await inbox.messagesTo(email)).toHaveLength(1)
    const mail = await inbox.latestMessageTo(email)
    const link = verifyLinkFrom(mail.Text)
    expect(link.pathname).toBe('/auth/v1/verify')
    expect(link.searchParams.get('type')).toBe('magiclink')
    const otp = otpFrom(mail.Text)
    expect(otp).toMatch(/^\d{6}$/)

    const wrong = await anonClient().auth.verifyOtp({ email, token: otp === '000000' ? '111111' : '000000', type: 'email' })
    expect(wrong.error).toMatchObject({ status: 403, code: 'otp_expired' })

    const verified = await anonClient().auth.verifyOtp({ email, token: otp, type: 'email' })
    expect(verified.error).toBeNull()
    expect(claimsOf(verified.data.session!.access_token).amr[0].method).toBe('otp')

    const reused = await anonClient().auth.verifyOtp({ email, token: otp, type: 'email' })
    expect(reused.error).toMatchObject({ status: 403, code: 'otp_expired' })
  })

  it('row 13: shouldCreateUser:false for an unknown email is 422 otp_disabled', async () => {
    const { error } = await anonClient().auth.signInWithOtp({ email: uniqueEmail('nobody'), options: { shouldCreateUser: false } })
    expect(error).toMatchObject({ status: 422, code: 'otp_disabled' })
  })

  it('row 11: an unknown email is signed up (auto-confirmed) and gets a magic link', async () => {
    const email = uniqueEmail('otp-new')
    expect((await anonClient().auth.signInWithOtp({ email })).error).toBeNull()
    const mail = await inbox.latestMessageTo(email)
    expect(verifyLinkFrom(mail.Text).searchParams.get('type')).toBe('magiclink')
  })
})

describe('max_frequency (aux server: 60 s, rate limits on)', () => {
  let aux: Awaited<ReturnType<typeof startAuxAuth>>
  beforeAll(async () => {
    aux = await startAuxAuth({ auth: { rateLimitsDisabled: false, email: { maxFrequency: 60 } } })
  })
  afterAll(() => aux?.stop())

  it('row 14: a second OTP request within max_frequency is 429 over_email_send_rate_limit', async () => {
    const email = uniqueEmail('freq')
    expect((await aux.client().signInWithOtp({ email })).error).toBeNull()
    const { error } = await aux.client().signInWithOtp({ email })
    expect(error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' })
    expect(aux.mails.filter((m) => m.to.includes(email))).toHaveLength(1)
  })
})

describe('GET /verify', () => {
  it('row 17: a bogus token redirects 303 with otp_expired in the fragment', async () => {
    const response = await authFetch(
      `/verify?token=bogus&type=magiclink&redirect_to=${encodeURIComponent('http://127.0.0.1:3000/welcome')}`,
      { redirect: 'manual', key: null },
    )
    expect(response.status).toBe(303)
    const location = response.headers.get('location')!
    expect(location.startsWith('http://127.0.0.1:3000/welcome#')).toBe(true)
    const fragment = new URLSearchParams(location.split('#')[1])
    expect(fragment.get('error')).toBe('access_denied')
    expect(fragment.get('error_code')).toBe('otp_expired')
  })

  it('row 17: a redirect_to outside the allow-list falls back to site_url; implicit flow puts tokens in the fragment', async () => {
    const { email } = await signedInClient('redirect')
    expect(
      (await anonClient().auth.signInWithOtp({ email, options: { emailRedirectTo: 'https://evil.example.com/steal' } })).error,
    ).toBeNull()
    const link = verifyLinkFrom((await inbox.latestMessageTo(email)).Text)
    expect(link.searchParams.get('redirect_to')).toBe('http://127.0.0.1:3000')
    const response = await fetch(link, { redirect: 'manual' })
    expect(response.status).toBe(303)
    const location = response.headers.get('location')!
    expect(location.startsWith('http://127.0.0.1:3000#') || location.startsWith('http://127.0.0.1:3000/#')).toBe(true)
    const fragment = new URLSearchParams(location.split('#')[1])
    expect(fragment.get('token_type')).toBe('bearer')
    expect(fragment.get('type')).toBe('magiclink')
    expect(claimsOf(fragment.get('access_token')!).email).toBe(email)
  })
})

describe('password recovery', () => {
  it('row 28: an unknown email gets 200 {} and no mail', async () => {
    const email = uniqueEmail('nobody')
    const { data, error } = await anonClient().auth.resetPasswordForEmail(email)
    expect(error).toBeNull()
    expect(data).toEqual({})
    expect(await inbox.messagesTo(email)).toHaveLength(0)
  })

  it('row 28: verifying the recovery OTP gives a session and fires PASSWORD_RECOVERY', async () => {
    const { email } = await signedInClient('recover')
    expect((await anonClient().auth.resetPasswordForEmail(email)).error).toBeNull()
    const mail = await inbox.latestMessageTo(email)
    expect(verifyLinkFrom(mail.Text).searchParams.get('type')).toBe('recovery')

    const client = anonClient()
    const events: string[] = []
    client.auth.onAuthStateChange((event) => void events.push(event))
    const { data, error } = await client.auth.verifyOtp({ email, token: otpFrom(mail.Text), type: 'recovery' })
    expect(error).toBeNull()
    expect(data.session?.access_token).toBeTruthy()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(events).toContain('PASSWORD_RECOVERY')
  })
})
