/** The production server's security headers and rate limits, on a tiny Express app. */
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import { rateLimits } from './rate-limits.mjs'
import { securityHeaders } from './security.mjs'

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

describe('security headers', () => {
  it('sends HSTS only over HTTPS (behind a trusted proxy), and a fresh CSP nonce each time', async () => {
    const url = await serve((app) => {
      app.set('trust proxy', 1)
      app.use(securityHeaders())
    })
    const plain = await fetch(url)
    expect(plain.headers.get('strict-transport-security')).toBeNull()
    expect(plain.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests')
    const secure = await fetch(url, { headers: { 'X-Forwarded-Proto': 'https' } })
    expect(secure.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains')
    expect(secure.headers.get('content-security-policy')).toContain('upgrade-insecure-requests')
    expect(secure.headers.get('content-security-policy')).not.toBe(plain.headers.get('content-security-policy'))
  })

  it('ignores X-Forwarded-Proto from an untrusted client', async () => {
    const url = await serve((app) => app.use(securityHeaders()))
    const response = await fetch(url, { headers: { 'X-Forwarded-Proto': 'https' } })
    expect(response.headers.get('strict-transport-security')).toBeNull()
  })
})

describe('rate limits', () => {
  it('allows 10 sign-in attempts a minute per IP, then answers 429 with Retry-After', async () => {
    const url = await serve((app) => app.use(rateLimits()))
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) statuses.push((await fetch(`${url}/login`, { method: 'POST' })).status)
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true)
    const limited = await fetch(`${url}/login.data`, { method: 'POST' })
    expect(statuses[10]).toBe(429)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    // Reading pages is limited separately and far more generously.
    expect((await fetch(`${url}/login`)).status).toBe(200)
  })

  it('counts other writes against 100 a minute, not the sign-in budget', async () => {
    const url = await serve((app) => app.use(rateLimits()))
    for (let i = 0; i < 15; i++) expect((await fetch(`${url}/profile`, { method: 'POST' })).status).toBe(200)
  })
})
