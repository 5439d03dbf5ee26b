/**
 * /forgot-password: asks the Auth server for a recovery mail. The answer is the same whether
 * or not the address has an account, so the form cannot be used to find out who is registered.
 */
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { authErrorMessage, authErrorStatus, isKnownAuthErrorCode } from '../lib/auth-errors.ts'
import { authCallbackUrl } from '../lib/auth-flow.server.ts'
import { authHref } from '../lib/auth-links.ts'
import { requireAnonymous } from '../lib/auth.server.ts'
import { addressLimitMessage, hitAddressLimit } from '../lib/rate-limit.server.ts'
import { EmailSchema, ForgotPasswordSchema } from '../lib/validation/auth.ts'

export const RESET_PASSWORD_PATH = '/reset-password'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { headers } = await requireAnonymous(request, context)
  const url = new URL(request.url)
  const errorCode = url.searchParams.get('error')
  const email = EmailSchema.safeParse(url.searchParams.get('email') ?? '')
  headers.set('Cache-Control', 'private, no-store')
  return data(
    {
      email: email.success ? email.data : '',
      notice: errorCode ? authErrorMessage(isKnownAuthErrorCode(errorCode) ? errorCode : 'unknown', 'link') : null,
    },
    { headers },
  )
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { supabase, headers } = await requireAnonymous(request, context)
  headers.set('Cache-Control', 'private, no-store')
  const submission = parseWithZod(await request.formData(), { schema: ForgotPasswordSchema })
  if (submission.status !== 'success') {
    return data({ result: submission.reply() }, { status: 400, headers })
  }
  const { email } = submission.value
  // Counted whether or not the address has an account, so the answer reveals nothing.
  const sends = await hitAddressLimit('mailSends', email)
  if (!sends.ok) {
    const { message, status } = addressLimitMessage('mailSends', sends)
    return data({ result: submission.reply({ formErrors: [message] }) }, { status, headers })
  }
  const { error } = await supabase.auth.resetPasswordForEmail(email, { redirectTo: authCallbackUrl(request, RESET_PASSWORD_PATH) })
  // Per-address limits (`over_email_send_rate_limit`) would reveal that the address has an
  // account, so only the per-visitor limit and outages are reported; everything else looks sent.
  if (error && (error.code === 'over_request_rate_limit' || authErrorStatus(error) === 503)) {
    const result = submission.reply({ formErrors: [authErrorMessage(error)] })
    return data({ result }, { status: authErrorStatus(error), headers })
  }
  return redirect(authHref('/verify-code', { purpose: 'recovery', email, redirectTo: RESET_PASSWORD_PATH }), { headers })
}
