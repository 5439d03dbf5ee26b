import { describe, expect, it } from 'vitest'
import { ANON_KEY, PUBLISHABLE_KEY, SECRET_KEY, SERVICE_ROLE_KEY } from '../keys.ts'
import { buildUpstreamHeaders, isOpenAuthPath, rewriteAuthorization, strictApikeyError } from './api-keys.ts'

describe('rewriteAuthorization', () => {
  it('follows Kong: keep non-sb_ Authorization, then secret, publishable, raw apikey', () => {
    expect(rewriteAuthorization('Bearer user', SECRET_KEY)).toBe('Bearer user')
    expect(rewriteAuthorization(`Bearer ${SECRET_KEY}`, SECRET_KEY)).toBe(`Bearer ${SERVICE_ROLE_KEY}`)
    expect(rewriteAuthorization(undefined, PUBLISHABLE_KEY)).toBe(`Bearer ${ANON_KEY}`)
    expect(rewriteAuthorization(undefined, ANON_KEY)).toBe(`Bearer ${ANON_KEY}`)
    expect(rewriteAuthorization(undefined, undefined)).toBeUndefined()
  })
})

describe('buildUpstreamHeaders', () => {
  it('drops hop-by-hop headers, rewrites Authorization and appends X-Forwarded-For', () => {
    const raw = ['Host', 'x', 'Connection', 'keep-alive', 'apikey', PUBLISHABLE_KEY, 'X-Forwarded-For', '10.0.0.1', 'Prefer', 'count=exact']
    const { headers, authorization, apikey } = buildUpstreamHeaders(raw, '::ffff:127.0.0.1')
    expect(apikey).toBe(PUBLISHABLE_KEY)
    expect(authorization).toBe(`Bearer ${ANON_KEY}`)
    expect(headers).toEqual([
      'Host',
      'x',
      'apikey',
      PUBLISHABLE_KEY,
      'Prefer',
      'count=exact',
      'Authorization',
      `Bearer ${ANON_KEY}`,
      'X-Forwarded-For',
      '10.0.0.1, 127.0.0.1',
    ])
  })

  it('passes Sb-Forwarded-For only with the secret key, as hosted does', () => {
    const forwarded = (apikey: string) => {
      const { headers } = buildUpstreamHeaders(['apikey', apikey, 'Sb-Forwarded-For', '203.0.113.9'], '127.0.0.1')
      const at = headers.findIndex((h) => h.toLowerCase() === 'sb-forwarded-for')
      return at === -1 ? undefined : headers[at + 1]
    }
    expect(forwarded(SECRET_KEY)).toBe('203.0.113.9')
    for (const key of [PUBLISHABLE_KEY, ANON_KEY, SERVICE_ROLE_KEY, 'sb_secret_forged']) expect(forwarded(key), key).toBeUndefined()
  })
})

describe('strictApikeyError', () => {
  it('names a missing or unknown key', () => {
    expect(strictApikeyError(undefined, '/notes')).toBe('{"message":"No API key found in request"}')
    expect(strictApikeyError('bad', '/notes')).toBe('{"message":"Invalid API key"}')
    expect(strictApikeyError(undefined, `/notes?apikey=${SECRET_KEY}`)).toBeUndefined()
    expect(strictApikeyError(ANON_KEY, '/notes')).toBeUndefined()
  })

  it('knows the open Auth routes', () => {
    expect(isOpenAuthPath('/verify?token=x')).toBe(true)
    expect(isOpenAuthPath('/.well-known/jwks.json')).toBe(true)
    expect(isOpenAuthPath('/user')).toBe(false)
  })
})
