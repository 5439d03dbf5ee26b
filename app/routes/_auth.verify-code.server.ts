/**
 * /verify-code: the "check your e-mail" step. The e-mail's link signs in on the device that asked
 * for it (PKCE); the 6-digit code in the same e-mail works anywhere, e.g. when the mail is read
 * on a laptop but the portal is installed on a phone.
 */
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { authErrorMessage, authErrorStatus } from '../lib/auth-errors.ts'
import { carriedRedirect } from '../lib/auth-links.ts'
import { requireAnonymous } from '../lib/auth.server.ts'
import { addressLimitMessage, hitAddressLimit } from '../lib/rate-limit.server.ts'
import { safeRedirect } from '../lib/safe-redirect.ts'
import { EmailSchema, VerifyCodeSchema } from '../lib/validation/auth.ts'

/** Why the visitor is waiting for a mail; only changes the wording. */
export type VerifyPurpose = 'sign-in' | 'signup' | 'recovery'

const PURPOSES: VerifyPurpose[] = ['sign-in', 'signup', 'recovery']

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const purpose = PURPOSES.find((p) => p === url.searchParams.get('purpose')) ?? 'sign-in'
  const { headers } = await requireAnonymous(request, context)
  const email = EmailSchema.safeParse(url.searchParams.get('email') ?? '')
  headers.set('Cache-Control', 'private, no-store')
  return data(
    { purpose, email: email.success ? email.data : '', redirectTo: carriedRedirect(url.searchParams.get('redirectTo')) },
    { headers },
  )
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { supabase, headers } = await requireAnonymous(request, context)
  headers.set('Cache-Control', 'private, no-store')
  const submission = parseWithZod(await request.formData(), { schema: VerifyCodeSchema })
  if (submission.status !== 'success') {
    return data({ result: submission.reply() }, { status: 400, headers })
  }
  const { email, code, redirectTo } = submission.value
  // Six digits fall to guessing unless tries are counted per address, whatever IPs they come from.
  const attempt = await hitAddressLimit('codeAttempts', email)
  if (!attempt.ok) {
    const { message, status } = addressLimitMessage('codeAttempts', attempt)
    return data({ result: submission.reply({ formErrors: [message], hideFields: ['code'] }) }, { status, headers })
  }
  // `email` accepts the code from any of our mails: sign-in link, sign-up confirmation or recovery.
  const { error } = await supabase.auth.verifyOtp({ email, token: code, type: 'email' })
  if (error) {
    const result = submission.reply({ formErrors: [authErrorMessage(error, 'code')], hideFields: ['code'] })
    return data({ result }, { status: authErrorStatus(error), headers })
  }
  return redirect(safeRedirect(redirectTo), { headers })
}
