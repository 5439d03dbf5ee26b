/** Row 37 at the gateway: unfiltered UPDATE/DELETE refused for every key, as hosted's safeupdate does. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SECRET_KEY, SERVICE_ROLE_KEY } from '../../../supabase/local/keys.ts'
import { startEchoUpstream, startTestGateway } from './harness.ts'

let upstream: Awaited<ReturnType<typeof startEchoUpstream>>
let gateway: Awaited<ReturnType<typeof startTestGateway>>

beforeAll(async () => {
  upstream = await startEchoUpstream('rest')
  gateway = await startTestGateway({ upstreams: { rest: upstream.url, auth: upstream.url } })
})
afterAll(async () => {
  await gateway.stop()
  await upstream.stop()
})

const request = (method: string, path: string) =>
  fetch(`${gateway.url}/rest/v1${path}`, {
    method,
    headers: { apikey: SECRET_KEY, Authorization: `Bearer ${SERVICE_ROLE_KEY}`, 'Content-Type': 'application/json' },
    body: method === 'PATCH' ? '{"body":"x"}' : undefined,
  })

describe('safeupdate emulation', () => {
  it('refuses DELETE and PATCH without a filter, even with the service key', async () => {
    const del = await request('DELETE', '/notes')
    expect(del.status).toBe(400)
    expect(await del.text()).toBe('{"code":"21000","details":null,"hint":null,"message":"DELETE requires a WHERE clause"}')
    const patch = await request('PATCH', '/notes?select=id,body&order=id&limit=5&offset=0&columns=body&on_conflict=id')
    expect(patch.status).toBe(400)
    expect(await patch.json()).toEqual({ code: '21000', details: null, hint: null, message: 'UPDATE requires a WHERE clause' })
    expect(patch.headers.get('access-control-allow-origin')).toBe('*')
  })

  it.each([
    '/notes?id=eq.1',
    '/notes?or=(id.eq.1,id.eq.2)',
    '/notes?and=(id.gt.1,id.lt.5)',
    '/notes?not.or=(id.eq.1)',
    '/notes?body=is.null&select=id',
  ])('forwards a filtered write: %s', async (path) => {
    expect((await request('DELETE', path)).status).toBe(200)
    expect((await request('PATCH', path)).status).toBe(200)
  })

  it('leaves RPC, reads and inserts alone', async () => {
    expect((await request('POST', '/rpc/anything')).status).toBe(200)
    expect((await request('PATCH', '/rpc/anything')).status).toBe(200)
    expect((await request('GET', '/notes')).status).toBe(200)
    expect((await request('POST', '/notes')).status).toBe(200)
  })
})
