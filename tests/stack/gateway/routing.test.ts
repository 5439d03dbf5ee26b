/** Gateway routing, key rewrite, header handling and upstream failures, against stub upstreams. */
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ANON_KEY, PUBLISHABLE_KEY, SECRET_KEY, SERVICE_ROLE_KEY } from '../../../supabase/local/keys.ts'
import { startEchoUpstream, startTestGateway, stubFunctionsRunner, type EchoedRequest } from './harness.ts'

let rest: Awaited<ReturnType<typeof startEchoUpstream>>
let auth: Awaited<ReturnType<typeof startEchoUpstream>>
let gateway: Awaited<ReturnType<typeof startTestGateway>>
const functions = stubFunctionsRunner()

beforeAll(async () => {
  rest = await startEchoUpstream('rest')
  auth = await startEchoUpstream('auth')
  gateway = await startTestGateway({ upstreams: { rest: rest.url, auth: auth.url }, functions })
})
afterAll(async () => {
  await gateway.stop()
  await rest.stop()
  await auth.stop()
})

async function echoed(path: string, init?: RequestInit): Promise<EchoedRequest> {
  const response = await fetch(`${gateway.url}${path}`, init)
  expect(response.status).toBe(200)
  return (await response.json()) as EchoedRequest
}

describe('routing', () => {
  it.each(['/storage/v1/object/x', '/realtime/v1/websocket', '/graphql/v1', '/pg/query', '/', '/rest/v2/x', '/rest/v1x'])(
    'answers Kong 404 for %s',
    async (path) => {
      const response = await fetch(`${gateway.url}${path}`)
      expect(response.status).toBe(404)
      expect(response.headers.get('content-type')).toContain('application/json')
      expect(await response.json()).toEqual({ message: 'no Route matched with those values' })
    },
  )

  it('answers a WebSocket upgrade (Realtime) with the same 404 instead of dropping the socket', async () => {
    const { port } = new URL(gateway.url)
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        path: '/realtime/v1/websocket?vsn=1.0.0',
        headers: { Connection: 'Upgrade', Upgrade: 'websocket' },
      })
      req.on('response', (res) => resolve(res.statusCode))
      req.on('upgrade', () => reject(new Error('unexpected upgrade')))
      req.on('error', reject)
      req.end()
    })
    expect(status).toBe(404)
  })

  it('strips /rest/v1 and /auth/v1 and keeps the query string', async () => {
    expect(await echoed('/rest/v1/notes?select=id,body&id=eq.1')).toMatchObject({ upstream: 'rest', url: '/notes?select=id,body&id=eq.1' })
    expect(await echoed('/rest/v1/')).toMatchObject({ upstream: 'rest', url: '/' })
    expect(await echoed('/auth/v1/token?grant_type=password', { method: 'POST', body: '{}' })).toMatchObject({
      upstream: 'auth',
      method: 'POST',
      url: '/token?grant_type=password',
      body: '{}',
    })
  })

  it('hands /functions/v1/<slug>[/*] to the runner with the rest of the path', async () => {
    functions.calls.length = 0
    await fetch(`${gateway.url}/functions/v1/no-verify/a/b?x=1`)
    await fetch(`${gateway.url}/functions/v1/no-verify?x=2`)
    await fetch(`${gateway.url}/functions/v1/no-verify`)
    expect(functions.calls.map(({ slug, pathAfterSlug }) => [slug, pathAfterSlug])).toEqual([
      ['no-verify', '/a/b?x=1'],
      ['no-verify', '?x=2'],
      ['no-verify', ''],
    ])
  })

  it('streams request bodies of any size through unchanged', async () => {
    const body = 'x'.repeat(3 * 1024 * 1024)
    const result = await echoed('/rest/v1/notes', { method: 'POST', body, headers: { 'Content-Type': 'text/plain' } })
    expect(result.body.length).toBe(body.length)
  })
})

