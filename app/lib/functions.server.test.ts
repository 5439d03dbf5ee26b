/**
 * `invokeFunction()` turns a function's answer into data or a refusal with a code from that
 * function's contract. The HTTP side is stubbed (supabase-js with a custom fetch); the real
 * gateway and Deno are exercised in tests/db/invoke-function.test.ts.
 */
import { createClient } from '@supabase/supabase-js'
import { describe, expect, it } from 'vitest'
import { invokeFunction } from './functions.server.ts'
import { webSocketTransport } from './websocket.server.ts'

const answering = (status: number, body: unknown) =>
  createClient('http://functions.test', 'anon-key', {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: webSocketTransport },
    global: { fetch: async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }) },
  })

describe('invokeFunction', () => {
  it('returns the data of a success', async () => {
    const result = await invokeFunction<'feed', { items: string[] }>(answering(200, { items: ['a'] }), 'feed')
    expect(result).toEqual({ data: { items: ['a'] }, refusal: null })
  })

  it('returns a refusal with the contract code, its status and field errors', async () => {
    const client = answering(400, { error: 'invalid_payload', message: 'url: Required', fieldErrors: { url: ['Add the link.'] } })
    const { refusal } = await invokeFunction(client, 'submit-ask', { body: { askId: 1, payload: {} } })
    expect(refusal).toEqual({ status: 400, code: 'invalid_payload', message: 'url: Required', fieldErrors: { url: ['Add the link.'] } })
  })

  it('answers `unknown` for a code outside the function’s contract, so no wording map misses it', async () => {
    const { refusal } = await invokeFunction(answering(409, { error: 'survey_changed', message: 'x' }), 'submit-ask', { body: {} })
    expect(refusal).toMatchObject({ status: 409, code: 'unknown' })
  })

  it('answers `unauthorized` for the gateway’s own 401 ({ msg })', async () => {
    const { refusal } = await invokeFunction(answering(401, { msg: 'Invalid JWT' }), 'feed')
    expect(refusal).toEqual({ status: 401, code: 'unauthorized', message: 'Invalid JWT' })
  })

  it('drops field errors that are not lists of strings', async () => {
    const { refusal } = await invokeFunction(
      answering(400, { error: 'invalid_payload', message: 'm', fieldErrors: { url: 'no' } }),
      'submit-ask',
      { body: {} },
    )
    expect(refusal).not.toHaveProperty('fieldErrors')
  })

  it('throws a 5xx for the error boundary', async () => {
    await expect(invokeFunction(answering(503, { error: 'server_error', message: 'down' }), 'feed')).rejects.toThrow()
  })
})
