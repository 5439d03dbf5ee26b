/** Rows 5–8: password sign-in, its claims and errors, and admin-created users. */
import { AuthApiError } from '@supabase/supabase-js'
import { describe, expect, it } from 'vitest'
import { anonClient, db, serviceClient, stack, uniqueEmail } from '../support/stack.ts'
import { claimsOf } from './helpers.ts'

async function confirmedUser(password = 'secret123') {
  const email = uniqueEmail('signin')
  const { data, error } = await serviceClient().auth.admin.createUser({ email, password, email_confirm: true })
  if (error) throw error
  return { email, password, user: data.user }
}

describe('signInWithPassword', () => {
  it('row 5: issues an access token with the GoTrue claims and a real session row', async () => {
    const { email, password, user } = await confirmedUser()
    const { data, error } = await anonClient().auth.signInWithPassword({ email, password })
    expect(error).toBeNull()
    const claims = claimsOf(data.session!.access_token)
    expect(claims).toMatchObject({
      sub: user.id,
      role: 'authenticated',
      aud: 'authenticated',
      iss: `${stack.apiUrl}/auth/v1`,
      email,
      phone: '',
      aal: 'aal1',
      is_anonymous: false,
      app_metadata: { provider: 'email', providers: ['email'] },
    })
    expect(typeof claims.aud).toBe('string')
    expect(claims.exp - claims.iat).toBe(3600)
    expect(claims.amr[0]).toMatchObject({ method: 'password' })
    expect(typeof claims.amr[0].timestamp).toBe('number')
    const { rows } = await db.query('select user_id from auth.sessions where id = $1', [claims.session_id])
    expect(rows).toEqual([{ user_id: user.id }])
    expect(data.user?.last_sign_in_at).toBeTruthy()
  })

  it('row 6: a wrong password and an unknown email are both 400 invalid_credentials', async () => {
    const { email } = await confirmedUser()
    const wrong = await anonClient().auth.signInWithPassword({ email, password: 'not-the-password' })
    expect(wrong.error).toBeInstanceOf(AuthApiError)
    expect(wrong.error).toMatchObject({ status: 400, code: 'invalid_credentials' })
    const unknown = await anonClient().auth.signInWithPassword({ email: uniqueEmail('ghost'), password: 'secret123' })
    expect(unknown.error).toMatchObject({ status: 400, code: 'invalid_credentials' })
  })

  it('row 7: a user created by an admin without email_confirm cannot sign in yet', async () => {
    const email = uniqueEmail('unconfirmed')
    const created = await serviceClient().auth.admin.createUser({ email, password: 'secret123' })
    expect(created.error).toBeNull()
    expect(created.data.user?.email_confirmed_at).toBeUndefined()
    const { error } = await anonClient().auth.signInWithPassword({ email, password: 'secret123' })
    expect(error).toMatchObject({ status: 400, code: 'email_not_confirmed' })
  })

  it('row 7: a seeded user (crypt() hash, NULL token columns) can sign in', async () => {
    const email = uniqueEmail('seeded')
    await db.query(
      `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
         raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
         confirmation_token, recovery_token, email_change_token_new, email_change)
       values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated', $1,
         extensions.crypt('secret123', extensions.gen_salt('bf')), now(),
         '{"provider":"email","providers":["email"]}', '{}', now(), now(), null, null, null, null)`,
      [email],
    )
    const { data, error } = await anonClient().auth.signInWithPassword({ email, password: 'secret123' })
    expect(error).toBeNull()
    expect(data.user?.email).toBe(email)
  })
})

describe('admin createUser', () => {
  it('row 8: a duplicate email is 422 email_exists; the anon key is 403 not_admin', async () => {
    const { email } = await confirmedUser()
    const duplicate = await serviceClient().auth.admin.createUser({ email, password: 'secret123' })
    expect(duplicate.error).toMatchObject({ status: 422, code: 'email_exists' })

    const asAnon = await anonClient().auth.admin.createUser({ email: uniqueEmail(), password: 'secret123' })
    expect(asAnon.error).toMatchObject({ status: 403, code: 'not_admin' })
    const listAsAnon = await anonClient().auth.admin.listUsers()
    expect(listAsAnon.error).toMatchObject({ status: 403, code: 'not_admin' })
  })
})
