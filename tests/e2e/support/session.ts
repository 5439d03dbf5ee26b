/**
 * Arranges a signed-in browser without going through the sign-in UI (which has its own tests):
 * signs in with the Auth API exactly as the app's server would and puts the resulting session
 * cookies into the browser context.
 */
import type { BrowserContext } from '@playwright/test'
import { createServerClient } from '@supabase/ssr'
import { webSocketTransport } from '../../../app/lib/websocket.server.ts'
import { ANON_KEY } from '../../../supabase/local/keys.ts'
import { E2E } from './e2e-env.ts'
import type { TestUser } from './fixtures.ts'

export async function addSessionCookies(context: BrowserContext, user: Pick<TestUser, 'email' | 'password'>) {
  const jar = new Map<string, string>()
  const supabase = createServerClient(E2E.apiUrl, ANON_KEY, {
    cookies: {
      encode: 'tokens-only', // as the app writes them (app/lib/supabase.server.ts)
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => cookies.forEach(({ name, value }) => (value ? jar.set(name, value) : jar.delete(name))),
    },
    realtime: { transport: webSocketTransport },
  })
  const { error } = await supabase.auth.signInWithPassword({ email: user.email, password: user.password })
  if (error) throw error
  await context.addCookies([...jar].map(([name, value]) => ({ name, value, url: E2E.appUrl, httpOnly: true, sameSite: 'Lax' as const })))
}