describe('Authorization rewrite (Kong rule order)', () => {
  const authorizationFor = async (headers: Record<string, string>) => (await echoed('/rest/v1/notes', { headers })).headers.authorization

  it('maps the secret key to the service_role JWT and the publishable key to the anon JWT', async () => {
    expect(await authorizationFor({ apikey: SECRET_KEY })).toBe(`Bearer ${SERVICE_ROLE_KEY}`)
    expect(await authorizationFor({ apikey: PUBLISHABLE_KEY })).toBe(`Bearer ${ANON_KEY}`)
    expect(await authorizationFor({ apikey: PUBLISHABLE_KEY, Authorization: `Bearer ${PUBLISHABLE_KEY}` })).toBe(`Bearer ${ANON_KEY}`)
    expect(await authorizationFor({ apikey: SECRET_KEY, Authorization: `Bearer ${SECRET_KEY}` })).toBe(`Bearer ${SERVICE_ROLE_KEY}`)
  })

  it('keeps a non-sb_ Authorization, e.g. a user session, whatever the apikey', async () => {
    expect(await authorizationFor({ apikey: SECRET_KEY, Authorization: 'Bearer user.jwt.token' })).toBe('Bearer user.jwt.token')
    expect(await authorizationFor({ apikey: ANON_KEY, Authorization: 'Basic abc' })).toBe('Basic abc')
  })

  it('falls back to Bearer <apikey>, and sends nothing when there is no key at all', async () => {
    expect(await authorizationFor({ apikey: ANON_KEY })).toBe(`Bearer ${ANON_KEY}`)
    expect(await authorizationFor({})).toBeUndefined()
  })

  it('rewrites for functions too', async () => {
    functions.calls.length = 0
    await fetch(`${gateway.url}/functions/v1/no-verify`, { headers: { apikey: PUBLISHABLE_KEY } })
    const headers = functions.calls[0].headers!
    expect(headers[headers.indexOf('Authorization') + 1]).toBe(`Bearer ${ANON_KEY}`)
  })
})

describe('header handling', () => {
  it('passes client headers through and appends the client to X-Forwarded-For', async () => {
    const result = await echoed('/rest/v1/notes', {
      headers: {
        'X-Client-Info': 'supabase-js-node/2.109.0',
        Accept: 'application/vnd.pgrst.object+json',
        'Accept-Profile': 'public',
        Prefer: 'count=exact',
        Range: '0-9',
        'Range-Unit': 'items',
        'X-Forwarded-For': '203.0.113.7',
      },
    })
    expect(result.headers).toMatchObject({
      'x-client-info': 'supabase-js-node/2.109.0',
      accept: 'application/vnd.pgrst.object+json',
      'accept-profile': 'public',
      prefer: 'count=exact',
      range: '0-9',
      'range-unit': 'items',
      'x-forwarded-for': '203.0.113.7, 127.0.0.1',
    })
  })

  it('sets X-Forwarded-For for direct clients', async () => {
    expect((await echoed('/auth/v1/health')).headers['x-forwarded-for']).toBe('127.0.0.1')
  })

  it('does not buffer text/event-stream', async () => {
    const started = Date.now()
    const response = await fetch(`${gateway.url}/rest/v1/sse`)
    const reader = response.body!.getReader()
    const first = new TextDecoder().decode((await reader.read()).value)
    expect(first).toContain('data: first')
    // The stub ends the stream after 1.5 s; the first event must arrive well before that.
    expect(Date.now() - started).toBeLessThan(1000)
    await reader.cancel()
  })
})

describe('upstream failures', () => {
  it('answers 502 JSON naming the service when an upstream is down', async () => {
    const closed = http.createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const deadPort = (closed.address() as { port: number }).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const down = await startTestGateway({ upstreams: { rest: `http://127.0.0.1:${deadPort}`, auth: auth.url } })
    try {
      const response = await fetch(`${down.url}/rest/v1/notes`)
      expect(response.status).toBe(502)
      expect(response.headers.get('access-control-allow-origin')).toBe('*')
      const body = (await response.json()) as { message: string; error: string }
      expect(body.message).toBe('An invalid response was received from the upstream server')
      expect(body.error).toContain(`rest service at http://127.0.0.1:${deadPort}`)
    } finally {
      await down.stop()
    }
  })
})
