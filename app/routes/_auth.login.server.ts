/**
 * /login: an e-mail link by default, a password on request. The e-mail link works across
 * devices because the same e-mail carries a 6-digit code, typed on /verify-code.
 */
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { authErrorMessage, authErrorStatus, isKnownAuthErrorCode } from '../lib/auth-errors.ts'
import { authCallbackUrl } from '../lib/auth-flow.server.ts'
import { authHref, carriedRedirect } from '../lib/auth-links.ts'
import { requireAnonymous } from '../lib/auth.server.ts'
import { addressLimitMessage, hitAddressLimit } from '../lib/rate-limit.server.ts'
import { safeRedirect } from '../lib/safe-redirect.ts'
import { MagicLinkSchema, PasswordSignInSchema } from '../lib/validation/auth.ts'

export type LoginMode = 'magic-link' | 'password'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { headers } = await requireAnonymous(request, context)
  const url = new URL(request.url)
  const errorCode = url.searchParams.get('error')
  headers.set('Cache-Control', 'private, no-store')
  return data(
    {
      mode: (url.searchParams.get('mode') === 'password' ? 'password' : 'magic-link') as LoginMode,
      redirectTo: carriedRedirect(url.searchParams.get('redirectTo')),
      email: url.searchParams.get('email')?.slice(0, 254) ?? '',
      // Only our own words reach the page: the code picks a message, unknown codes get the generic one.
      notice: errorCode ? authErrorMessage(isKnownAuthErrorCode(errorCode) ? errorCode : 'unknown', 'link') : null,
    },
    { headers },
  )
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { supabase, headers } = await requireAnonymous(request, context)
  headers.set('Cache-Control', 'private, no-store')
  const formData = await request.formData()

  if (formData.get('intent') === 'password') {
    const submission = parseWithZod(formData, { schema: PasswordSignInSchema })
    if (submission.status !== 'success') {
      return data({ intent: 'password' as const, result: submission.reply({ hideFields: ['password'] }) }, { status: 400, headers })
    }
    const { email, password, redirectTo } = submission.value
    const { error } = await supabase.auth.signInWithPassword({ email, password })
    if (error) {
      const result = submission.reply({ formErrors: [authErrorMessage(error)], hideFields: ['password'] })
      return data({ intent: 'password' as const, result }, { status: authErrorStatus(error), headers })
    }
    return redirect(safeRedirect(redirectTo), { headers })
  }

  const submission = parseWithZod(formData, { schema: MagicLinkSchema })
  if (submission.status !== 'success') {
    return data({ intent: 'magic-link' as const, result: submission.reply() }, { status: 400, headers })
  }
  const { email, redirectTo } = submission.value
  // Counted whether or not the address has an account, so the answer reveals nothing.
  const sends = await hitAddressLimit('mailSends', email)
  if (!sends.ok) {
    const { message, status } = addressLimitMessage('mailSends', sends)
    return data({ intent: 'magic-link' as const, result: submission.reply({ formErrors: [message] }) }, { status, headers })
  }
  const { error } = await supabase.auth.signInWithOtp({
    email,
    // Accounts are created on /signup, where we ask for a name. For an unknown address the Auth
    // server answers `otp_disabled`; we show the same "check your e-mail" page so the form
    // cannot be used to find out who has an account.
    options: { shouldCreateUser: false, emailRedirectTo: authCallbackUrl(request, redirectTo) },
  })
  if (error && error.code !== 'otp_disabled') {
    const result = submission.reply({ formErrors: [authErrorMessage(error)] })
    return data({ intent: 'magic-link' as const, result }, { status: authErrorStatus(error), headers })
  }
  // A redirect rather than action data: the "check your e-mail" page survives a reload, which a
  // phone or an installed app does when the visitor switches to their mail app and back.
  return redirect(authHref('/verify-code', { email, redirectTo }), { headers })
}
