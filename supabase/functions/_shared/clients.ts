/**
 * Supabase clients inside edge functions. The caller's client forwards their `Authorization`,
 * so PostgREST sees their JWT and RLS applies exactly as for a request from the app.
 * No Deno APIs here (the caller passes the environment), so Node can type-check and reuse it;
 * Deno resolves the bare import from package.json, where the version is pinned.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import type { Database } from './database.types.ts'

export type TypedSupabaseClient = SupabaseClient<Database>

export interface SupabaseEnv {
  url: string
  anonKey: string
}

export function createCallerClient(req: Request, env: SupabaseEnv): TypedSupabaseClient {
  return createClient<Database>(env.url, env.anonKey, {
    global: { headers: { Authorization: req.headers.get('Authorization') ?? '' } },
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  })
}

/**
 * The signed-in user's id (`sub`) from the caller's bearer token, or null (no token, or an API
 * key such as anon, which has no `sub`). Not a signature check: with `verify_jwt` on, the gateway
 * has verified the token already, and PostgREST verifies it again for every query the caller's
 * client makes, so a forged `sub` gets no further than RLS allows.
 */
export function getCallerId(req: Request): string | null {
  const claims = readClaims(req)
  return typeof claims?.sub === 'string' && claims.sub.length > 0 && claims.role === 'authenticated' ? claims.sub : null
}

/** True when the bearer token is the service role's (trusted for the same reason as getCallerId). */
export function isServiceRoleCall(req: Request): boolean {
  return readClaims(req)?.role === 'service_role'
}

function readClaims(req: Request): { sub?: unknown; role?: unknown } | null {
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers.get('Authorization') ?? '')?.[1]
  const payload = token?.split('.')[1]
  if (!payload) return null
  try {
    const base64 = payload.replaceAll('-', '+').replaceAll('_', '/').padEnd(Math.ceil(payload.length / 4) * 4, '=')
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))))
    return claims && typeof claims === 'object' ? claims : null
  } catch {
    return null
  }
}

/**
 * The service-role client: bypasses RLS. Only for reads the caller may not make themselves and
 * that the function scopes to the verified caller (e.g. their own `advocate_accounts` row).
 */
export function createServiceClient(env: { url: string; serviceRoleKey: string }): TypedSupabaseClient {
  return createClient<Database>(env.url, env.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  })
}
