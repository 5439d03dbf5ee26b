/** Bad tokens are refused (never served as anon), and browsers get the CORS headers they need. */
import * as jose from 'jose'
import { describe, expect, it } from 'vitest'
import { createTestClient, signedInClient, stack } from '../support/stack.ts'

const secret = new TextEncoder().encode(stack.jwtSecret)

async function userToken(claims: Record<string, unknown>, expiresAt: number) {
  return new jose.SignJWT({ role: 'authenticated', aud: 'authenticated', ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(expiresAt - 3600)
    .setExpirationTime(expiresAt)
    .sign(secret)
}

describe('tokens', () => {
  it('an expired token is refused with 401', async () => {
    const { user } = await signedInClient()
    const expired = await userToken({ sub: user.id }, Math.floor(Date.now() / 1000) - 120)
    const { status, error } = await createTestClient(stack.anonKey, { accessToken: expired }).from('items').select('id').limit(1)
    expect(status).toBe(401)
    expect(['PGRST301', 'PGRST303']).toContain(error?.code)
  })

  it('a tampered signature is refused with 401, not served as anon', async () => {
    const { session } = await signedInClient()
    const [header, payload] = session.access_token.split('.')
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`
    const { status, data } = await createTestClient(stack.anonKey, { accessToken: forged }).from('items').select('id').limit(1)
    expect(status).toBe(401)
    expect(data).toBeNull()
  })

  it('a token signed with another secret is refused with 401', async () => {
    const { user } = await signedInClient()
    const other = await new jose.SignJWT({ sub: user.id, role: 'service_role' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-that-is-at-least-32-characters'))
    const response = await fetch(`${stack.apiUrl}/rest/v1/notes?select=*`, {
      headers: { apikey: stack.anonKey, Authorization: `Bearer ${other}` },
    })
    expect(response.status).toBe(401)
  })
})

describe('CORS', () => {
  it('answers a preflight with Origin: allow-origin *, echoed headers and Content-Range exposed', async () => {
    const response = await fetch(`${stack.apiUrl}/rest/v1/items?select=id`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:3000',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'apikey, authorization, x-client-info, prefer',
      },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-client-info')
    expect(response.headers.get('access-control-allow-methods')).toContain('PATCH')
  })

  it('exposes Content-Range on actual responses so browsers can read counts', async () => {
    const response = await fetch(`${stack.apiUrl}/rest/v1/items?select=id&limit=1`, {
      headers: { apikey: stack.anonKey, Origin: 'http://localhost:3000', Prefer: 'count=exact' },
    })
    expect(response.status).toBe(206) // a partial result with a count
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('access-control-expose-headers')).toContain('Content-Range')
    expect(response.headers.get('content-range')).toBe('0-0/1500')
  })
})
