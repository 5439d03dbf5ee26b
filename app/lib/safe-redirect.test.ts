import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { authHref, carriedRedirect } from './auth-links.ts'
import { DEFAULT_REDIRECT, safeRedirect, signInPath } from './safe-redirect.ts'

const BASE = 'https://portal.example'

/** Where a browser on our origin would actually go when sent to `target`. */
const resolvedOrigin = (target: string) => new URL(target, BASE).origin

describe('safeRedirect', () => {
  it.each([
    ['/feed?x=1#top', '/feed?x=1#top'],
    ['/', '/'],
    ['/a/../b', '/b'],
  ])('keeps the same-origin path %s', (input, expected) => {
    expect(safeRedirect(input)).toBe(expected)
  })

  it.each([
    'https://evil.example',
    '//evil.example',
    '/\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '\\\\evil.example',
    '/.//evil.example',
    '/a/../..//evil.example',
    'javascript:alert(1)',
    'data:text/html,hi',
    'feed',
    '',
    ' /feed',
    `/${'a'.repeat(2048)}`,
  ])('falls back for %j', (input) => {
    expect(safeRedirect(input)).toBe(DEFAULT_REDIRECT)
  })

  it('falls back for non-strings and honours a custom fallback', () => {
    expect(safeRedirect(null)).toBe('/')
    expect(safeRedirect(undefined)).toBe('/')
    expect(safeRedirect(new File([], 'x'))).toBe('/')
    expect(safeRedirect('https://evil.example', '/login')).toBe('/login')
  })

  it('never leaves the origin, whatever the input (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webUrl(),
          fc.webPath(),
          fc.string().map((s) => `/${s}`),
          fc.string().map((s) => `//${s}`),
        ),
        (input) => {
          const target = safeRedirect(input)
          expect(target.startsWith('/')).toBe(true)
          expect(target.startsWith('//')).toBe(false)
          expect(resolvedOrigin(target)).toBe(BASE)
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webPath()), (input) => {
        const once = safeRedirect(input)
        expect(safeRedirect(once)).toBe(once)
      }),
      { numRuns: 1000 },
    )
  })

  it('keeps every ordinary path intact (property)', () => {
    const segment = fc.stringMatching(/^[a-z0-9_-]{1,12}$/)
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.option(segment, { nil: undefined }), (segments, query) => {
        const path = `/${segments.join('/')}${query ? `?q=${query}` : ''}`
        expect(safeRedirect(path)).toBe(path)
      }),
    )
  })
})

describe('signInPath and auth links', () => {
  it('carries a safe redirectTo and drops unsafe or default ones', () => {
    expect(signInPath('/asks/1?tab=open')).toBe('/login?redirectTo=%2Fasks%2F1%3Ftab%3Dopen')
    expect(signInPath('/')).toBe('/login')
    expect(signInPath('//evil.example')).toBe('/login')
  })

  it('authHref keeps only safe redirectTo values and non-empty params', () => {
    expect(authHref('/login', { redirectTo: '/feed', mode: 'password' })).toBe('/login?redirectTo=%2Ffeed&mode=password')
    expect(authHref('/login', { redirectTo: 'https://evil.example', email: '' })).toBe('/login')
    expect(carriedRedirect('/')).toBe('')
    expect(carriedRedirect('/feed')).toBe('/feed')
  })
})
