/**
 * /reset-password: choosing a new password once the recovery link (or code) has signed the
 * visitor in. Changing the password ends the account's other sessions on the Auth server.
 */
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { authErrorMessage, authErrorStatus } from '../lib/auth-errors.ts'
import { requireUser } from '../lib/auth.server.ts'
import { ResetPasswordSchema } from '../lib/validation/auth.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, headers } = await requireUser(request)
  headers.set('Cache-Control', 'private, no-store')
  const updated = new URL(request.url).searchParams.get('updated') === '1'
  return data({ email: user.email ?? '', updated }, { headers })
}

export async function action({ request }: ActionFunctionArgs) {
  const { supabase, headers } = await requireUser(request)
  headers.set('Cache-Control', 'private, no-store')
  const submission = parseWithZod(await request.formData(), { schema: ResetPasswordSchema })
  if (submission.status !== 'success') {
    return data({ result: submission.reply({ hideFields: ['password', 'confirmPassword'] }) }, { status: 400, headers })
  }
  const { error } = await supabase.auth.updateUser({ password: submission.value.password })
  if (error) {
    const result = submission.reply({ formErrors: [authErrorMessage(error)], hideFields: ['password', 'confirmPassword'] })
    return data({ result }, { status: authErrorStatus(error), headers })
  }
  return redirect('/reset-password?updated=1', { headers })
}
