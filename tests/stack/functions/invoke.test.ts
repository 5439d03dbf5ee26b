/** Rows 44–46 against the running stack, with the real supabase-js `functions.invoke`. */
import { FunctionsHttpError } from '@supabase/supabase-js'
import { describe, expect, it } from 'vitest'
import { anonClient, serviceClient, signedInClient, stack } from '../support/stack.ts'

const functionsUrl = `${stack.apiUrl}/functions/v1`

describe('row 44: calling a verify_jwt function', () => {
  it('passes with the anon key only', async () => {
    const { data, error } = await anonClient().functions.invoke('echo', { body: { ping: 1 } })
    expect(error).toBeNull()
    expect(data).toMatchObject({ method: 'POST', path: '/echo', body: '{"ping":1}' })
  })

  it('refuses a raw call without Authorization, and a bad token', async () => {
    const missing = await fetch(`${functionsUrl}/echo`, { method: 'POST' })
    expect(missing.status).toBe(401)
    expect(((await missing.json()) as { msg: string }).msg).toContain('Missing authorization header')
    const bad = await fetch(`${functionsUrl}/echo`, { method: 'POST', headers: { Authorization: 'Bearer bad.token.here' } })
    expect(bad.status).toBe(401)
    expect(((await bad.json()) as { msg: string }).msg).toBe('Invalid JWT')
  })
})

describe('row 45: function errors and config', () => {
  it('a 422 JSON response is a FunctionsHttpError whose context.json() is the body', async () => {
    const { data, error } = await anonClient().functions.invoke('fail')
    expect(data).toBeNull()
    expect(error).toBeInstanceOf(FunctionsHttpError)
    expect(error.context.status).toBe(422)
    expect(await error.context.json()).toEqual({ error: 'nope' })
  })

  it('an unknown slug is 404 "Function not found"', async () => {
    const { error } = await anonClient().functions.invoke('no-such-function')
    expect(error).toBeInstanceOf(FunctionsHttpError)
    expect(error.context.status).toBe(404)
    expect(await error.context.text()).toBe('Function not found')
  })

  it('verify_jwt = false answers 200 without any auth', async () => {
    const response = await fetch(`${functionsUrl}/no-verify`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true, sawAuthorization: false })
  })
})

describe('row 46: a client inside a function forwarding the caller’s Authorization', () => {
  it('applies RLS as the caller, and the function sees the SUPABASE_* variables', async () => {
    const alice = await signedInClient('fn-alice')
    const bob = await signedInClient('fn-bob')
    for (const [who, body] of [
      [alice, 'alice note'],
      [bob, 'bob note'],
    ] as const) {
      const { error } = await who.client.from('notes').insert({ body })
      expect(error).toBeNull()
    }

    const asAlice = await alice.client.functions.invoke('whoami')
    expect(asAlice.error).toBeNull()
    expect(asAlice.data.notes.map((n: { owner_id: string; body: string }) => [n.owner_id, n.body])).toEqual([[alice.user.id, 'alice note']])
    expect(asAlice.data.env).toEqual(
      expect.arrayContaining(['SUPABASE_URL', 'SUPABASE_ANON_KEY', 'SUPABASE_SERVICE_ROLE_KEY', 'SUPABASE_DB_URL', 'SUPABASE_JWKS']),
    )

    const asBob = await bob.client.functions.invoke('whoami')
    expect(asBob.data.notes.map((n: { body: string }) => n.body)).toEqual(['bob note'])

    // anon has no policy on notes: an empty list, not an error.
    const asAnon = await anonClient().functions.invoke('whoami')
    expect(asAnon.error).toBeNull()
    expect(asAnon.data.notes).toEqual([])

    await serviceClient().from('notes').delete().in('owner_id', [alice.user.id, bob.user.id])
  })

  it('points SUPABASE_URL at this stack’s gateway', async () => {
    const { data } = await anonClient().functions.invoke('echo', { method: 'GET' })
    expect(data.supabaseUrl).toBe(stack.apiUrl)
  })
})
