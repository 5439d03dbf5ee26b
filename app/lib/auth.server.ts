/**
 * Guards for loaders and actions. Identity comes from a verified token (`getClaims()`), never
 * from the cookie's contents alone: with asymmetric signing keys (ES256, the default of current
 * Supabase projects) the signature is checked locally against the project's JWKS, with no round
 * trip; with the legacy shared secret (HS256) auth-js asks Auth (`getUser()`) instead. An expired
 * access token is refreshed first, and the new cookies are written to `headers`.
 * Guards throw: a redirect to sign-in, or a 403, so a route cannot forget to stop.
 */
import { redirect } from '@remix-run/node'
import { signInPath, safeRedirect } from './safe-redirect.ts'
import { createSupabaseServerClient, type AppSupabaseClient } from './supabase.server.ts'
import { isBackendUnavailable } from './backend-unavailable.server.ts'

export type Role = 'admin' | 'advocate'

/** Who is signed in, from the verified access token's claims. */
export interface SessionUser {
  id: string
  email: string | undefined
  /** Set only by the service role: safe for authorization (`role: 'admin'`). */
  app_metadata: Record<string, unknown>
  /** Editable by the user: never use it for authorization. */
  user_metadata: Record<string, unknown>
}

export interface AuthenticatedRequest {
  user: SessionUser
  role: Role
  supabase: AppSupabaseClient
  /** Cookie headers from a token refresh; return them with the response. */
  headers: Headers
}

/** Only the service role can set app_metadata, so this cannot be self-granted. */
export function roleOf(user: Pick<SessionUser, 'app_metadata'>): Role {
  return user.app_metadata?.role === 'admin' ? 'admin' : 'advocate'
}

type OptionalUser = { user: SessionUser | null; supabase: AppSupabaseClient; headers: Headers }

/**
 * Remix runs every matched loader of a page with the same load context, and each loader
 * guards itself, so without this a page would ask Auth about the same token once per loader.
 * Only reads are shared: an action may change who is signed in.
 */
const identityByRequestContext = new WeakMap<object, Promise<OptionalUser>>()

export function getOptionalUser(request: Request, context?: object): Promise<OptionalUser> {
  if (!context || (request.method !== 'GET' && request.method !== 'HEAD')) return lookUpUser(request, context)
  let pending = identityByRequestContext.get(context)
  if (!pending) {
    pending = lookUpUser(request, context)
    identityByRequestContext.set(context, pending)
  }
  return pending
}

async function lookUpUser(request: Request, context: object | undefined): Promise<OptionalUser> {
  const { supabase, headers } = createSupabaseServerClient(request, context)
  const hasSessionCookie = /(?:^|;\s*)sb-[^=]+-auth-token/.test(request.headers.get('Cookie') ?? '')
  if (!hasSessionCookie) return { user: null, supabase, headers }
  const { data, error } = await supabase.auth.getClaims()
  const claims = data?.claims
  // Auth being down is not being signed out: answer 503 rather than send the visitor to sign in.
  if (error && isBackendUnavailable(error)) throw error
  if (error || !claims?.sub || claims.role !== 'authenticated') return { user: null, supabase, headers }
  const user: SessionUser = {
    id: claims.sub,
    email: claims.email || undefined,
    app_metadata: (claims.app_metadata as Record<string, unknown> | undefined) ?? {},
    user_metadata: (claims.user_metadata as Record<string, unknown> | undefined) ?? {},
  }
  return { user, supabase, headers }
}

/** Pass the loader's `context` so the page's loaders share one identity check. */
export async function requireUser(request: Request, context?: object): Promise<AuthenticatedRequest> {
  const { user, supabase, headers } = await getOptionalUser(request, context)
  if (!user) {
    const url = new URL(request.url)
    headers.set('Cache-Control', 'private, no-store')
    throw redirect(signInPath(`${url.pathname}${url.search}`), { headers })
  }
  return { user, role: roleOf(user), supabase, headers }
}

/**
 * Admin rights are checked against Auth's current record, not the token: a revoked admin loses
 * access at once instead of when their access token expires.
 */
export async function requireAdmin(request: Request, context?: object): Promise<AuthenticatedRequest> {
  const auth = await requireUser(request, context)
  const { data, error } = await auth.supabase.auth.getUser()
  if (error || !data.user || roleOf(data.user) !== 'admin') {
    throw new Response('You need to be a program admin to see this page.', { status: 403, headers: auth.headers })
  }
  return { ...auth, role: 'admin' }
}

/**
 * Sign-in and sign-up pages send visitors who are already signed in on to where they were going.
 * Pass `context` so that Auth rate-limits the visitor's IP, not ours.
 */
export async function requireAnonymous(request: Request, context?: object): Promise<{ supabase: AppSupabaseClient; headers: Headers }> {
  const { user, supabase, headers } = await getOptionalUser(request, context)
  if (user) {
    const redirectTo = safeRedirect(new URL(request.url).searchParams.get('redirectTo'))
    throw redirect(redirectTo, { headers })
  }
  return { supabase, headers }
}
