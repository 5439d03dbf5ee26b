/**
 * /reset-password: choosing a new password, from the recovery link or code, or from the profile.
 * A fresh mailbox sign-in (the recovery link or code) sets it directly; any other session first
 * gets a 6-digit code by e-mail and sends it with the new password, so a stolen session alone
 * cannot lock the owner out (ADR 009). Changing the password ends the account's other sessions.
 */
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { authErrorMessage, authErrorStatus } from '../lib/auth-errors.ts'
import { requireUser } from '../lib/auth.server.ts'
import { checkReauthenticationCode, passwordChangeMode, replaceSession, type CodeCheck } from '../lib/password-change.server.ts'
import { addressLimitMessage, hitAddressLimit } from '../lib/rate-limit.server.ts'
import { CHANGE_PASSWORD_INTENT, ChangePasswordSchema, ResetPasswordSchema, SEND_CODE_INTENT } from '../lib/validation/auth.ts'

const SendCodeSchema = z.object({ intent: z.literal(SEND_CODE_INTENT) })

const CODE_PROBLEMS: Record<Exclude<CodeCheck, 'valid' | 'unavailable'>, string> = {
  invalid: 'That code is wrong. Check the most recent e-mail, or send yourself a new code.',
  expired: 'That code has expired. Send yourself a new one.',
  locked: 'Too many wrong codes. Send yourself a new one.',
}
const RECOVERY_WINDOW_PASSED = 'It’s been a while since you opened the link from your e-mail, so we need a fresh code first.'
const CHECK_UNAVAILABLE = 'We can’t check codes right now. Please try again in a moment.'
const HIDDEN = ['code', 'password', 'confirmPassword']

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, supabase, headers } = await requireUser(request, context)
  headers.set('Cache-Control', 'private, no-store')
  const url = new URL(request.url)
  return data(
    {
      email: user.email ?? '',
      mode: await passwordChangeMode(supabase),
      updated: url.searchParams.get('updated') === '1',
      codeSent: url.searchParams.get('sent') === '1',
    },
    { headers },
  )
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, supabase, headers } = await requireUser(request, context)
  headers.set('Cache-Control', 'private, no-store')
  const formData = await request.formData()

  if (formData.get('intent') === SEND_CODE_INTENT) {
    const submission = parseWithZod(formData, { schema: SendCodeSchema })
    // The same per-address mail limit as sign-in and recovery mails: a stolen session must not
    // be able to flood the owner's inbox or drain the project's mail quota.
    const sends = await hitAddressLimit('mailSends', user.email ?? user.id)
    if (!sends.ok) {
      const { message, status } = addressLimitMessage('mailSends', sends)
      return data({ form: SEND_CODE_INTENT, result: submission.reply({ formErrors: [message] }) }, { status, headers })
    }
    const { error } = await supabase.auth.reauthenticate()
    if (error) {
      const result = submission.reply({ formErrors: [authErrorMessage(error)] })
      return data({ form: SEND_CODE_INTENT, result }, { status: authErrorStatus(error), headers })
    }
    return redirect('/reset-password?sent=1', { headers })
  }

  // Decided from the verified token on every submit: the page's own mode is only what was shown.
  if ((await passwordChangeMode(supabase)) === 'recovery') {
    const submission = parseWithZod(formData, { schema: ResetPasswordSchema })
    if (submission.status !== 'success') {
      return data({ form: CHANGE_PASSWORD_INTENT, result: submission.reply({ hideFields: HIDDEN }) }, { status: 400, headers })
    }
    const oldAccessToken = (await supabase.auth.getSession()).data.session?.access_token
    const { error } = await supabase.auth.updateUser({ password: submission.value.password })
    if (error) {
      const result = submission.reply({ formErrors: [authErrorMessage(error)], hideFields: HIDDEN })
      return data({ form: CHANGE_PASSWORD_INTENT, result }, { status: authErrorStatus(error), headers })
    }
    await replaceSession(supabase, user.email ?? '', submission.value.password, oldAccessToken)
    return redirect('/reset-password?updated=1', { headers })
  }

  if (!formData.has('code')) {
    // The page offered the recovery form, but the recovery window closed before the submit.
    const result = parseWithZod(formData, { schema: SendCodeSchema }).reply({ formErrors: [RECOVERY_WINDOW_PASSED] })
    return data({ form: SEND_CODE_INTENT, result }, { status: 400, headers })
  }
  const submission = parseWithZod(formData, { schema: ChangePasswordSchema })
  if (submission.status !== 'success') {
    return data({ form: CHANGE_PASSWORD_INTENT, result: submission.reply({ hideFields: HIDDEN }) }, { status: 400, headers })
  }
  const { code, password } = submission.value
  // Hosted Auth ignores the nonce from sessions younger than 24 hours, so it is checked here first.
  const check = await checkReauthenticationCode(user.id, code)
  if (check !== 'valid') {
    const result =
      check === 'unavailable'
        ? submission.reply({ formErrors: [CHECK_UNAVAILABLE], hideFields: HIDDEN })
        : submission.reply({ fieldErrors: { code: [CODE_PROBLEMS[check]] }, hideFields: HIDDEN })
    return data({ form: CHANGE_PASSWORD_INTENT, result }, { status: check === 'unavailable' ? 503 : 400, headers })
  }
  const oldAccessToken = (await supabase.auth.getSession()).data.session?.access_token
  const { error } = await supabase.auth.updateUser({ password, nonce: code })
  if (error) {
    const result = submission.reply({ formErrors: [authErrorMessage(error, 'code')], hideFields: HIDDEN })
    return data({ form: CHANGE_PASSWORD_INTENT, result }, { status: authErrorStatus(error), headers })
  }
  await replaceSession(supabase, user.email ?? '', password, oldAccessToken)
  return redirect('/reset-password?updated=1', { headers })
}
