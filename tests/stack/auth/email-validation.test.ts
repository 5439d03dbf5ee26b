/**
 * Every endpoint that takes an e-mail address checks it as Supabase Auth does (GoTrue's
 * validateEmail): required, at most 255 characters, and a strict syntax that refuses
 * `xx:;x@x.x` but accepts a host without a dot.
 */
import { describe, expect, it } from 'vitest'
import { anonClient, db, serviceClient, signedInClient, uniqueEmail } from '../support/stack.ts'

const BAD = 'xx:;x@x.x'
const invalidFormat = { status: 400, code: 'validation_failed', message: 'Unable to validate email address: invalid format' }

describe('e-mail syntax, endpoint by endpoint', () => {
  it('the public endpoints refuse a malformed address with 400 validation_failed', async () => {
    const auth = anonClient().auth
    expect((await auth.signUp({ email: BAD, password: 'secret123' })).error).toMatchObject(invalidFormat)
    expect((await auth.signInWithOtp({ email: BAD })).error).toMatchObject(invalidFormat)
    expect((await auth.resetPasswordForEmail(BAD)).error).toMatchObject(invalidFormat)
    expect((await auth.resend({ type: 'signup', email: BAD })).error).toMatchObject(invalidFormat)
  })

  it('verifyOtp answers a malformed address with 422 "Invalid email format"', async () => {
    const { error } = await anonClient().auth.verifyOtp({ email: BAD, token: '123456', type: 'email' })
    expect(error).toMatchObject({ status: 422, code: 'validation_failed', message: 'Invalid email format' })
  })

  it('the admin endpoints refuse it too, and no user is created', async () => {
    const admin = serviceClient().auth.admin
    expect((await admin.createUser({ email: BAD, password: 'secret123' })).error).toMatchObject(invalidFormat)
    expect((await admin.inviteUserByEmail(BAD)).error).toMatchObject(invalidFormat)
    expect((await admin.generateLink({ type: 'magiclink', email: BAD })).error).toMatchObject(invalidFormat)

    const { user, email } = await signedInClient('valid')
    expect((await admin.updateUserById(user.id, { email: BAD })).error).toMatchObject(invalidFormat)
    const change = await admin.generateLink({ type: 'email_change_new', email, newEmail: BAD })
    expect(change.error).toMatchObject(invalidFormat)
    const { rows } = await db.query('select count(*)::int as n from auth.users where email = $1 or email_change = $1', [BAD])
    expect(rows[0].n).toBe(0)
  })

  it('updateUser refuses a malformed new address', async () => {
    const { client } = await signedInClient('valid')
    expect((await client.auth.updateUser({ email: BAD })).error).toMatchObject(invalidFormat)
  })
})

describe('what the syntax accepts and refuses', () => {
  it('refuses spaces, quoted and bracketed forms, and bad host labels', async () => {
    const admin = serviceClient().auth.admin
    for (const email of [
      ` ${uniqueEmail('pad')}`,
      'a b@example.com',
      '"a"@example.com',
      'a@[127.0.0.1]',
      'a@-x.com',
      'a@x..com',
      'a@x.com.',
    ]) {
      const { error } = await admin.createUser({ email })
      expect(error, email).toMatchObject(invalidFormat)
    }
  })

  it('accepts a host without a dot and the special characters GoTrue allows, lower-cased', async () => {
    const admin = serviceClient().auth.admin
    const local = `Someone+tag-${Date.now()}`
    const dotless = await admin.createUser({ email: `${local}@localhost` })
    expect(dotless.error).toBeNull()
    expect(dotless.data.user?.email).toBe(`${local.toLowerCase()}@localhost`)
    const special = await admin.createUser({ email: `o'neil!#$%&*/=?^_\`{|}~.${Date.now()}@example.com` })
    expect(special.error).toBeNull()
  })

  it('an address over 255 characters is "too long"; an empty one is "required"', async () => {
    const long = `${'a'.repeat(244)}@example.com`
    expect(long.length).toBe(256)
    const { error } = await anonClient().auth.signInWithOtp({ email: long })
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', message: 'An email address is too long' })
    const invited = await serviceClient().auth.admin.inviteUserByEmail('')
    expect(invited.error).toMatchObject({ status: 400, code: 'validation_failed', message: 'An email address is required' })
  })
})
