/**
 * Every Auth failure the visitor can meet, in words a person understands. The Auth server's own
 * messages are written for developers ("Invalid login credentials", "No valid flow state found
 * for this link"), so they are never shown; unknown codes get a generic message.
 * Used by actions (errors from supabase-js) and by pages that receive `?error=<code>` from the
 * e-mail link callback.
 */
import { PASSWORD_MIN_LENGTH } from './validation/auth.ts'

/** Whether the visitor was using an e-mail link or a typed code, for `otp_expired`. */
export type AuthErrorContext = 'link' | 'code'

export const GENERIC_AUTH_ERROR = 'Something went wrong on our side. Please try again in a moment.'
export const UNREACHABLE_AUTH_ERROR = 'The sign-in service isn’t responding right now. Please try again in a moment.'

const LINK_USED_OR_OTHER_BROWSER =
  'This link has already been used, or was opened in a different browser from the one you asked for it in. Type the 6-digit code from the e-mail instead, or ask for a new link.'
const LINK_EXPIRED = 'This link has expired or has already been used. Please ask for a new one.'

const MESSAGES: Record<string, string> = {
  invalid_credentials: 'That e-mail and password don’t match. Check them and try again, or sign in with an e-mail link.',
  email_not_confirmed: 'Please confirm your e-mail address first: open the link we sent you, or sign in with an e-mail link.',
  over_request_rate_limit: 'Too many attempts in a short time. Please wait a few minutes and try again.',
  over_email_send_rate_limit: 'We’ve just sent you an e-mail. Please wait a minute before asking for another one.',
  otp_expired: LINK_EXPIRED,
  flow_state_expired: LINK_EXPIRED,
  access_denied: LINK_EXPIRED,
  flow_state_not_found: LINK_USED_OR_OTHER_BROWSER,
  bad_code_verifier: LINK_USED_OR_OTHER_BROWSER,
  pkce_code_verifier_not_found: LINK_USED_OR_OTHER_BROWSER,
  user_already_exists: 'There’s already an account with this e-mail. Sign in instead, or reset your password if you’ve forgotten it.',
  email_exists: 'There’s already an account with this e-mail. Sign in instead, or reset your password if you’ve forgotten it.',
  validation_failed: 'Some of the details aren’t valid. Please check your e-mail address and password and try again.',
  email_address_invalid: 'That e-mail address doesn’t look right. Please check it and try again.',
  signup_disabled: 'New sign-ups are closed at the moment. If you’ve been invited, use the link in your invitation.',
  same_password: 'Your new password must be different from your current one.',
  user_banned: 'This account has been suspended. Please contact the program team if you think this is a mistake.',
  otp_disabled: 'We couldn’t find an account for that e-mail address. Please create one first.',
  session_not_found: 'Your session has ended. Please sign in again.',
  session_expired: 'Your session has ended. Please sign in again.',
  refresh_token_not_found: 'Your session has ended. Please sign in again.',
  refresh_token_already_used: 'Your session has ended. Please sign in again.',
  reauthentication_needed:
    'For your security, we need a code from your e-mail before you change your password. Send yourself one and try again.',
  reauthentication_not_valid: 'That code is wrong or has expired. Send yourself a new one and try again.',
}

const CODE_MESSAGES: Record<string, string> = {
  otp_expired: 'That code is wrong or has expired. Check that it’s from the most recent e-mail, or ask for a new one.',
}

const WEAK_PASSWORD_REASONS: Record<string, string> = {
  length: `use at least ${PASSWORD_MIN_LENGTH} characters`,
  characters: 'mix lower- and upper-case letters, digits and symbols',
  pwned: 'pick one that hasn’t appeared in a known data breach',
}

/** Codes we have words for; `?error=` values outside this list are shown as the generic message. */
export function isKnownAuthErrorCode(code: string): boolean {
  return Object.hasOwn(MESSAGES, code) || code === 'weak_password'
}

export function weakPasswordMessage(reasons: readonly string[] = []): string {
  const advice = [...new Set(reasons)].filter((r) => Object.hasOwn(WEAK_PASSWORD_REASONS, r)).map((r) => WEAK_PASSWORD_REASONS[r])
  if (advice.length === 0) return 'Please choose a stronger password.'
  return `Please choose a stronger password: ${advice.join('; ')}.`
}

interface AuthErrorLike {
  code?: unknown
  status?: unknown
  name?: unknown
  message?: unknown
  reasons?: unknown
}

/** The code of an auth-js error, a code string from a URL, or undefined. */
export function authErrorCode(error: unknown): string | undefined {
  if (typeof error === 'string') return error
  if (error && typeof error === 'object') {
    const code = (error as AuthErrorLike).code
    if (typeof code === 'string' && code.length > 0) return code
  }
  return undefined
}

/** A human message for an auth-js error or an error code; never the server's raw text. */
export function authErrorMessage(error: unknown, context: AuthErrorContext = 'link'): string {
  const code = authErrorCode(error)
  const details = (error && typeof error === 'object' ? error : {}) as AuthErrorLike
  if (code === 'weak_password') {
    return weakPasswordMessage(Array.isArray(details.reasons) ? details.reasons.filter((r): r is string => typeof r === 'string') : [])
  }
  if (code === 'over_email_send_rate_limit' && typeof details.message === 'string') {
    // "For security purposes, you can only request this after 42 seconds." carries a useful number.
    const seconds = /after (\d+) seconds?/.exec(details.message)?.[1]
    if (seconds) return `We’ve just sent you an e-mail. Please wait ${seconds} seconds before asking for another one.`
  }
  if (code && context === 'code' && Object.hasOwn(CODE_MESSAGES, code)) return CODE_MESSAGES[code]
  if (code && Object.hasOwn(MESSAGES, code)) return MESSAGES[code]
  // auth-js raises AuthRetryableFetchError (no code) for network failures and 5xx answers.
  if (details.name === 'AuthRetryableFetchError') return UNREACHABLE_AUTH_ERROR
  if (typeof details.status === 'number' && details.status === 429) return MESSAGES.over_request_rate_limit
  return GENERIC_AUTH_ERROR
}

/** The HTTP status an action answers with when the Auth server refused a request. */
export function authErrorStatus(error: { status?: number }): number {
  const status = error.status ?? 0
  if (status === 429) return 429
  if (status >= 400 && status < 500) return 400
  return 503
}
