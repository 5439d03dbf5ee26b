/** Rows 22–25: sign-out, sessions and access tokens. */
import { AuthSessionMissingError } from '@supabase/supabase-js'
import { describe, expect, it } from 'vitest'
import { anonClient, createTestClient, db, signedInClient, stack } from '../support/stack.ts'
import { authFetch } from './helpers.ts'

describe('sessions', () => {
  it("row 22: getUser with a signed-out session's token is AuthSessionMissingError (403 session_not_found)", async () => {
    const { client, session } = await signedInClient('signout')
    expect((await client.auth.signOut()).error).toBeNull()
    const { data, error } = await anonClient().auth.getUser(session!.access_token)
    expect(error).toBeInstanceOf(AuthSessionMissingError)
    expect(data.user).toBeNull()

    const raw = await authFetch('/user', { headers: { Authorization: `Bearer ${session!.access_token}` } })
    expect(raw.status).toBe(403)
    expect(await raw.json()).toMatchObject({ code: 'session_not_found' })
  })

  it('row 23: the anon key alone is 403 bad_jwt; no credentials at all is 401 no_authorization', async () => {
    const anon = await authFetch('/user')
    expect(anon.status).toBe(403)
    expect(await anon.json()).toMatchObject({ code: 'bad_jwt', msg: 'invalid claim: missing sub claim' })

    const bare = await fetch(`${stack.apiUrl}/auth/v1/user`)
    expect(bare.status).toBe(401)
    expect(await bare.json()).toMatchObject({ code: 'no_authorization' })
  })

  it("row 24: signOut({scope:'others'}) keeps the current session and ends the other one", async () => {
    const first = await signedInClient('others')
    const second = anonClient()
    expect((await second.auth.signInWithPassword({ email: first.email, password: first.password })).error).toBeNull()

    expect((await first.client.auth.signOut({ scope: 'others' })).error).toBeNull()
    expect((await first.client.auth.getUser()).error).toBeNull()
    const refreshed = await second.auth.refreshSession()
    expect(refreshed.error?.status).toBe(400)
  })

  it('row 25: REST keeps accepting an access token after sign-out, until it expires', async () => {
    const { client, user, session } = await signedInClient('rest')
    await db.query('insert into public.auth_fixture_notes (user_id, body) values ($1, $2)', [user.id, 'still here'])
    expect((await client.auth.signOut()).error).toBeNull()
    const rest = createTestClient(stack.anonKey, { accessToken: session!.access_token })
    const { data, error, status } = await rest.from('auth_fixture_notes').select('body')
    expect(error).toBeNull()
    expect(status).toBe(200)
    expect(data).toEqual([{ body: 'still here' }])
  })
})
