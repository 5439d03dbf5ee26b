/**
 * GET /reauthenticate and PUT /user `{password, nonce}` as GoTrue does them
 * (supabase/auth internal/api/reauthenticate.go, user.go): the code is mailed with no link, and
 * with `secure_password_change` on only a session older than 24 hours must send it.
 */
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAuxAuth } from '../support/aux-auth.ts'
import { anonClient, db, inbox, signedInClient, uniqueEmail } from '../support/stack.ts'
import { authFetch, claimsOf, otpFrom } from './helpers.ts'

const sha224 = (text: string) => createHash('sha224').update(text).digest('hex')
const otherCode = (code: string) => (code === '000000' ? '111111' : '000000')

describe('reauthenticate() (fixture stack)', () => {
  it('mails a 6-digit code and no link, and stores SHA-224(email + code) like the other tokens', async () => {
    const { client, email, user } = await signedInClient('reauth-mail')
    const { data, error } = await client.auth.reauthenticate()
    expect(error).toBeNull()
    expect(data).toEqual({ user: null, session: null })

    const mail = await inbox.latestMessageTo(email)
    const code = otpFrom(mail.Text)
    expect(code).toMatch(/^\d{6}$/)
    expect(mail.Subject).toBe(`${code} is your verification code`)
    expect(mail.Text).not.toMatch(/\/verify\?/)

    const { rows } = await db.query('select reauthentication_token, reauthentication_sent_at from auth.users where id = $1', [user.id])
    expect(rows[0].reauthentication_token).toBe(sha224(email + code))
    expect(rows[0].reauthentication_sent_at).not.toBeNull()
    const tokens = await db.query('select token_type::text, token_hash, relates_to from auth.one_time_tokens where user_id = $1', [user.id])
    expect(tokens.rows).toEqual([{ token_type: 'reauthentication_token', token_hash: sha224(email + code), relates_to: email }])
    // Not in supabase-js's User type, but GoTrue's user JSON carries it (omitempty).
    expect((await client.auth.getUser()).data.user).toHaveProperty('reauthentication_sent_at')
  })

  it('needs a session: no token is 401, the anon key is 403 bad_jwt', async () => {
    const none = await authFetch('/reauthenticate', { key: null })
    expect(none.status).toBe(401)
    expect(await none.json()).toMatchObject({ code: 'no_authorization' })
    const anon = await authFetch('/reauthenticate')
    expect(anon.status).toBe(403)
    expect(await anon.json()).toMatchObject({ code: 'bad_jwt' })
    expect((await anonClient().auth.reauthenticate()).error?.name).toBe('AuthSessionMissingError')
  })

  it('an unconfirmed user is 422 email_not_confirmed', async () => {
    const email = uniqueEmail('reauth-unconfirmed')
    const aux = await startAuxAuth({ auth: { email: { enableConfirmations: true } } })
    try {
      const created = await aux.admin().createUser({ email, password: 'a-long-password-1' })
      expect(created.error).toBeNull()
      // Unconfirmed users cannot sign in, so give them a session the way a stale one would look.
      await db.query('update auth.users set email_confirmed_at = now() where email = $1', [email])
      const client = aux.client()
      expect((await client.signInWithPassword({ email, password: 'a-long-password-1' })).error).toBeNull()
      await db.query('update auth.users set email_confirmed_at = null where email = $1', [email])
      expect((await client.reauthenticate()).error).toMatchObject({ status: 422, code: 'email_not_confirmed' })
    } finally {
      await aux.stop()
    }
  })
})

