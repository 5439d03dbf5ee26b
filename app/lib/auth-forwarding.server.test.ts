import { describe, expect, it } from 'vitest'
import { clientIpOf, forwardingAuthFetch } from './auth-forwarding.server.ts'

const SECRET = 'sb_secret_test-only-0123456789'

function recordingFetch() {
  const sent: Array<{ url: string; headers: Headers }> = []
  const fetchStub = (async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push({ url: String(input instanceof Request ? input.url : input), headers: new Headers(init?.headers) })
    return new Response('{}')
  }) as typeof fetch
  return { sent, fetchStub }
}

describe('forwardingAuthFetch', () => {
  it('sends the secret key and the visitor IP to Auth, and leaves Authorization alone', async () => {
    const { sent, fetchStub } = recordingFetch()
    const wrapped = forwardingAuthFetch({
      supabaseUrl: 'https://ref.supabase.co',
      secretKey: SECRET,
      clientIp: '203.0.113.9',
      fetch: fetchStub,
    })!
    await wrapped('https://ref.supabase.co/auth/v1/token?grant_type=password', {
      method: 'POST',
      headers: { apikey: 'anon-key', Authorization: 'Bearer anon-key', 'Sb-Forwarded-For': '10.0.0.1' },
    })
    expect(sent[0].headers.get('apikey')).toBe(SECRET)
    expect(sent[0].headers.get('sb-forwarded-for')).toBe('203.0.113.9')
    expect(sent[0].headers.get('authorization')).toBe('Bearer anon-key')
  })

  it('never sends the secret key anywhere else: REST, functions, another host, the admin API', async () => {
    const { sent, fetchStub } = recordingFetch()
    const wrapped = forwardingAuthFetch({
      supabaseUrl: 'https://ref.supabase.co',
      secretKey: SECRET,
      clientIp: '203.0.113.9',
      fetch: fetchStub,
    })!
    for (const url of [
      'https://ref.supabase.co/rest/v1/profiles',
      'https://ref.supabase.co/functions/v1/feed',
      'https://evil.example/auth/v1/token',
      'https://ref.supabase.co.evil.example/auth/v1/token',
      'https://ref.supabase.co/auth/v1/admin/users',
      'https://ref.supabase.co/auth/v1/../rest/v1/profiles',
      'https://ref.supabase.co/auth/v10/token',
    ]) {
      await wrapped(url, { headers: { apikey: 'anon-key' } })
    }
    for (const { url, headers } of sent) {
      expect(headers.get('apikey'), url).toBe('anon-key')
      expect(headers.get('sb-forwarded-for'), url).toBeNull()
    }
  })

  it('is not used without a secret key or a client IP', () => {
    expect(forwardingAuthFetch({ supabaseUrl: 'https://ref.supabase.co', secretKey: undefined, clientIp: '203.0.113.9' })).toBeUndefined()
    expect(forwardingAuthFetch({ supabaseUrl: 'https://ref.supabase.co', secretKey: SECRET, clientIp: undefined })).toBeUndefined()
  })
})

describe('clientIpOf', () => {
  it('reads a valid IP from the load context', () => {
    expect(clientIpOf({ clientIp: '203.0.113.9' })).toBe('203.0.113.9')
    expect(clientIpOf({ clientIp: '::ffff:127.0.0.1' })).toBe('127.0.0.1')
    expect(clientIpOf({ clientIp: '2001:db8::1' })).toBe('2001:db8::1')
    expect(clientIpOf({ clientIp: 'evil, 1.2.3.4' })).toBeUndefined()
    expect(clientIpOf({})).toBeUndefined()
    expect(clientIpOf(undefined)).toBeUndefined()
  })
})
