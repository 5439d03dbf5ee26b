import { AuthApiError, AuthPKCECodeVerifierMissingError, AuthRetryableFetchError, AuthWeakPasswordError } from '@supabase/supabase-js'
import { describe, expect, it } from 'vitest'
import {
  authErrorMessage,
  authErrorStatus,
  GENERIC_AUTH_ERROR,
  isKnownAuthErrorCode,
  UNREACHABLE_AUTH_ERROR,
  weakPasswordMessage,
} from './auth-errors.ts'

const apiError = (code: string, status = 400, message = 'raw server text') => new AuthApiError(message, status, code)

describe('authErrorMessage', () => {
  it.each([
    ['invalid_credentials', /e-mail and password don’t match/],
    ['email_not_confirmed', /confirm your e-mail address first/],
    ['over_request_rate_limit', /Too many attempts/],
    ['over_email_send_rate_limit', /wait a minute/],
    ['otp_expired', /link has expired or has already been used/],
    ['flow_state_expired', /link has expired/],
    ['user_already_exists', /already an account/],
    ['email_exists', /already an account/],
    ['validation_failed', /aren’t valid/],
    ['signup_disabled', /sign-ups are closed/],
    ['same_password', /must be different from your current one/],
    ['flow_state_not_found', /different browser/],
    ['bad_code_verifier', /different browser/],
    ['user_banned', /suspended/],
  ])('%s gets its own words, never the server text', (code, expected) => {
    const message = authErrorMessage(apiError(code))
    expect(message).toMatch(expected)
    expect(message).not.toContain('raw server text')
  })

  it('weak_password lists what to change, from the reasons', () => {
    const error = new AuthWeakPasswordError('Password should be at least 6 characters.', 422, ['length', 'characters'])
    expect(authErrorMessage(error)).toBe(
      'Please choose a stronger password: use at least 12 characters; mix lower- and upper-case letters, digits and symbols.',
    )
    expect(weakPasswordMessage(['pwned'])).toMatch(/data breach/)
    expect(weakPasswordMessage([])).toBe('Please choose a stronger password.')
  })

  it('over_email_send_rate_limit tells how long to wait when the server says', () => {
    const error = apiError('over_email_send_rate_limit', 429, 'For security purposes, you can only request this after 42 seconds.')
    expect(authErrorMessage(error)).toBe('We’ve just sent you an e-mail. Please wait 42 seconds before asking for another one.')
  })

  it('otp_expired reads differently for a typed code', () => {
    expect(authErrorMessage(apiError('otp_expired', 403), 'code')).toMatch(/code is wrong or has expired/)
  })

  it('a link opened in another browser suggests the code', () => {
    expect(authErrorMessage(new AuthPKCECodeVerifierMissingError())).toMatch(/Type the 6-digit code/)
  })

  it('accepts bare codes, as the callback passes them in the URL', () => {
    expect(authErrorMessage('otp_expired')).toMatch(/expired/)
    expect(authErrorMessage('access_denied')).toMatch(/expired/)
  })

  it('outages and 5xx are retryable, and say so', () => {
    expect(authErrorMessage(new AuthRetryableFetchError('Database error saving new user', 500))).toBe(UNREACHABLE_AUTH_ERROR)
  })

  it('unknown codes and odd values get the generic message', () => {
    expect(authErrorMessage(apiError('something_new'))).toBe(GENERIC_AUTH_ERROR)
    expect(authErrorMessage('<script>alert(1)</script>')).toBe(GENERIC_AUTH_ERROR)
    expect(authErrorMessage('constructor')).toBe(GENERIC_AUTH_ERROR)
    expect(authErrorMessage(new Error('connect ECONNREFUSED 127.0.0.1:54321'))).toBe(GENERIC_AUTH_ERROR)
    expect(authErrorMessage(null)).toBe(GENERIC_AUTH_ERROR)
    expect(authErrorMessage({ status: 429 })).toMatch(/Too many attempts/)
  })

  it('knows which codes it has words for', () => {
    expect(isKnownAuthErrorCode('otp_expired')).toBe(true)
    expect(isKnownAuthErrorCode('weak_password')).toBe(true)
    expect(isKnownAuthErrorCode('toString')).toBe(false)
    expect(isKnownAuthErrorCode('nope')).toBe(false)
  })
})

describe('authErrorStatus', () => {
  it('keeps 429, folds other client errors into 400 and outages into 503', () => {
    expect(authErrorStatus({ status: 429 })).toBe(429)
    expect(authErrorStatus({ status: 422 })).toBe(400)
    expect(authErrorStatus({ status: 500 })).toBe(503)
    expect(authErrorStatus({})).toBe(503)
  })
})
