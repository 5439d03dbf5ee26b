/**
 * Rows 44 and 45 with the real supabase-js `functions.invoke`, against a component
 * gateway (no Postgres), in both CORS modes and with an ES256 signer.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createClient, FunctionsHttpError } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { webSocketTransport } from '../../../app/lib/websocket.server.ts'
import { ANON_KEY, createTokenSigner, PUBLISHABLE_KEY, type TokenSigner } from '../../../supabase/local/keys.ts'
import { fixtureConfig } from '../gateway/harness.ts'
import { startFunctionsHarness } from './harness.ts'

let harness: Awaited<ReturnType<typeof startFunctionsHarness>>
let es256: TokenSigner
const es256StateDir = mkdtempSync(path.join(tmpdir(), 'es256-'))
let functionCors: Awaited<ReturnType<typeof startFunctionsHarness>>

const client = (url: string, key = ANON_KEY) =>
  createClient(url, key, { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: webSocketTransport } })

beforeAll(async () => {
  es256 = await createTokenSigner('ES256', es256StateDir)
  harness = await startFunctionsHarness({ signer: es256 })
  functionCors = await startFunctionsHarness({ config: fixtureConfig({ functionsCors: 'function' }) })
})
afterAll(async () => {
  await harness.stop()
  await functionCors.stop()
  rmSync(es256StateDir, { recursive: true, force: true })
})

describe('functions.invoke', () => {
  it('row 44: the anon key alone reaches a verify_jwt function', async () => {
    const { data, error } = await client(harness.url).functions.invoke('echo', { body: { hello: 'world' } })
    expect(error).toBeNull()
    expect(data).toMatchObject({ method: 'POST', path: '/echo', body: '{"hello":"world"}' })
    expect(data.headers['content-type']).toBe('application/json')
  })

  it('row 44: the publishable key is rewritten to the anon JWT and passes verify_jwt', async () => {
    const { data, error } = await client(harness.url, PUBLISHABLE_KEY).functions.invoke('echo', { method: 'GET' })
    expect(error).toBeNull()
    expect(data.headers.authorization).toBe(`Bearer ${ANON_KEY}`)
  })

  it('row 45: a 422 JSON from the function is a FunctionsHttpError whose context.json() is the body', async () => {
    const { data, error } = await client(harness.url).functions.invoke('fail')
    expect(data).toBeNull()
    expect(error).toBeInstanceOf(FunctionsHttpError)
    expect(error.context.status).toBe(422)
    expect(await error.context.json()).toEqual({ error: 'nope' })
  })

  it('row 45: an unknown slug is a 404 "Function not found"', async () => {
    const { error } = await client(harness.url).functions.invoke('does-not-exist')
    expect(error).toBeInstanceOf(FunctionsHttpError)
    expect(error.context.status).toBe(404)
    expect(await error.context.text()).toBe('Function not found')
  })

  it('row 44: in ES256 mode a user token signed with the EC key passes; a missing header does not', async () => {
    const exp = Math.floor(Date.now() / 1000) + 60
    const userToken = await es256.sign({ sub: '00000000-0000-4000-8000-000000000001', role: 'authenticated', aud: 'authenticated', exp })
    const ok = await fetch(`${harness.functionsUrl}/echo`, { method: 'POST', headers: { Authorization: `Bearer ${userToken}` } })
    expect(ok.status).toBe(200)
    const raw = await fetch(`${harness.functionsUrl}/echo`, { method: 'POST' })
    expect(raw.status).toBe(401)
    expect(await raw.json()).toEqual({ msg: 'Error: Missing authorization header' })
  })
})

describe('CORS in function mode, with real functions', () => {
  it('the function answers its own preflight and adds its own CORS headers', async () => {
    const preflight = await fetch(`${functionCors.functionsUrl}/echo`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://127.0.0.1:5173', 'Access-Control-Request-Method': 'POST' },
    })
    expect(preflight.status).toBe(200)
    expect(await preflight.text()).toBe('ok')
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization, x-client-info, apikey, content-type')
    expect(preflight.headers.get('access-control-max-age')).toBeNull()
    const { data, error, response } = await client(functionCors.url).functions.invoke('echo')
    expect(error).toBeNull()
    expect(data.path).toBe('/echo')
    expect(response?.headers.get('access-control-allow-origin')).toBe('*')
    expect(response?.headers.get('access-control-expose-headers')).toBeNull()
  })

  it('gateway mode answers the preflight without reaching the function', async () => {
    const preflight = await fetch(`${harness.functionsUrl}/echo`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://127.0.0.1:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-custom' },
    })
    expect(preflight.status).toBe(200)
    expect(await preflight.text()).toBe('')
    expect(preflight.headers.get('access-control-allow-headers')).toBe('x-custom')
    expect(preflight.headers.get('access-control-max-age')).toBe('86400')
  })
})
