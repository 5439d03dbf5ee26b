/**
 * The production server's rate limits on a tiny Express app: path variations Remix routes alike
 * land in the same bucket, the client IP comes from the trusted hop count, writes go to the
 * shared store, and a failing store refuses sign-in actions but not other writes.
 */
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import { isAuthAction, rateLimits, routePathOf } from './rate-limits.mjs'
import { trustProxySetting } from './trust-proxy.mjs'

const servers: Array<{ close: () => void }> = []
afterEach(() => servers.splice(0).forEach((s) => s.close()))

async function serve(configure: (app: express.Express) => void) {
  const app = express()
  configure(app)
  app.all('*', (_req, res) => res.send('ok'))
  const server = app.listen(0, '127.0.0.1')
  servers.push(server)
  await new Promise((resolve) => server.once('listening', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** The shared store's semantics (fixed window from the first hit), in memory, recording calls. */
function fakeStore() {
  const counts = new Map<string, number>()
  const calls: Array<{ bucket: string; subject: string; limit: number }> = []
  return {
    calls,
    async hit(bucket: string, subject: string, limit: number, windowSeconds: number) {
      calls.push({ bucket, subject, limit })
      const hits = (counts.get(`${bucket}:${subject}`) ?? 0) + 1
      counts.set(`${bucket}:${subject}`, hits)
      return { hits, limited: hits > limit, retryAfterSeconds: windowSeconds }
    },
  }
}

const post = (url: string, headers: Record<string, string> = {}) => fetch(url, { method: 'POST', headers })

describe('which requests are sign-in actions', () => {
  it('sees the path as Remix routes it', () => {
    for (const path of [
      '/login',
      '/LOGIN',
      '/%6Cogin',
      '/%6c%6F%67%69%6E',
      '/login/',
      '//login',
      '/login.data',
      '/Login.DATA',
      '/VERIFY-CODE',
      '/verify-code.data',
      '/logout',
      '/signup/',
      '/forgot-password',
      '/reset-password.data',
    ]) {
      expect(isAuthAction(path), path).toBe(true)
    }
    for (const path of ['/', '/profile', '/profile.data', '/opportunities/1', '/login-help', '/logins', '/_root.data']) {
      expect(isAuthAction(path), path).toBe(false)
    }
    expect(routePathOf('/%E0%A4%A')).toBeNull()
    expect(isAuthAction('/%E0%A4%A')).toBe(true)
  })
})

describe('rate limits on the shared store', () => {
  it('puts /LOGIN, /%6Cogin and /VERIFY-CODE into the 10-a-minute sign-in bucket', async () => {
    const store = fakeStore()
    const url = await serve((app) => app.use(rateLimits({ store })))
    const paths = ['/LOGIN', '/%6Cogin', '/VERIFY-CODE', '/verify-code.data', '/login/']
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) statuses.push((await post(`${url}${paths[i % paths.length]}`)).status)
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200))
    expect(statuses[10]).toBe(429)
    expect(new Set(store.calls.map((c) => `${c.bucket}/${c.limit}`))).toEqual(new Set(['auth/10']))
    // Other writes have their own, larger budget.
    expect((await post(`${url}/profile`)).status).toBe(200)
    expect(store.calls.at(-1)).toMatchObject({ bucket: 'write', limit: 100 })
  })

  it('answers 429 with Retry-After and no-store', async () => {
    const url = await serve((app) => app.use(rateLimits({ store: fakeStore() })))
    for (let i = 0; i < 10; i++) await post(`${url}/verify-code`)
    const limited = await post(`${url}/verify-code`)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(limited.headers.get('cache-control')).toBe('no-store')
    // Reads are limited in-process and far more generously.
    expect((await fetch(`${url}/verify-code`)).status).toBe(200)
  })

  it('keys on the address the trusted proxy saw, not the first X-Forwarded-For entry', async () => {
    const store = fakeStore()
    const url = await serve((app) => {
      app.set('trust proxy', trustProxySetting('1'))
      app.use(rateLimits({ store }))
    })
    const statuses: number[] = []
    // The client invents a new first entry every time; the proxy appends the real address.
    for (let i = 0; i < 11; i++) statuses.push((await post(`${url}/login`, { 'X-Forwarded-For': `10.0.0.${i}, 203.0.113.7` })).status)
    expect(statuses[10]).toBe(429)
    expect(new Set(store.calls.map((c) => c.subject))).toEqual(new Set(['203.0.113.7']))
    // A different real client has its own budget.
    expect((await post(`${url}/login`, { 'X-Forwarded-For': '203.0.113.8' })).status).toBe(200)
  })

  it('ignores X-Forwarded-For altogether when no proxy is trusted', async () => {
    const store = fakeStore()
    // Express's default (`false`), as before TRUST_PROXY was required to be a number.
    const url = await serve((app) => app.use(rateLimits({ store })))
    await post(`${url}/login`, { 'X-Forwarded-For': '198.51.100.1' })
    expect(store.calls[0].subject).toBe('127.0.0.1')
  })

  it('refuses sign-in actions with 503 when the store fails, and counts other writes per instance', async () => {
    const logged: string[] = []
    const failing = { hit: async () => Promise.reject(new Error('store down')) }
    const url = await serve((app) => app.use(rateLimits({ store: failing, log: (m) => logged.push(m) })))
    const refused = await post(`${url}/login`)
    expect(refused.status).toBe(503)
    expect(refused.headers.get('cache-control')).toBe('no-store')
    expect((await post(`${url}/profile`)).status).toBe(200)
    expect(logged).toHaveLength(1)
    expect(logged[0]).toContain('store down')
  })
})

describe('TRUST_PROXY', () => {
  it('is a hop count; anything that would trust every X-Forwarded-For entry is refused at boot', () => {
    expect(trustProxySetting(undefined)).toBe(0)
    expect(trustProxySetting('')).toBe(0)
    expect(trustProxySetting('2')).toBe(2)
    for (const bad of ['true', 'loopback', '10.0.0.0/8', '-1', '1.5']) expect(() => trustProxySetting(bad), bad).toThrow(/TRUST_PROXY/)
  })
})
