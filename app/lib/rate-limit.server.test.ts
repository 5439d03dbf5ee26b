/**
 * The per-address limits' glue: the key is the hash of the lower-cased address (never the address),
 * the limits are the ones ADR 008 names, and a store that cannot be reached refuses (fails closed).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'

const hit = vi.fn()
vi.stubEnv('SUPABASE_SERVICE_ROLE_KEY', 'service-role-key-for-this-test-only')
vi.mock('../../server/rate-limit-store.mjs', () => ({ createPostgresStore: () => ({ hit }) }))

const { addressKey, addressLimitMessage, hitAddressLimit } = await import('./rate-limit.server.ts')

beforeEach(() => {
  hit.mockClear()
})

describe('hitAddressLimit', () => {
  it('counts per hashed, lower-cased address: 5 code tries or 3 mails per 15 minutes', async () => {
    hit.mockResolvedValue({ hits: 1, limited: false, retryAfterSeconds: 900 })
    expect(await hitAddressLimit('codeAttempts', ' Ava@Example.com ')).toEqual({ ok: true })
    expect(await hitAddressLimit('mailSends', 'ava@example.com')).toEqual({ ok: true })
    const key = addressKey('ava@example.com')
    expect(key).toMatch(/^[0-9a-f]{64}$/)
    expect(hit.mock.calls).toEqual([
      ['code-attempts', key, 5, 900],
      ['mail-sends', key, 3, 900],
    ])
  })

  it('says how long to wait once the address is over its limit', async () => {
    hit.mockResolvedValue({ hits: 6, limited: true, retryAfterSeconds: 61 })
    const result = await hitAddressLimit('codeAttempts', 'ava@example.com')
    expect(result).toEqual({ ok: false, reason: 'limited', retryAfterSeconds: 61 })
    expect(addressLimitMessage('codeAttempts', result as never)).toEqual({
      status: 429,
      message: 'Too many wrong codes for this address. For your security, please wait 2 minutes before trying again.',
    })
  })

  it('refuses when the store cannot be reached', async () => {
    hit.mockImplementation(() => Promise.reject(new Error('connect ECONNREFUSED')))
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const result = await hitAddressLimit('mailSends', 'ava@example.com')
    expect(result).toEqual({ ok: false, reason: 'unavailable' })
    expect(addressLimitMessage('mailSends', result as never).status).toBe(503)
    expect(warn).toHaveBeenCalledOnce()
    warn.mockRestore()
  })
})
