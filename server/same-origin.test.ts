/**
 * Cross-site writes are refused with a plain 403 before Remix, which would answer 500. Our own
 * origin comes from the trusted proxy's headers only when a proxy is trusted.
 */
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import { crossSiteReason, parseAllowedOrigins, sameOriginWrites } from './same-origin.mjs'

const servers: Array<{ close: () => void }> = []
afterEach(() => servers.splice(0).forEach((s) => s.close()))

/** An app whose handler echoes the Origin it was given, as Remix would see it. */
async function serve(options: { trustProxy?: number; allowedOrigins?: string[] } = {}) {
  const app = express()
  app.set('trust proxy', options.trustProxy ?? 0)
  app.use(sameOriginWrites({ allowedOrigins: options.allowedOrigins }))
  app.all('*', (req, res) => {
    res.cookie('touched', '1')
    res.json({ origin: req.headers.origin ?? null })
  })
  const server = app.listen(0, '127.0.0.1')
  servers.push(server)
  await new Promise((resolve) => server.once('listening', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const post = (url: string, headers: Record<string, string>) => fetch(url, { method: 'POST', headers, redirect: 'manual' })

describe('same-origin writes', () => {
  it('refuses a cross-site POST with 403, no-store, a short text and no cookie', async () => {
    const url = await serve()
    for (const path of ['/login', '/login.data', '/login?index', '/opportunities/1.data']) {
      const response = await post(`${url}${path}`, { Origin: 'https://evil.example' })
      expect(response.status, path).toBe(403)
      expect(response.headers.get('cache-control')).toBe('no-store')
      expect(response.headers.get('set-cookie')).toBeNull()
      expect(await response.text()).toBe('Cross-site request refused.')
    }
  })

  it('lets same-origin writes and every read through', async () => {
    const url = await serve()
    const same = await post(`${url}/login`, { Origin: url })
    expect(same.status).toBe(200)
    expect(await same.json()).toEqual({ origin: url })
    expect((await fetch(`${url}/login`, { headers: { Origin: 'https://evil.example' } })).status).toBe(200)
    expect((await fetch(`${url}/login`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example' } })).status).toBe(200)
  })

  it('refuses PUT, PATCH and DELETE the same way, and the origin "null"', async () => {
    const url = await serve()
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      expect((await fetch(`${url}/profile`, { method, headers: { Origin: 'https://evil.example' } })).status, method).toBe(403)
    }
    expect((await post(`${url}/login`, { Origin: 'null' })).status).toBe(403)
    // Same host, another port: another origin.
    const port = Number(new URL(url).port)
    expect((await post(`${url}/login`, { Origin: url.replace(`:${port}`, `:${port + 1}`) })).status).toBe(403)
  })

  it('judges by Sec-Fetch-Site when there is no Origin', async () => {
    const url = await serve()
    expect((await post(`${url}/login`, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403)
    expect((await post(`${url}/login`, { 'Sec-Fetch-Site': 'same-site' })).status).toBe(403)
    expect((await post(`${url}/login`, { 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200)
    expect((await post(`${url}/login`, { 'Sec-Fetch-Site': 'none' })).status).toBe(200)
    // Neither header: not a browser's cross-site request (curl, a probe).
    expect((await post(`${url}/login`, {})).status).toBe(200)
  })

  it('trusts X-Forwarded-Host and -Proto only from a trusted proxy', async () => {
    const untrusted = await serve()
    const forwarded = { 'X-Forwarded-Host': 'portal.example.com', 'X-Forwarded-Proto': 'https' }
    expect((await post(`${untrusted}/login`, { ...forwarded, Origin: 'https://portal.example.com' })).status).toBe(403)

    const trusted = await serve({ trustProxy: 1 })
    const ok = await post(`${trusted}/login`, { ...forwarded, Origin: 'https://portal.example.com' })
    expect(ok.status).toBe(200)
    // Remix compares with X-Forwarded-Host too, so the Origin reaches it unchanged.
    expect(await ok.json()).toEqual({ origin: 'https://portal.example.com' })
    // The trusted proxy says https, so the http page on that host is another origin.
    expect((await post(`${trusted}/login`, { ...forwarded, Origin: 'http://portal.example.com' })).status).toBe(403)
  })

  it('accepts our host over https when a TLS proxy might be in front without TRUST_PROXY', async () => {
    const url = await serve()
    expect((await post(`${url}/login`, { Origin: url.replace('http:', 'https:') })).status).toBe(200)
    expect((await post(`${url}/login`, { Origin: 'https://evil.example' })).status).toBe(403)
  })

  it('allows the configured extra origins, and spares Remix a host comparison it would fail', async () => {
    const url = await serve({ allowedOrigins: parseAllowedOrigins(' https://advocates.example.com ,https://www.example.com') })
    const ok = await post(`${url}/login`, { Origin: 'https://advocates.example.com' })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toEqual({ origin: null })
    expect((await post(`${url}/login`, { Origin: 'https://evil.example.com' })).status).toBe(403)
    // An untrusted X-Forwarded-Host cannot make Remix fail a same-origin request either.
    const spoofed = await post(`${url}/login`, { Origin: url, 'X-Forwarded-Host': 'evil.example' })
    expect(spoofed.status).toBe(200)
  })

  it('refuses an ALLOWED_ORIGINS entry that is not an origin', () => {
    expect(() => parseAllowedOrigins('https://portal.example.com/app')).toThrow(/ALLOWED_ORIGINS/)
    expect(() => parseAllowedOrigins('portal.example.com')).toThrow()
    expect(parseAllowedOrigins('')).toEqual([])
    expect(parseAllowedOrigins('https://Portal.Example.com:443/')).toEqual(['https://portal.example.com'])
  })

  it('has no opinion on safe methods', () => {
    expect(
      crossSiteReason({
        method: 'GET',
        origin: 'https://evil.example',
        secFetchSite: 'cross-site',
        ownOrigins: ['http://a'],
        allowed: new Set(),
      }),
    ).toBeNull()
  })
})
