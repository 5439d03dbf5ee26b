/** Rows 15–16 (and the cookie names of row 47): the PKCE e-mail flow through @supabase/ssr. */
import { createServerClient } from '@supabase/ssr'
import { describe, expect, it } from 'vitest'
import { webSocketTransport } from '../../../app/lib/websocket.server.ts'
import { inbox, signedInClient, stack } from '../support/stack.ts'
import { verifyLinkFrom } from './helpers.ts'

const CALLBACK = 'http://127.0.0.1:3000/auth/callback'

/** A server client over an in-memory cookie jar, as a Remix loader would hold per request. */
function ssrClient(jar = new Map<string, string>()) {
  const client = createServerClient(stack.apiUrl, stack.anonKey, {
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => cookies.forEach(({ name, value }) => (value ? jar.set(name, value) : jar.delete(name))),
    },
    realtime: { transport: webSocketTransport },
  })
  return { client, jar }
}

/** Asks for a magic link with PKCE, follows it, and returns the code from the redirect. */
async function codeFromMagicLink(email: string) {
  const { client, jar } = ssrClient()
  const { error } = await client.auth.signInWithOtp({ email, options: { emailRedirectTo: CALLBACK } })
  expect(error).toBeNull()
  const link = verifyLinkFrom((await inbox.latestMessageTo(email)).Text)
  const response = await fetch(link, { redirect: 'manual' })
  return { client, jar, link, response }
}

describe('PKCE magic link', () => {
  it('row 15: the mailed token is pkce_ and the link redirects 303 to redirect_to?code=<uuid>', async () => {
    const { email } = await signedInClient('pkce')
    const { jar, link, response } = await codeFromMagicLink(email)
    expect(link.searchParams.get('token')).toMatch(/^pkce_[0-9a-f]{56}$/)
    expect(jar.has('sb-127-auth-token-code-verifier')).toBe(true)
    expect(response.status).toBe(303)
    const location = new URL(response.headers.get('location')!)
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK)
    expect(location.searchParams.get('code')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('row 16: exchangeCodeForSession works once; a reused code is 404 flow_state_not_found', async () => {
    const { email } = await signedInClient('exchange')
    const { client, jar, response } = await codeFromMagicLink(email)
    const code = new URL(response.headers.get('location')!).searchParams.get('code')!
    const verifierCookie = jar.get('sb-127-auth-token-code-verifier')!

    const first = await client.auth.exchangeCodeForSession(code)
    expect(first.error).toBeNull()
    expect(first.data.session?.user.email).toBe(email)
    expect(jar.has('sb-127-auth-token')).toBe(true)

    const again = ssrClient(new Map([['sb-127-auth-token-code-verifier', verifierCookie]])).client
    const second = await again.auth.exchangeCodeForSession(code)
    expect(second.error).toMatchObject({ status: 404, code: 'flow_state_not_found' })
  })

  it('row 16: a wrong code verifier is 400 bad_code_verifier', async () => {
    const { email } = await signedInClient('verifier')
    const { response } = await codeFromMagicLink(email)
    const code = new URL(response.headers.get('location')!).searchParams.get('code')!
    const forged = ssrClient(new Map([['sb-127-auth-token-code-verifier', JSON.stringify('x'.repeat(56))]])).client
    const { error } = await forged.auth.exchangeCodeForSession(code)
    expect(error).toMatchObject({ status: 400, code: 'bad_code_verifier' })
  })
})
