/**
 * One Supabase client per request, acting as the signed-in user. Cookies are read from the
 * request and written back through the Remix response headers. Because only the server talks
 * to Supabase, the auth cookies can be HttpOnly: a script injected into a page cannot read them.
 */
import { createServerClient, parseCookieHeader, serializeCookieHeader } from '@supabase/ssr'
import type { SupabaseClient } from '@supabase/supabase-js'
import { webSocketTransport } from './websocket.server.ts'
import { clientIpOf, forwardingAuthFetch } from './auth-forwarding.server.ts'
import { env } from './env.server.ts'
import type { Database } from '../../supabase/functions/_shared/database.types.ts'

/** The app's client: typed by the generated schema, so a renamed column fails typecheck. */
export type AppSupabaseClient = SupabaseClient<Database>

export interface RequestSupabase {
  supabase: AppSupabaseClient
  /** Set-Cookie (and no-store) headers the client produced; every response must carry them. */
  headers: Headers
}

export function isSecureRequest(request: Request): boolean {
  return new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https'
}

/**
 * Pass the loader's or action's `context`: it carries the visitor's IP (server/index.mjs), which
 * Auth then rate-limits by instead of this server's address (`Sb-Forwarded-For`, ADR 007).
 */
export function createSupabaseServerClient(request: Request, context?: unknown): RequestSupabase {
  const headers = new Headers()
  const secure = isSecureRequest(request)
  const forwardingFetch = forwardingAuthFetch({
    supabaseUrl: env.SUPABASE_URL,
    secretKey: env.SUPABASE_SECRET_KEY,
    clientIp: clientIpOf(context),
  })
  const supabase = createServerClient<Database>(env.SUPABASE_URL, env.SUPABASE_ANON_KEY, {
    ...(forwardingFetch ? { global: { fetch: forwardingFetch } } : {}),
    cookieOptions: { httpOnly: true, secure, sameSite: 'lax', path: '/' },
    cookies: {
      // Only the tokens, not the user object: identity comes from the verified token, and the
      // cookie shrinks from ~4 KB in two chunks to ~1 KB, which every request carries and decodes.
      encode: 'tokens-only',
      getAll: () => parseCookieHeader(request.headers.get('Cookie') ?? '').map(({ name, value }) => ({ name, value: value ?? '' })),
      setAll(cookies, cacheHeaders) {
        for (const { name, value, options } of cookies) {
          headers.append('Set-Cookie', serializeCookieHeader(name, value, { ...options, httpOnly: true, secure, sameSite: 'lax' }))
        }
        for (const [key, value] of Object.entries(cacheHeaders ?? {})) headers.set(key, value)
      },
    },
    // supabase-js wants a WebSocket even though realtime is unused: Node 22+'s own, `ws` on Node 20.
    realtime: { transport: webSocketTransport },
  })
  return { supabase, headers }
}
