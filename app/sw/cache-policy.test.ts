import { describe, expect, test } from 'vitest'
import { isShareable } from './cache-policy.ts'

const response = (cacheControl: string | null, init: { status?: number; type?: ResponseType; vary?: string } = {}) => {
  const headers = new Headers()
  if (cacheControl !== null) headers.set('Cache-Control', cacheControl)
  if (init.vary) headers.set('Vary', init.vary)
  return { status: init.status ?? 200, type: init.type ?? ('basic' as ResponseType), headers }
}

describe('isShareable', () => {
  test.each([
    ['public, max-age=60', true],
    ['max-age=60, PUBLIC', true],
    ['public, s-maxage=0', true],
    [null, false],
    ['no-cache', false],
    ['private, no-cache', false],
    ['private, no-store', false],
    ['public, no-store', false],
    ['public, private', false],
  ])('Cache-Control %j → %s', (cacheControl, expected) => {
    expect(isShareable(response(cacheControl))).toBe(expected)
  })

  test('only successful same-origin responses', () => {
    expect(isShareable(response('public', { status: 404 }))).toBe(false)
    expect(isShareable(response('public', { status: 206 }))).toBe(false)
    expect(isShareable(response('public', { type: 'opaque' }))).toBe(false)
    expect(isShareable(response('public', { type: 'cors' }))).toBe(false)
  })

  test('never a body that varies by cookie', () => {
    expect(isShareable(response('public', { vary: 'Accept-Encoding, Cookie' }))).toBe(false)
    expect(isShareable(response('public', { vary: '*' }))).toBe(false)
    expect(isShareable(response('public', { vary: 'Accept-Encoding' }))).toBe(true)
  })
})
