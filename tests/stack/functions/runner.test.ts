/** The functions runner with real Deno: entry styles, lifecycle, errors and verify_jwt. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ANON_KEY, JWT_SECRET, SERVICE_ROLE_KEY } from '../../../supabase/local/keys.ts'
import * as jose from 'jose'
import { startFunctionsHarness } from './harness.ts'

let harness: Awaited<ReturnType<typeof startFunctionsHarness>>
const withAnon = { headers: { Authorization: `Bearer ${ANON_KEY}` } }

beforeAll(async () => {
  harness = await startFunctionsHarness()
})
afterAll(async () => {
  await harness.stop()
})

const call = (path: string, init: RequestInit = withAnon) => fetch(`${harness.functionsUrl}${path}`, init)

describe('entry styles and request path', () => {
  it('runs `export default { fetch }` and shows the function /<slug>[/*] with query, method and body unchanged', async () => {
    const response = await call('/echo/nested/path?a=1&b=two', {
      method: 'PUT',
      headers: { Authorization: `Bearer ${ANON_KEY}`, 'Content-Type': 'text/plain', 'X-Client-Info': 'test' },
      body: 'hello body',
    })
    expect(response.status).toBe(200)
    const seen = (await response.json()) as { method: string; path: string; search: string; body: string; headers: Record<string, string> }
    expect(seen).toMatchObject({ method: 'PUT', path: '/echo/nested/path', search: '?a=1&b=two', body: 'hello body' })
    expect(seen.headers).toMatchObject({ 'content-type': 'text/plain', 'x-client-info': 'test', authorization: `Bearer ${ANON_KEY}` })
    expect(seen.headers['x-forwarded-for']).toBe('127.0.0.1')
  })

  it('runs a classic Deno.serve(handler) function through the capturing shim, with EdgeRuntime.waitUntil', async () => {
    const first = (await (await call('/classic')).json()) as { style: string; path: string; backgroundRuns: number }
    expect(first).toMatchObject({ style: 'Deno.serve', path: '/classic' })
    // waitUntil's promise finished after the response, without delaying it.
    await new Promise((resolve) => setTimeout(resolve, 120))
    const second = (await (await call('/classic')).json()) as { backgroundRuns: number }
    expect(second.backgroundRuns).toBeGreaterThan(first.backgroundRuns)
  })
})

describe('lifecycle', () => {
  it('starts a function lazily on its first request', async () => {
    const before = Date.now()
    const response = await call('/crash')
    const { bootedAt } = (await response.json()) as { bootedAt: number }
    expect(bootedAt).toBeGreaterThanOrEqual(before)
  })

  it('answers 500 WORKER_ERROR when the process dies mid-request, then respawns it', async () => {
    const { pid: firstPid } = (await (await call('/crash')).json()) as { pid: number }
    const crashed = await call('/crash?crash=1')
    expect(crashed.status).toBe(500)
    expect(await crashed.json()).toMatchObject({ code: 'WORKER_ERROR' })
    const again = await call('/crash')
    expect(again.status).toBe(200)
    expect(((await again.json()) as { pid: number }).pid).not.toBe(firstPid)
  })

  it('a request arriving after a worker was killed, before its exit is noticed, is served by a fresh one, not 500', async () => {
    for (let round = 0; round < 3; round++) {
      const { pid } = (await (await call('/crash')).json()) as { pid: number }
      // Killed from outside (a crash, an OOM kill) and asked again at once: the keep-alive socket
      // and the port are dead before Node has seen the exit.
      process.kill(pid, 'SIGKILL')
      const next = await call('/crash')
      expect(next.status, harness.logs.slice(-4).join('\n')).toBe(200)
      expect(((await next.json()) as { pid: number }).pid).not.toBe(pid)
    }
  })

  it('answers 503 BOOT_ERROR when the module throws at import, and logs why', async () => {
    const response = await call('/boot-error')
    expect(response.status).toBe(503)
    expect(await response.json()).toEqual({ code: 'BOOT_ERROR', message: 'Worker failed to boot (please check logs)' })
    expect(harness.logs.some((line) => line.startsWith('[boot-error]') && line.includes('failing at import on purpose'))).toBe(true)
    // Every request retries the boot, as edge-runtime does.
    expect((await call('/boot-error')).status).toBe(503)
  })

  it('answers 404 text/plain "Function not found" for unknown, disabled and non-function slugs', async () => {
    for (const slug of ['nope', 'disabled', '_shared', 'ECHO']) {
      const response = await call(`/${slug}`)
      expect(response.status).toBe(404)
      expect(response.headers.get('content-type')).toContain('text/plain')
      expect(await response.text()).toBe('Function not found')
    }
  })

  it('logs function output prefixed with the slug', async () => {
    expect(harness.logs.some((line) => line.startsWith('[echo] ready on port'))).toBe(true)
  })
})

describe('verify_jwt (edge-runtime bodies)', () => {
  const expectUnauthorized = async (init: RequestInit, msg: string) => {
    const response = await call('/echo', init)
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ msg })
  }

  it('401s a missing, non-Bearer, bad, expired or foreign-signed token', async () => {
    await expectUnauthorized({}, 'Error: Missing authorization header')
    await expectUnauthorized({ headers: { Authorization: `Basic ${ANON_KEY}` } }, "Error: Auth header is not 'Bearer {token}'")
    await expectUnauthorized({ headers: { Authorization: 'Bearer not-a-jwt' } }, 'Invalid JWT')
    const secret = new TextEncoder().encode(JWT_SECRET)
    const expired = await new jose.SignJWT({ role: 'authenticated' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(secret)
    await expectUnauthorized({ headers: { Authorization: `Bearer ${expired}` } }, 'Invalid JWT')
    const foreign = await new jose.SignJWT({ role: 'anon' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('x'.repeat(40)))
    await expectUnauthorized({ headers: { Authorization: `Bearer ${foreign}` } }, 'Invalid JWT')
  })

  it('lets the anon and service_role keys through: the role is not checked', async () => {
    expect((await call('/echo', withAnon)).status).toBe(200)
    expect((await call('/echo', { headers: { Authorization: `Bearer ${SERVICE_ROLE_KEY}` } })).status).toBe(200)
  })

  it('skips the check for verify_jwt = false and for OPTIONS', async () => {
    const response = await call('/no-verify', {})
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true, sawAuthorization: false })
    expect((await call('/echo', { method: 'OPTIONS' })).status).toBe(200)
  })
})
