/**
 * Helpers the auth routes share: where e-mail links come back to, and making sure a signed-out
 * browser keeps no session cookie.
 */
import { parseCookieHeader, serializeCookieHeader } from '@supabase/ssr'
import { safeRedirect } from './safe-redirect.ts'
import { isSecureRequest } from './supabase.server.ts'

/** The app's own origin, as the browser sees it (https when a TLS proxy says so). */
export function appOrigin(request: Request): string {
  const url = new URL(request.url)
  if (url.protocol === 'http:' && isSecureRequest(request)) url.protocol = 'https:'
  return url.origin
}

/**
 * The PKCE callback URL put into e-mails. The Auth server only redirects to allow-listed URLs
 * (`site_url`'s host or `additional_redirect_urls`); anything else silently becomes `site_url`.
 */
export function authCallbackUrl(request: Request, next: string | null | undefined): string {
  const target = safeRedirect(next)
  return `${appOrigin(request)}/auth/callback?${new URLSearchParams({ next: target })}`
}

const AUTH_COOKIE = /^sb-.+-auth-token(?:-code-verifier|\.\d+)?$/

/**
 * Expires every Supabase auth cookie the request carried that `signOut()` did not already clear,
 * e.g. when the session had already ended on the server and auth-js had nothing to remove.
 */
export function expireAuthCookies(request: Request, headers: Headers): void {
  const cleared = new Set(headers.getSetCookie().map((cookie) => cookie.split('=')[0]))
  const secure = isSecureRequest(request)
  for (const { name } of parseCookieHeader(request.headers.get('Cookie') ?? '')) {
    if (!AUTH_COOKIE.test(name) || cleared.has(name)) continue
    headers.append('Set-Cookie', serializeCookieHeader(name, '', { path: '/', maxAge: 0, httpOnly: true, secure, sameSite: 'lax' }))
  }
}
