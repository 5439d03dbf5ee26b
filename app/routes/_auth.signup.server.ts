/**
 * /signup. Locally the Auth server confirms at once and returns a session; on hosted projects
 * with confirmations on it returns no session and mails a link and code, so both are handled.
 * The display name goes into user metadata, from which a trigger fills `profiles.display_name`.
 */
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { authErrorMessage, authErrorStatus } from '../lib/auth-errors.ts'
import { authCallbackUrl } from '../lib/auth-flow.server.ts'
import { authHref, carriedRedirect } from '../lib/auth-links.ts'
import { requireAnonymous } from '../lib/auth.server.ts'
import { addressLimitMessage, hitAddressLimit } from '../lib/rate-limit.server.ts'
import { safeRedirect } from '../lib/safe-redirect.ts'
import { SignupSchema } from '../lib/validation/auth.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { headers } = await requireAnonymous(request, context)
  headers.set('Cache-Control', 'private, no-store')
  return data({ redirectTo: carriedRedirect(new URL(request.url).searchParams.get('redirectTo')) }, { headers })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { supabase, headers } = await requireAnonymous(request, context)
  headers.set('Cache-Control', 'private, no-store')
  const submission = parseWithZod(await request.formData(), { schema: SignupSchema })
  if (submission.status !== 'success') {
    return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400, headers })
  }
  const { displayName, email, password, redirectTo } = submission.value
  // With confirmations on, every sign-up (also of an existing address) sends a mail.
  const sends = await hitAddressLimit('mailSends', email)
  if (!sends.ok) {
    const { message, status } = addressLimitMessage('mailSends', sends)
    return data({ result: submission.reply({ formErrors: [message], hideFields: ['password'] }) }, { status, headers })
  }
  const { data: signUp, error } = await supabase.auth.signUp({
    email,
    password,
    options: { data: { display_name: displayName }, emailRedirectTo: authCallbackUrl(request, redirectTo) },
  })
  if (error) {
    const result = submission.reply({ formErrors: [authErrorMessage(error)], hideFields: ['password'] })
    return data({ result }, { status: authErrorStatus(error), headers })
  }
  if (signUp.session) return redirect(safeRedirect(redirectTo), { headers })
  // Confirmations are on. An address that already has an account gets the same answer
  // (the Auth server returns an obfuscated user), so sign-up does not reveal who is registered.
  return redirect(authHref('/verify-code', { purpose: 'signup', email, redirectTo }), { headers })
}
