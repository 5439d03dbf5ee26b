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
 * The service-role client: bypasses RLS. Only for reads the caller may not make themselves and
 * that the function scopes to the verified caller (e.g. their own `advocate_accounts` row).
 */
export function createServiceClient(env: { url: string; serviceRoleKey: string }): TypedSupabaseClient {
  return createClient<Database>(env.url, env.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  })
}
