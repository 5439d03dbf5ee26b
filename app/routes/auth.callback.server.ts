/**
 * Where e-mail links land (PKCE): the Auth server's GET /verify redirects here with `?code=`,
 * which is exchanged for a session using the verifier cookie set when the mail was requested.
 * Failures (an expired link, a link opened in another browser) go back to a page that explains.
 */
import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { authErrorCode } from '../lib/auth-errors.ts'
import { authHref } from '../lib/auth-links.ts'
import { safeRedirect } from '../lib/safe-redirect.ts'
import { createSupabaseServerClient } from '../lib/supabase.server.ts'

const RECOVERY_PATH = '/reset-password'

/** Only a code-shaped value goes back into our URLs; the page maps it to its own words. */
const toCode = (value: string | null | undefined) => (value && /^[a-z_]{1,64}$/.test(value) ? value : 'unknown')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const next = safeRedirect(url.searchParams.get('next') ?? url.searchParams.get('redirectTo'))
  const { supabase, headers } = createSupabaseServerClient(request, context)
  headers.set('Cache-Control', 'private, no-store')

  const failed = (code: string) => {
    const isRecovery = next === RECOVERY_PATH || next.startsWith(`${RECOVERY_PATH}?`)
    const to = isRecovery ? authHref('/forgot-password', { error: code }) : authHref('/login', { error: code, redirectTo: next })
    return redirect(to, { headers })
  }

  // The Auth server reports a bad link as `error`/`error_code`/`error_description`; the
  // description is developer text and is never shown.
  const linkError = url.searchParams.get('error_code') ?? url.searchParams.get('error')
  if (linkError) return failed(toCode(linkError))
  const code = url.searchParams.get('code')
  if (!code) return failed('flow_state_not_found')

  const { error } = await supabase.auth.exchangeCodeForSession(code)
  if (error) return failed(toCode(authErrorCode(error)))
  return redirect(next, { headers })
}
