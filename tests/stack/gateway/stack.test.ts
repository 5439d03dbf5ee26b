/** The gateway in front of the real PostgREST: row 37, the 404 route and opaque keys end to end. */
import { createClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { webSocketTransport } from '../../../app/lib/websocket.server.ts'
import { PUBLISHABLE_KEY, SECRET_KEY } from '../../../supabase/local/keys.ts'
import { serviceClient, signedInClient, stack } from '../support/stack.ts'
import { startTestGateway } from './harness.ts'

const opaqueClient = (url: string, key: string) =>
  createClient(url, key, { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: webSocketTransport } })

describe('row 37: unfiltered writes, even with the service key', () => {
  it('refuses delete() and update() without a filter with 400 21000', async () => {
    const service = serviceClient()
    const del = await service.from('notes').delete()
    expect(del.status).toBe(400)
    expect(del.error).toMatchObject({ code: '21000', message: 'DELETE requires a WHERE clause' })
    const update = await service.from('notes').update({ body: 'x' })
    expect(update.status).toBe(400)
    expect(update.error).toMatchObject({ code: '21000', message: 'UPDATE requires a WHERE clause' })
  })

  it('lets filtered writes through', async () => {
    const { client } = await signedInClient('safeupdate')
    const { data } = await client.from('notes').insert({ body: 'temp' }).select('id').single()
    const update = await client.from('notes').update({ body: 'changed' }).eq('id', data!.id)
    expect(update.status).toBe(204)
    const del = await client.from('notes').delete().eq('id', data!.id)
    expect(del.status).toBe(204)
  })
})

describe('routes and keys against the real services', () => {
  it('answers Kong’s 404 for services this stack does not provide', async () => {
    for (const path of ['/storage/v1/bucket', '/realtime/v1/api/tenants', '/graphql/v1', '/pg/meta']) {
      const response = await fetch(`${stack.apiUrl}${path}`)
      expect(response.status).toBe(404)
      expect(await response.json()).toEqual({ message: 'no Route matched with those values' })
    }
  })

  it('serves supabase-js created with the publishable key as anon, and with the secret key as service_role', async () => {
    const publishable = await opaqueClient(stack.apiUrl, PUBLISHABLE_KEY).from('items').select('id').order('id').limit(2)
    expect(publishable.error).toBeNull()
    expect(publishable.data).toEqual([{ id: 1 }, { id: 2 }])
    const count = await opaqueClient(stack.apiUrl, SECRET_KEY).rpc('current_user_id')
    expect(count.error).toBeNull()
  })
})

describe('strict apikey mode in front of the real PostgREST', () => {
  let strict: Awaited<ReturnType<typeof startTestGateway>>
  beforeAll(async () => {
    const authPort = new URL(stack.apiUrl).port === '' ? 54332 : Number(new URL(stack.apiUrl).port) + 11
    strict = await startTestGateway({
      upstreams: { rest: stack.restDirectUrl, auth: `http://127.0.0.1:${authPort}` },
      local: { strictApikey: true },
    })
  })
  afterAll(() => strict.stop())

  it('401s a request without a key and serves one with the publishable key', async () => {
    const missing = await fetch(`${strict.url}/rest/v1/items?select=id&limit=1`)
    expect(missing.status).toBe(401)
    expect(await missing.json()).toEqual({ message: 'No API key found in request' })
    const { data, error } = await opaqueClient(strict.url, PUBLISHABLE_KEY).from('items').select('id').eq('id', 3)
    expect(error).toBeNull()
    expect(data).toEqual([{ id: 3 }])
    const health = await fetch(`${strict.url}/auth/v1/health`)
    expect(health.status).toBe(200)
  })
})
