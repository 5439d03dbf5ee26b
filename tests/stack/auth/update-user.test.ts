/** Rows 26–27: updateUser metadata merging and password changes. */
import { describe, expect, it } from 'vitest'
import { anonClient, signedInClient } from '../support/stack.ts'
import { authFetch } from './helpers.ts'

describe('updateUser', () => {
  it('row 26: data is shallow-merged, null deletes a key, and USER_UPDATED fires', async () => {
    const { client } = await signedInClient('meta')
    const events: string[] = []
    client.auth.onAuthStateChange((event) => void events.push(event))
    const first = await client.auth.updateUser({ data: { a: 1, b: 2 } })
    expect(first.error).toBeNull()
    const second = await client.auth.updateUser({ data: { b: null } })
    expect(second.error).toBeNull()
    expect(second.data.user?.user_metadata).toMatchObject({ a: 1 })
    expect(second.data.user?.user_metadata).not.toHaveProperty('b')
    expect(events).toContain('USER_UPDATED')
  })

  it('row 27: the same password is 422 same_password; a new one ends the other sessions', async () => {
    const { client, email, password } = await signedInClient('password')
    const other = anonClient()
    expect((await other.auth.signInWithPassword({ email, password })).error).toBeNull()

    const same = await client.auth.updateUser({ password })
    expect(same.error).toMatchObject({ status: 422, code: 'same_password' })

    const changed = await client.auth.updateUser({ password: `${password}-new` })
    expect(changed.error).toBeNull()
    expect((await client.auth.getUser()).error).toBeNull()
    expect((await other.auth.refreshSession()).error?.status).toBe(400)
    expect((await anonClient().auth.signInWithPassword({ email, password: `${password}-new` })).error).toBeNull()
  })

  it('users cannot set their own app_metadata (403 not_admin)', async () => {
    const { session } = await signedInClient('escalate')
    const response = await authFetch('/user', {
      method: 'PUT',
      headers: { Authorization: `Bearer ${session!.access_token}` },
      body: JSON.stringify({ app_metadata: { role: 'admin' } }),
    })
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ code: 'not_admin' })
  })
})
