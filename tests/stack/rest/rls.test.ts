/** Row-level security through the gateway, as anon, two different users and the service role. */
import { describe, expect, it } from 'vitest'
import { anonClient, serviceClient, signedInClient } from '../support/stack.ts'

describe('RLS through the gateway', () => {
  it('anon selecting an RLS table without an anon policy gets 200 and no rows', async () => {
    const { data, error, status } = await anonClient().from('notes').select('*')
    expect(error).toBeNull()
    expect(status).toBe(200)
    expect(data).toEqual([])
  })

  it('anon insert is refused with 401 and 42501', async () => {
    const { error, status } = await anonClient().from('notes').insert({ body: 'hello' })
    expect(status).toBe(401)
    expect(error?.code).toBe('42501')
  })

  it('an insert violating WITH CHECK is refused with 403 and 42501', async () => {
    const alice = await signedInClient('alice')
    const bob = await signedInClient('bob')
    const { error, status } = await alice.client.from('notes').insert({ body: 'forged', owner_id: bob.user.id })
    expect(status).toBe(403)
    expect(error?.code).toBe('42501')
  })

  it('each user sees only their own rows; the service role sees both', async () => {
    const alice = await signedInClient('alice')
    const bob = await signedInClient('bob')
    const inserted = await alice.client.from('notes').insert({ body: 'alice note' }).select().single()
    expect(inserted.status).toBe(201)
    expect(inserted.data?.owner_id).toBe(alice.user.id)
    await bob.client.from('notes').insert({ body: 'bob note' })

    const asAlice = await alice.client.from('notes').select('body')
    expect(asAlice.data).toEqual([{ body: 'alice note' }])
    const asBob = await bob.client.from('notes').select('body')
    expect(asBob.data).toEqual([{ body: 'bob note' }])

    const asService = await serviceClient().from('notes').select('body').in('owner_id', [alice.user.id, bob.user.id]).order('body')
    expect(asService.data).toEqual([{ body: 'alice note' }, { body: 'bob note' }])
  })

  it("updating someone else's row affects nothing, silently", async () => {
    const alice = await signedInClient('alice')
    const bob = await signedInClient('bob')
    const { data: note } = await alice.client.from('notes').insert({ body: 'original' }).select().single()
    const update = await bob.client.from('notes').update({ body: 'hijacked' }).eq('id', note!.id)
    expect(update.error).toBeNull()
    expect(update.status).toBe(204)
    const reread = await alice.client.from('notes').select('body').eq('id', note!.id).single()
    expect(reread.data?.body).toBe('original')
  })

  it('an rpc runs as its caller', async () => {
    const alice = await signedInClient('alice')
    const asAlice = await alice.client.rpc('current_user_id')
    expect(asAlice.data).toBe(alice.user.id)
    const asAnon = await anonClient().rpc('current_user_id')
    expect(asAnon.error).toBeNull()
    expect(asAnon.data).toBeNull()
  })
})
