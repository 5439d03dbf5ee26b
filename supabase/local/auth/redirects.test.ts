import { describe, expect, it } from 'vitest'
import type { AuthConfig } from '../config.ts'
import { globToRegExp, resolveRedirect } from './redirects.ts'

const config = {
  siteUrl: 'http://127.0.0.1:3000',
  additionalRedirectUrls: ['http://localhost:5173/**', 'https://*.example.com/callback'],
} as AuthConfig

describe('redirect allow-list', () => {
  it('`**` crosses path segments, `*` stops at dots and slashes', () => {
    expect(globToRegExp('http://localhost:5173/**').test('http://localhost:5173/a/b?c=1')).toBe(true)
    expect(globToRegExp('https://*.example.com/callback').test('https://app.example.com/callback')).toBe(true)
    expect(globToRegExp('https://*.example.com/callback').test('https://a.b.example.com/callback')).toBe(false)
  })

  it('keeps allowed URLs, the site host, and replaces anything else with site_url', () => {
    expect(resolveRedirect(config, 'http://localhost:5173/auth/confirm')).toBe('http://localhost:5173/auth/confirm')
    expect(resolveRedirect(config, 'http://127.0.0.1:3000/welcome')).toBe('http://127.0.0.1:3000/welcome')
    expect(resolveRedirect(config, 'https://evil.example.org/')).toBe('http://127.0.0.1:3000')
    expect(resolveRedirect(config, 'not a url')).toBe('http://127.0.0.1:3000')
    expect(resolveRedirect(config, null)).toBe('http://127.0.0.1:3000')
  })
})
