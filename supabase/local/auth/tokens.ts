/**
 * E-mail one-time tokens (§4.5): a 6-digit OTP for typing, and SHA-224(email + otp) as the
 * hash carried by links. The hash lives in a token column of auth.users, mirrored into
 * auth.one_time_tokens; both are cleared once used, which makes every token single-use.
 */
import { createHash, randomInt, randomUUID } from 'node:crypto'
import type { Queryable } from './context.ts'

export type TokenColumn = 'confirmation_token' | 'recovery_token' | 'email_change_token_new' | 'email_change_token_current'

const SENT_AT_COLUMN: Record<TokenColumn, string> = {
  confirmation_token: 'confirmation_sent_at',
  recovery_token: 'recovery_sent_at',
  email_change_token_new: 'email_change_sent_at',
  email_change_token_current: 'email_change_sent_at',
}

/** PKCE tokens carry this prefix, which tells GET /verify to hand out a code, not a session. */
export const PKCE_PREFIX = 'pkce_'

export function generateOtp(length: number): string {
  return Array.from({ length }, () => randomInt(10)).join('')
}

export function hashToken(email: string, otp: string): string {
  return createHash('sha224')
    .update(email + otp)
    .digest('hex')
}

export interface IssuedToken {
  otp: string
  /** What goes in links and in the column: the hash, `pkce_`-prefixed for PKCE requests. */
  tokenHash: string
}

/** Stores a fresh token for `email` in `column`, stamps `*_sent_at`, and mirrors it. */
export async function issueEmailToken(
  db: Queryable,
  options: { userId: string; column: TokenColumn; email: string; otpLength: number; pkce: boolean },
): Promise<IssuedToken> {
  const otp = generateOtp(options.otpLength)
  const tokenHash = (options.pkce ? PKCE_PREFIX : '') + hashToken(options.email, otp)
  await db.query(
    `update auth.users set ${options.column} = $2, ${SENT_AT_COLUMN[options.column]} = now(), updated_at = now()
     where id = $1`,
    [options.userId, tokenHash],
  )
  await db.query(
    `insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to)
     values ($1, $2, $3, $4, $5)
     on conflict (user_id, token_type)
       do update set token_hash = excluded.token_hash, relates_to = excluded.relates_to, updated_at = now()`,
    [randomUUID(), options.userId, options.column, tokenHash, options.email],
  )
  return { otp, tokenHash }
}

export async function clearEmailToken(db: Queryable, userId: string, column: TokenColumn): Promise<void> {
  await db.query(`update auth.users set ${column} = '', updated_at = now() where id = $1`, [userId])
  await db.query('delete from auth.one_time_tokens where user_id = $1 and token_type = $2', [userId, column])
}

/** A password change invalidates every pending token of the user. */
export async function clearAllTokens(db: Queryable, userId: string): Promise<void> {
  await db.query(
    `update auth.users set confirmation_token = '', recovery_token = '', email_change_token_new = '',
       email_change_token_current = '', email_change = '', email_change_confirm_status = 0,
       reauthentication_token = '', reauthentication_sent_at = null, updated_at = now()
     where id = $1`,
    [userId],
  )
  await db.query('delete from auth.one_time_tokens where user_id = $1', [userId])
}

/** Does a stored token match a hash or an (email, otp) pair? PKCE-prefixed columns match both forms. */
export function tokenMatches(stored: string, candidate: { tokenHash?: string; email?: string; otp?: string }): boolean {
  if (!stored) return false
  if (candidate.tokenHash !== undefined) return stored === candidate.tokenHash
  if (candidate.email === undefined || candidate.otp === undefined) return false
  const hash = hashToken(candidate.email.toLowerCase(), candidate.otp)
  return stored === hash || stored === PKCE_PREFIX + hash
}

export function isExpired(sentAt: Date | null, expirySeconds: number): boolean {
  return !sentAt || sentAt.getTime() + expirySeconds * 1000 < Date.now()
}

/** Seconds left before another mail may go to this address (`max_frequency`), or 0. */
export function secondsUntilNextMail(sentAt: Date | null, maxFrequencySeconds: number): number {
  if (!sentAt) return 0
  return Math.max(0, (sentAt.getTime() + maxFrequencySeconds * 1000 - Date.now()) / 1000)
}
