/** The JWKS endpoint and getClaims, in whichever signing mode the stack runs (§1.2). */
import { expect, it } from 'vitest'
import { signedInClient, stack } from '../support/stack.ts'
import { authFetch } from './helpers.ts'

it('serves only public signing keys, cacheable for 10 minutes', async () => {
  const response = await authFetch('/.well-known/jwks.json', { key: null })
  expect(response.status).toBe(200)
  expect(response.headers.get('cache-control')).toBe('public, max-age=600')
  const { keys } = (await response.json()) as { keys: Array<Record<string, string>> }
  expect(keys.some((key) => key.kty === 'oct')).toBe(false)
  if (stack.jwtMode === 'HS256') expect(keys).toEqual([])
  else expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' })
})

it('getClaims verifies the access token and returns its claims', async () => {
  const { client, user } = await signedInClient('claims')
  const { data, error } = await client.auth.getClaims()
  expect(error).toBeNull()
  expect(data?.claims.sub).toBe(user.id)
  expect(data?.header.alg).toBe(stack.jwtMode)
})