describe('secure_password_change on (aux server)', () => {
  let aux: Awaited<ReturnType<typeof startAuxAuth>>
  beforeAll(async () => {
    aux = await startAuxAuth({ auth: { email: { securePasswordChange: true } } })
  })
  afterAll(() => aux?.stop())

  async function signedIn(prefix: string, options: { agedHours?: number } = {}) {
    const email = uniqueEmail(prefix)
    const password = `old-password-${prefix}`
    expect((await aux.admin().createUser({ email, password, email_confirm: true })).error).toBeNull()
    const client = aux.client()
    const { data, error } = await client.signInWithPassword({ email, password })
    expect(error).toBeNull()
    const sessionId = claimsOf(data.session!.access_token).session_id as string
    if (options.agedHours) {
      await db.query(`update auth.sessions set created_at = now() - make_interval(hours => $2) where id = $1`, [
        sessionId,
        options.agedHours,
      ])
    }
    return { client, email, password }
  }

  const codeFor = (email: string) => otpFrom(aux.mails.filter((m) => m.to.includes(email)).at(-1)!.text)
  const signsIn = async (email: string, password: string) => (await aux.client().signInWithPassword({ email, password })).error === null

  it('a session younger than 24 h changes the password without a nonce, and a wrong nonce is ignored (as GoTrue)', async () => {
    const { client, email, password } = await signedIn('reauth-fresh')
    expect((await client.updateUser({ password: `${password}-2` })).error).toBeNull()
    expect((await client.updateUser({ password: `${password}-3`, nonce: '000000' })).error).toBeNull()
    expect(await signsIn(email, `${password}-3`)).toBe(true)
  })

  it('an older session: no nonce is 400 reauthentication_needed and the password stays', async () => {
    const { client, email, password } = await signedIn('reauth-needed', { agedHours: 25 })
    const { error } = await client.updateUser({ password: `${password}-new` })
    expect(error).toMatchObject({ status: 400, code: 'reauthentication_needed' })
    expect(await signsIn(email, password)).toBe(true)
  })

  it('an older session: a wrong nonce is 422 reauthentication_not_valid; the right one works once', async () => {
    const { client, email, password } = await signedIn('reauth-nonce', { agedHours: 25 })
    expect((await client.reauthenticate()).error).toBeNull()
    const code = codeFor(email)

    const wrong = await client.updateUser({ password: `${password}-new`, nonce: otherCode(code) })
    expect(wrong.error).toMatchObject({ status: 422, code: 'reauthentication_not_valid' })
    expect(await signsIn(email, password)).toBe(true)

    const right = await client.updateUser({ password: `${password}-new`, nonce: code })
    expect(right.error).toBeNull()
    expect(await signsIn(email, `${password}-new`)).toBe(true)
    const { rows } = await db.query('select reauthentication_token from auth.users where email = $1', [email])
    expect(rows[0].reauthentication_token).toBe('')

    const reused = await client.updateUser({ password: `${password}-again`, nonce: code })
    expect(reused.error).toMatchObject({ status: 422, code: 'reauthentication_not_valid' })
    expect(await signsIn(email, `${password}-new`)).toBe(true)
  })

  it('an older session: a nonce past otp_expiry is refused; a new code replaces the old one', async () => {
    const { client, email, password } = await signedIn('reauth-expired', { agedHours: 48 })
    expect((await client.reauthenticate()).error).toBeNull()
    const first = codeFor(email)
    await db.query(`update auth.users set reauthentication_sent_at = now() - interval '61 minutes' where email = $1`, [email])
    expect((await client.updateUser({ password: `${password}-new`, nonce: first })).error).toMatchObject({
      status: 422,
      code: 'reauthentication_not_valid',
    })

    expect((await client.reauthenticate()).error).toBeNull()
    const second = codeFor(email)
    if (second !== first) {
      const stale = await client.updateUser({ password: `${password}-new`, nonce: first })
      expect(stale.error).toMatchObject({ status: 422, code: 'reauthentication_not_valid' })
    }
    expect((await client.updateUser({ password: `${password}-new`, nonce: second })).error).toBeNull()
  })

  it('a correct nonce is consumed before the same-password check, as GoTrue does', async () => {
    const { client, email, password } = await signedIn('reauth-same', { agedHours: 25 })
    expect((await client.reauthenticate()).error).toBeNull()
    const code = codeFor(email)
    expect((await client.updateUser({ password, nonce: code })).error).toMatchObject({ status: 422, code: 'same_password' })
    expect((await client.updateUser({ password: `${password}-new`, nonce: code })).error).toMatchObject({
      status: 422,
      code: 'reauthentication_not_valid',
    })
  })

  it('a recovery session (fresh, from the recovery code) sets a new password directly', async () => {
    const email = uniqueEmail('reauth-recovery')
    expect((await aux.admin().createUser({ email, password: 'forgotten-password', email_confirm: true })).error).toBeNull()
    const client = aux.client()
    expect((await client.resetPasswordForEmail(email)).error).toBeNull()
    const verified = await client.verifyOtp({ email, token: codeFor(email), type: 'recovery' })
    expect(verified.error).toBeNull()
    expect((await client.updateUser({ password: 'remembered-password' })).error).toBeNull()
    expect(await signsIn(email, 'remembered-password')).toBe(true)
  })

  it('changing the password clears a pending code', async () => {
    const { client, email, password } = await signedIn('reauth-cleared')
    expect((await client.reauthenticate()).error).toBeNull()
    const code = codeFor(email)
    expect((await client.updateUser({ password: `${password}-2` })).error).toBeNull()
    const { rows } = await db.query('select reauthentication_token, reauthentication_sent_at from auth.users where email = $1', [email])
    expect(rows[0]).toEqual({ reauthentication_token: '', reauthentication_sent_at: null })
    const session = await client.getSession()
    const sessionId = claimsOf(session.data.session!.access_token).session_id
    await db.query(`update auth.sessions set created_at = now() - interval '25 hours' where id = $1`, [sessionId])
    expect((await client.updateUser({ password: `${password}-3`, nonce: code })).error).toMatchObject({
      status: 422,
      code: 'reauthentication_not_valid',
    })
  })
})

describe('max_frequency applies to reauthentication mails (aux server: 60 s)', () => {
  it('a second code within the window is 429 over_email_send_rate_limit', async () => {
    const aux = await startAuxAuth({ auth: { rateLimitsDisabled: false, email: { maxFrequency: 60 } } })
    try {
      const email = uniqueEmail('reauth-frequency')
      expect((await aux.admin().createUser({ email, password: 'a-long-password-1', email_confirm: true })).error).toBeNull()
      const client = aux.client()
      expect((await client.signInWithPassword({ email, password: 'a-long-password-1' })).error).toBeNull()
      expect((await client.reauthenticate()).error).toBeNull()
      const again = await client.reauthenticate()
      expect(again.error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' })
      expect(again.error?.message).toMatch(/only request this after \d+ seconds/)
      expect(aux.mails.filter((m) => m.to.includes(email))).toHaveLength(1)
    } finally {
      await aux.stop()
    }
  })
})
