/**
 * Guards for loaders and actions. Identity always comes from Auth verifying the token
 * (`getUser()`), never from the cookie's contents alone. Guards throw: a redirect to sign-in,
 * or a 403, so a route cannot forget to stop.
 */
import { redirect } from '@remix-run/node'
import type { SupabaseClient, User } from '@supabase/supabase-js'
import { signInPath, safeRedirect } from './safe-redirect.ts'
import { createSupabaseServerClient } from './supabase.server.ts'

export type Role = 'admin' | 'advocate'

export interface AuthenticatedRequest {
  user: User
  role: Role
  supabase: SupabaseClient
  /** Cookie headers from a token refresh; return them with the response. */
  headers: Headers
}

/** Only the service role can set app_metadata, so this cannot be self-granted. */
export function roleOf(user: Pick<User, 'app_metadata'>): Role {
  return user.app_metadata?.role === 'admin' ? 'admin' : 'advocate'
}

export async function getOptionalUser(request: Request) {
  const { supabase, headers } = createSupabaseServerClient(request)
  const hasSessionCookie = /(?:^|;\s*)sb-[^=]+-auth-token/.test(request.headers.get('Cookie') ?? '')
  if (!hasSessionCookie) return { user: null, supabase, headers }
  const { data, error } = await supabase.auth.getUser()
  if (error || !data.user) return { user: null, supabase, headers }
  return { user: data.user, supabase, headers }
}

export async function requireUser(request: Request): Promise<AuthenticatedRequest> {
  const { user, supabase, headers } = await getOptionalUser(request)
  if (!user) {
    const url = new URL(request.url)
    headers.set('Cache-Control', 'private, no-store')
    throw redirect(signInPath(`${url.pathname}${url.search}`), { headers })
  }
  return { user, role: roleOf(user), supabase, headers }
}

export async function requireAdmin(request: Request): Promise<AuthenticatedRequest> {
  const auth = await requireUser(request)
  if (auth.role !== 'admin') {
    throw new Response('You need to be a program admin to see this page.', { status: 403, headers: auth.headers })
  }
  return auth
}

/** Sign-in and sign-up pages send visitors who are already signed in on to where they were going. */
export async function requireAnonymous(request: Request): Promise<{ supabase: SupabaseClient; headers: Headers }> {
  const { user, supabase, headers } = await getOptionalUser(request)
  if (user) {
    const redirectTo = safeRedirect(new URL(request.url).searchParams.get('redirectTo'))
    throw redirect(redirectTo, { headers })
  }
  return { supabase, headers }
}
