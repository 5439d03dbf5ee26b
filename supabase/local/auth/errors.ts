/**
 * Auth API errors. Every error the server returns goes through `AuthError`, so each one
 * carries the same body and headers that auth-js needs to pick its error class (§4.2).
 */

export class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

/** OAuth-style failures (`{error, error_description}`), used by a few `/token` paths. */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description)
  }
}

export const badRequest = (message: string) => new AuthError(400, 'validation_failed', message)

export const invalidCredentials = () => new AuthError(400, 'invalid_credentials', 'Invalid login credentials')

export const otpExpired = () => new AuthError(403, 'otp_expired', 'Token has expired or is invalid')

export const userNotFound = () => new AuthError(404, 'user_not_found', 'User not found')

export const notAdmin = () => new AuthError(403, 'not_admin', 'User not allowed')

export const emailExists = () => new AuthError(422, 'email_exists', 'A user with this email address has already been registered')

export const overRequestRateLimit = () => new AuthError(429, 'over_request_rate_limit', 'Request rate limit reached')

export const overEmailSendRateLimit = (seconds: number) =>
  new AuthError(
    429,
    'over_email_send_rate_limit',
    `For security purposes, you can only request this after ${Math.max(1, Math.ceil(seconds))} seconds.`,
  )

export const userBanned = (status = 400) => new AuthError(status, 'user_banned', 'User is banned')

/** Any database failure while writing a user; 5xx makes auth-js raise AuthRetryableFetchError. */
export function databaseError(what: string, cause: unknown): AuthError {
  const error = new AuthError(500, 'unexpected_failure', `Database error ${what}`)
  error.cause = cause // logged by the server, never sent to the client
  return error
}
