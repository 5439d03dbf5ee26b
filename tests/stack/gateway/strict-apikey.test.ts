/** SB_LOCAL_STRICT_APIKEY=1: hosted's apikey check, which local Kong does not do. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ANON_KEY, PUBLISHABLE_KEY, SECRET_KEY, SERVICE_ROLE_KEY } from '../../../supabase/local/keys.ts'
import { startEchoUpstream, startTestGateway } from './harness.ts'

let upstream: Awaited<ReturnType<typeof startEchoUpstream>>
let strict: Awaited<ReturnType<typeof startTestGateway>>
let lenient: Awaited<ReturnType<typeof startTestGateway>>

beforeAll(async () => {
  upstream = await startEchoUpstream('any')
  const upstreams = { rest: upstream.url, auth: upstream.url }
  strict = await startTestGateway({ upstreams, local: { strictApikey: true } })
  lenient = await startTestGateway({ upstreams, local: { strictApikey: false } })
})
afterAll(async () => {
  await strict.stop()
  await lenient.stop()
  await upstream.stop()
})

describe('strict apikey mode', () => {
  it.each(['/rest/v1/notes', '/auth/v1/user'])('401 "No API key found in request" without a key on %s', async (path) => {
    const response = await fetch(`${strict.url}${path}`, { headers: { Authorization: `Bearer ${ANON_KEY}` } })
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ message: 'No API key found in request' })
  })

  it('401 "Invalid API key" for an unknown key, even a well-formed JWT', async () => {
    for (const apikey of ['nope', 'sb_publishable_wrong', `${ANON_KEY}x`]) {
      const response = await fetch(`${strict.url}/rest/v1/notes`, { headers: { apikey } })
      expect(response.status).toBe(401)
      expect(await response.json()).toEqual({ message: 'Invalid API key' })
    }
  })

  it('accepts the four project keys, in the header or the query string', async () => {
    for (const apikey of [ANON_KEY, SERVICE_ROLE_KEY, PUBLISHABLE_KEY, SECRET_KEY]) {
      expect((await fetch(`${strict.url}/rest/v1/notes`, { headers: { apikey } })).status).toBe(200)
    }
    expect((await fetch(`${strict.url}/rest/v1/notes?apikey=${PUBLISHABLE_KEY}`)).status).toBe(200)
  })

  it('leaves the routes browsers reach from mail and redirects open', async () => {
    for (const path of ['/auth/v1/verify?token=x&type=magiclink', '/auth/v1/callback', '/auth/v1/.well-known/jwks.json']) {
      expect((await fetch(`${strict.url}${path}`, { redirect: 'manual' })).status).toBe(200)
    }
  })

  it('does not apply to functions, preflights or the lenient default', async () => {
    expect((await fetch(`${strict.url}/functions/v1/no-verify`)).status).toBe(200)
    const preflight = await fetch(`${strict.url}/rest/v1/notes`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://app.example', 'Access-Control-Request-Method': 'GET' },
    })
    expect(preflight.status).toBe(200)
    expect((await fetch(`${lenient.url}/rest/v1/notes`)).status).toBe(200)
  })
})
