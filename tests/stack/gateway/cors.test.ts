/** CORS as the CLI's Kong does it (§3.5), and the two functions CORS modes (§5.4). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXPOSED_HEADERS } from '../../../supabase/local/gateway/cors.ts'
import { startEchoUpstream, startTestGateway, stubFunctionsRunner } from './harness.ts'

let upstream: Awaited<ReturnType<typeof startEchoUpstream>>
let gatewayMode: Awaited<ReturnType<typeof startTestGateway>>
let functionMode: Awaited<ReturnType<typeof startTestGateway>>
const gatewayModeFunctions = stubFunctionsRunner()
const functionModeFunctions = stubFunctionsRunner()

beforeAll(async () => {
  upstream = await startEchoUpstream('any')
  const upstreams = { rest: upstream.url, auth: upstream.url }
  gatewayMode = await startTestGateway({ upstreams, functions: gatewayModeFunctions, local: { functionsCors: 'gateway' } })
  functionMode = await startTestGateway({ upstreams, functions: functionModeFunctions, local: { functionsCors: 'function' } })
})
afterAll(async () => {
  await gatewayMode.stop()
  await functionMode.stop()
  await upstream.stop()
})

const preflight = (url: string) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: {
      Origin: 'http://127.0.0.1:5173',
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization, x-client-info, apikey, content-type, prefer',
    },
  })

describe('REST and Auth CORS', () => {
  it.each(['/rest/v1/notes', '/auth/v1/token'])('answers the preflight for %s itself', async (path) => {
    const response = await preflight(`${gatewayMode.url}${path}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS')
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization, x-client-info, apikey, content-type, prefer')
    expect(response.headers.get('access-control-max-age')).toBe('86400')
  })

  it('adds allow-origin * and the exposed headers to every response, overriding the upstream', async () => {
    const response = await fetch(`${gatewayMode.url}/rest/v1/notes`, { headers: { Origin: 'http://127.0.0.1:5173' } })
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('access-control-expose-headers')).toBe(EXPOSED_HEADERS)
    expect(EXPOSED_HEADERS.split(', ')).toEqual(
      expect.arrayContaining(['Content-Range', 'Range-Unit', 'Preference-Applied', 'X-Total-Count', 'X-Supabase-Api-Version']),
    )
    const notFound = await fetch(`${gatewayMode.url}/storage/v1/x`)
    expect(notFound.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('forwards an OPTIONS that is not a preflight', async () => {
    const response = await fetch(`${gatewayMode.url}/rest/v1/`, { method: 'OPTIONS' })
    expect(((await response.json()) as { method: string }).method).toBe('OPTIONS')
  })
})

describe('functions CORS mode', () => {
  it('gateway (default): the gateway answers preflights and adds allow-origin *', async () => {
    gatewayModeFunctions.calls.length = 0
    const response = await preflight(`${gatewayMode.url}/functions/v1/echo`)
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(gatewayModeFunctions.calls).toHaveLength(0)
    const actual = await fetch(`${gatewayMode.url}/functions/v1/no-verify`)
    expect(actual.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('function (hosted-like): OPTIONS and responses pass through untouched', async () => {
    functionModeFunctions.calls.length = 0
    const response = await preflight(`${functionMode.url}/functions/v1/echo`)
    expect(functionModeFunctions.calls).toHaveLength(1)
    expect(response.headers.get('x-from-function')).toBe('yes')
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
    const actual = await fetch(`${functionMode.url}/functions/v1/no-verify`)
    expect(actual.headers.get('access-control-allow-origin')).toBeNull()
    expect(actual.headers.get('access-control-expose-headers')).toBeNull()
  })

  it('function mode still handles REST CORS at the gateway', async () => {
    const response = await preflight(`${functionMode.url}/rest/v1/notes`)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
  })
})
