/** Rows 2–4, 9, 10: sign-up with auto-confirm, its errors, and the error wire format. */
import { AuthApiError, AuthRetryableFetchError, AuthWeakPasswordError } from '@supabase/supabase-js'
import { describe, expect, it } from 'vitest'
import { anonClient, db, uniqueEmail } from '../support/stack.ts'
import { authFetch } from './helpers.ts'

describe('signUp (auto-confirm)', () => {
  it('row 2: returns a session for a confirmed email user with users and identities rows', async () => {
    const email = uniqueEmail('signup')
    const { data, error } = await anonClient().auth.signUp({ email, password: 'secret123', options: { data: { name: 'Ada' } } })
    expect(error).toBeNull()
    expect(data.session?.access_token).toBeTruthy()
    expect(data.user?.email_confirmed_at).toBeTruthy()
    expect(data.user?.app_metadata).toMatchObject({ provider: 'email', providers: ['email'] })
    expect(data.user?.user_metadata).toMatchObject({ name: 'Ada', email_verified: true })
    expect(data.user?.identities).toHaveLength(1)

    const users = await db.query('select role, aud, instance_id from auth.users where email = $1', [email])
    expect(users.rows).toEqual([{ role: 'authenticated', aud: 'authenticated', instance_id: '00000000-0000-0000-0000-000000000000' }])
    const identities = await db.query(`select provider, email from auth.identities where user_id = $1`, [data.user!.id])
    expect(identities.rows).toEqual([{ provider: 'email', email }])
    // The fixture's after-insert trigger saw GoTrue's first write: role '' and unconfirmed.
    const profile = await db.query('select role_at_insert, confirmed_at_insert from public.auth_fixture_profiles where id = $1', [
      data.user!.id,
    ])
    expect(profile.rows).toEqual([{ role_at_insert: '', confirmed_at_insert: false }])
  })

  it('row 3: signing up the same email again is 422 user_already_exists', async () => {
    const email = uniqueEmail('dup')
    await anonClient().auth.signUp({ email, password: 'secret123' })
    const { data, error } = await anonClient().auth.signUp({ email, password: 'secret123' })
    expect(error).toBeInstanceOf(AuthApiError)
    expect(error).toMatchObject({ status: 422, code: 'user_already_exists' })
    expect(data.session).toBeNull()
  })

  it('row 4: weak, malformed and over-long inputs are rejected', async () => {
    const weak = await anonClient().auth.signUp({ email: uniqueEmail(), password: '12345' })
    expect(weak.error).toBeInstanceOf(AuthWeakPasswordError)
    expect(weak.error).toMatchObject({ status: 422, code: 'weak_password', reasons: ['length'] })

    const badEmail = await anonClient().auth.signUp({ email: 'not-an-email', password: 'secret123' })
    expect(badEmail.error).toMatchObject({ status: 400, code: 'validation_failed' })

    const longPassword = await anonClient().auth.signUp({ email: uniqueEmail(), password: 'a'.repeat(73) })
    expect(longPassword.error).toMatchObject({ status: 400, code: 'validation_failed' })
  })
})

describe('error format', () => {
  it('row 9: errors carry the API version header, both code fields and x-sb-error-code', async () => {
    const response = await authFetch('/token?grant_type=password', {
      method: 'POST',
      body: JSON.stringify({ email: uniqueEmail('nobody'), password: 'wrong-password' }),
    })
    expect(response.status).toBe(400)
    expect(response.headers.get('x-supabase-api-version')).toBe('2024-01-01')
    expect(response.headers.get('x-sb-error-code')).toBe('invalid_credentials')
    expect(await response.json()).toMatchObject({
      code: 'invalid_credentials',
      error_code: 'invalid_credentials',
      msg: 'Invalid login credentials',
      message: 'Invalid login credentials',
    })
  })

  it('row 9: anonymous sign-ins are disabled by default', async () => {
    const { error } = await anonClient().auth.signInAnonymously()
    expect(error).toMatchObject({ status: 422, code: 'anonymous_provider_disabled' })
  })

  it('row 10: a failing insert trigger on auth.users is a retryable 500 and leaves no user', async () => {
    const email = uniqueEmail('trigger-fail')
    // Scoped to this test's address so that concurrent test files keep signing up.
    await db.query(`
      create or replace function public.auth_fixture_fail_insert() returns trigger language plpgsql as $$
      begin
        if new.email like 'trigger-fail-%' then raise exception 'trigger says no'; end if;
        return new;
      end $$;
      create trigger auth_fixture_fail_insert after insert on auth.users
        for each row execute function public.auth_fixture_fail_insert();`)
    try {
      const { data, error } = await anonClient().auth.signUp({ email, password: 'secret123' })
      expect(error).toBeInstanceOf(AuthRetryableFetchError)
      expect(error?.status).toBe(500)
      expect(data.user).toBeNull()
      const { rowCount } = await db.query('select 1 from auth.users where email = $1', [email])
      expect(rowCount).toBe(0)
    } finally {
      await db.query(`drop trigger auth_fixture_fail_insert on auth.users; drop function public.auth_fixture_fail_insert();`)
    }
  })
})
