/**
 * GET /reauthenticate and the `nonce` that PUT /user accepts with a new password, as GoTrue
 * does it (internal/api/reauthenticate.go, internal/api/user.go):
 * - the signed-in user gets a mail whose only content is an `otp_length`-digit code (no link);
 *   its SHA-224(email + code) hash goes to `auth.users.reauthentication_token`, mirrored in
 *   `auth.one_time_tokens`; `max_frequency` applies per user, like every other mail;
 * - with `secure_password_change` on, a password change from a session older than 24 hours needs
 *   that code as `nonce`: missing → 400 `reauthentication_needed`, wrong or expired → 422
 *   `reauthentication_not_valid`. A correct nonce is consumed before the rest of the update runs.
 *   Younger sessions are not asked, and a nonce they send is ignored, exactly as on hosted.
 */
import { withTransaction, type AuthContext, type Queryable } from './context.ts'
import { enforceMailFrequency } from './email-tokens.ts'
import { AuthError, badRequest } from './errors.ts'
import { json, type AuthRequest, type Reply } from './http.ts'
import { requireUser } from './request-auth.ts'
import { generateOtp, hashToken, isExpired, PKCE_PREFIX } from './tokens.ts'
import type { UserRow } from './user-json.ts'

/** GoTrue asks for a nonce only when the session is older than this (user.go). */
export const REAUTHENTICATION_SESSION_AGE_MS = 24 * 60 * 60 * 1000

const INVALID_NONCE = 'Nonce has expired or is invalid'

export async function reauthenticate(ctx: AuthContext, req: AuthRequest): Promise<Reply> {
  const { user } = await requireUser(ctx, req)
  const email = user.email ?? ''
  if (!email) throw badRequest('Reauthentication requires the user to have an email or a phone number')
  if (!user.email_confirmed_at) throw new AuthError(422, 'email_not_confirmed', 'Please verify your email first.')
  await withTransaction(ctx.pool, async (db) => {
    enforceMailFrequency(ctx, user.reauthentication_sent_at)
    const otp = generateOtp(ctx.config.email.otpLength)
    const tokenHash = hashToken(email, otp)
    await db.query(
      `update auth.users set reauthentication_token = $2, reauthentication_sent_at = now(), updated_at = now() where id = $1`,
      [user.id, tokenHash],
    )
    await db.query(
      `insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to)
       values (gen_random_uuid(), $1, 'reauthentication_token', $2, $3)
       on conflict (user_id, token_type)
         do update set token_hash = excluded.token_hash, relates_to = excluded.relates_to, updated_at = now()`,
      [user.id, tokenHash, email],
    )
    // Sent last, inside the transaction: a failed send leaves the previous code in place.
    await sendReauthenticationMail(ctx, email, otp)
  })
  return json({})
}

async function sendReauthenticationMail(ctx: AuthContext, to: string, otp: string): Promise<void> {
  const subject = `${otp} is your verification code`
  const text = `Your verification code\n\nUse the code below to verify your identity. It expires shortly.\nTo confirm it's you, enter the code: ${otp}\n`
  const html = `<h2>Your verification code</h2>\n<p>Use the code below to verify your identity. It expires shortly.</p>\n<p>${otp}</p>\n`
  await ctx.mailer.send({ to: [to], subject, text, html })
  ctx.log(`mail reauthentication sent to ${to}`)
}

/** Whether a password change from this session must carry a valid nonce. */
export async function passwordChangeNeedsNonce(ctx: AuthContext, sessionId: string): Promise<boolean> {
  if (!ctx.config.email.securePasswordChange) return false
  const { rows } = await ctx.pool.query<{ created_at: Date }>('select created_at from auth.sessions where id = $1', [sessionId])
  const createdAt = rows[0]?.created_at
  return !createdAt || Date.now() > createdAt.getTime() + REAUTHENTICATION_SESSION_AGE_MS
}

/**
 * Checks and consumes the nonce: 400 when missing, 422 when wrong, expired or already used.
 * The conditional update makes two concurrent requests with the same nonce succeed only once.
 */
export async function consumeReauthenticationNonce(
  ctx: AuthContext,
  db: Queryable,
  user: UserRow,
  nonce: string | null | undefined,
): Promise<void> {
  if (!nonce) throw new AuthError(400, 'reauthentication_needed', 'Password update requires reauthentication')
  const stored = user.reauthentication_token
  if (!stored || !user.reauthentication_sent_at || !user.email) throw new AuthError(422, 'reauthentication_not_valid', INVALID_NONCE)
  const hash = hashToken(user.email, nonce)
  const matches = stored === hash || stored === PKCE_PREFIX + hash
  if (!matches || isExpired(user.reauthentication_sent_at, ctx.config.email.otpExpiry)) {
    throw new AuthError(422, 'reauthentication_not_valid', INVALID_NONCE)
  }
  const { rowCount } = await db.query(
    `update auth.users set reauthentication_token = '', updated_at = now() where id = $1 and reauthentication_token = $2`,
    [user.id, stored],
  )
  if (rowCount !== 1) throw new AuthError(422, 'reauthentication_not_valid', INVALID_NONCE)
  // GoTrue's ConfirmReauthentication clears every one-time token of the user, not only this one.
  await db.query('delete from auth.one_time_tokens where user_id = $1', [user.id])
}
