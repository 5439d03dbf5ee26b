/** Row 18: sign-up with confirmations on (the hosted default), on an aux Auth server. */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startAuxAuth } from '../support/aux-auth.ts'
import { db, uniqueEmail } from '../support/stack.ts'
import { otpFrom, verifyLinkFrom } from './helpers.ts'

let aux: Awaited<ReturnType<typeof startAuxAuth>>
beforeAll(async () => {
  aux = await startAuxAuth({ auth: { email: { enableConfirmations: true } } })
})
afterAll(() => aux?.stop())

it('row 18: signUp returns a user without a session and mails a confirmation', async () => {
  const email = uniqueEmail('confirm')
  const { data, error } = await aux.client().signUp({ email, password: 'secret123' })
  expect(error).toBeNull()
  expect(data.session).toBeNull()
  expect(data.user?.email).toBe(email)
  expect(data.user?.confirmation_sent_at).toBeTruthy()
  expect(data.user?.identities).toHaveLength(1)

  const mails = aux.mails.filter((m) => m.to.includes(email))
  expect(mails).toHaveLength(1)
  expect(verifyLinkFrom(mails[0].text).searchParams.get('type')).toBe('signup')

  const signIn = await aux.client().signInWithPassword({ email, password: 'secret123' })
  expect(signIn.error).toMatchObject({ status: 400, code: 'email_not_confirmed' })

  const repeat = await aux.client().signUp({ email, password: 'secret123' })
  expect(repeat.error).toBeNull()
  expect(repeat.data.session).toBeNull()
  expect(repeat.data.user?.identities).toEqual([])
  expect(repeat.data.user?.id).not.toBe(data.user?.id)

  // Confirming with the mailed OTP makes the password usable.
  const confirmed = await aux.client().verifyOtp({ email, token: otpFrom(mails[0].text), type: 'signup' })
  expect(confirmed.error).toBeNull()
  const { rows } = await db.query('select email_confirmed_at from auth.users where email = $1', [email])
  expect(rows[0].email_confirmed_at).not.toBeNull()
  expect((await aux.client().signInWithPassword({ email, password: 'secret123' })).error).toBeNull()
})
