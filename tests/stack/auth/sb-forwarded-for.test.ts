/**
 * IP address forwarding, as hosted Auth does it (supabase/auth `internal/sbff`, project setting
 * "IP address forwarding"): a server that calls Auth for its visitors sends `Sb-Forwarded-For`,
 * and Auth rate-limits by its first value, but only on requests made with the secret key. With
 * the publishable or anon key the header is ignored, so a browser cannot choose its own IP.
 * Driven through a gateway in front of an Auth server with its limits on (3 per window here).
 */
import { createClient } from '@supabase/supabase-js'
import { afterEach, describe, expect, it } from 'vitest'
import { webSocketTransport } from '../../../app/lib/websocket.server.ts'
import { ANON_KEY, PUBLISHABLE_KEY, SECRET_KEY } from '../../../supabase/local/keys.ts'
import { startTestGateway } from '../gateway/harness.ts'
import { startAuxAuth } from '../support/aux-auth.ts'
import { uniqueEmail } from '../support/stack.ts'

const LIMIT = 3
const running: Array<{ stop(): Promise<void> }> = []
afterEach(async () => {
  for (const service of running.splice(0).reverse()) await service.stop()
})

async function limitedAuth() {
  const auth = await startAuxAuth({
    auth: {
      rateLimitsDisabled: false,
      rateLimit: { anonymousUsers: LIMIT, tokenRefresh: LIMIT, signInSignUps: LIMIT, tokenVerifications: LIMIT },
    },
  })
  running.push(auth)
  const gateway = await startTestGateway({ upstreams: { auth: auth.url, rest: auth.url } })
  running.push(gateway)
  const email = uniqueEmail('sbff')
  const password = 'correct-horse-battery'
  const created = await auth.admin().createUser({ email, password, email_confirm: true })
  if (created.error) throw created.error
  /** A server-side client using `key`, telling Auth its visitor is `ip`. */
  const client = (key: string, ip?: string) =>
    createClient(gateway.url, key, {
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
      realtime: { transport: webSocketTransport },
      global: ip ? { headers: { 'Sb-Forwarded-For': ip } } : undefined,
    })
  const wrongPassword = async (key: string, ip?: string) =>
    (await client(key, ip).auth.signInWithPassword({ email, password: 'wrong-password' })).error
  return { auth, email, password, client, wrongPassword }
}

describe('Sb-Forwarded-For', () => {
  it('with the secret key, moves the limit to the forwarded IP', async () => {
    const { client, wrongPassword, email, password } = await limitedAuth()
    for (let i = 0; i < LIMIT; i++)
      expect(await wrongPassword(SECRET_KEY, '198.51.100.1')).toMatchObject({ status: 400, code: 'invalid_credentials' })
    expect(await wrongPassword(SECRET_KEY, '198.51.100.1')).toMatchObject({ status: 429, code: 'over_request_rate_limit' })
    // Another visitor of the same server is not locked out by the first one.
    const other = await client(SECRET_KEY, '198.51.100.2').auth.signInWithPassword({ email, password })
    expect(other.error).toBeNull()
    expect(other.data.session?.access_token).toBeTruthy()
    // Only the first value counts, as in GoTrue.
    expect(await wrongPassword(SECRET_KEY, '198.51.100.1, 198.51.100.3')).toMatchObject({ status: 429 })
  })

  it('with the publishable or anon key, is ignored: every request counts against the caller', async () => {
    const { client, wrongPassword, email, password } = await limitedAuth()
    expect(await wrongPassword(PUBLISHABLE_KEY, '198.51.100.1')).toMatchObject({ status: 400 })
    expect(await wrongPassword(ANON_KEY, '198.51.100.2')).toMatchObject({ status: 400 })
    expect(await wrongPassword(PUBLISHABLE_KEY, '198.51.100.3')).toMatchObject({ status: 400 })
    const fourth = await client(ANON_KEY, '198.51.100.4').auth.signInWithPassword({ email, password })
    expect(fourth.error).toMatchObject({ status: 429, code: 'over_request_rate_limit' })
  })

  it('with the secret key but a value that is not an IP, counts against the caller', async () => {
    const { wrongPassword } = await limitedAuth()
    for (let i = 0; i < LIMIT; i++) expect(await wrongPassword(SECRET_KEY, `not-an-ip-${i}`)).toMatchObject({ status: 400 })
    expect(await wrongPassword(SECRET_KEY)).toMatchObject({ status: 429 })
  })
})
