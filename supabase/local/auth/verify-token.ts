/**
 * Checking an e-mail token (by hash from a link, or by address + typed OTP) and applying
 * what it confirms. Shared by POST /verify and the GET /verify link handler.
 */
import type { AuthContext, Queryable } from './context.ts'
import { confirmEmailChange, type EmailChangeOutcome } from './email-change.ts'
import { otpExpired, userBanned } from './errors.ts'
import type { FlowMethod } from './flow-state.ts'
import { PKCE_PREFIX, clearEmailToken, isExpired, tokenMatches, type TokenColumn } from './tokens.ts'
import { findUserByEmail, findUserById, findUserByTokenHash, markEmailConfirmed } from './users.ts'
import { isBanned, type UserRow } from './user-json.ts'

export const VERIFY_TYPES = ['signup', 'invite', 'magiclink', 'recovery', 'email_change', 'email'] as const
export type VerifyType = (typeof VERIFY_TYPES)[number]

/** `email` tries the confirmation token first, then the recovery token. */
const COLUMNS: Record<VerifyType, TokenColumn[]> = {
  signup: ['confirmation_token'],
  invite: ['confirmation_token'],
  magiclink: ['recovery_token'],
  recovery: ['recovery_token'],
  email: ['confirmation_token', 'recovery_token'],
  email_change: ['email_change_token_new', 'email_change_token_current'],
}

const SENT_AT: Record<TokenColumn, keyof UserRow> = {
  confirmation_token: 'confirmation_sent_at',
  recovery_token: 'recovery_sent_at',
  email_change_token_new: 'email_change_sent_at',
  email_change_token_current: 'email_change_sent_at',
}

export type TokenProof = { tokenHash: string } | { email: string; otp: string }

export interface VerifiedToken {
  user: UserRow
  /** Whether the token was issued for a PKCE request (its hash is `pkce_`-prefixed). */
  pkce: boolean
  flowMethod: FlowMethod
  emailChange?: EmailChangeOutcome
}

async function findCandidate(db: Queryable, type: VerifyType, proof: TokenProof): Promise<UserRow | null> {
  if ('tokenHash' in proof) return findUserByTokenHash(db, proof.tokenHash)
  if (type !== 'email_change') return findUserByEmail(db, proof.email)
  const { rows } = await db.query(
    `select id from auth.users where email_change = lower($1) or lower(email) = lower($1) order by email_change = lower($1) desc limit 1`,
    [proof.email],
  )
  return rows[0] ? findUserById(db, rows[0].id) : null
}

/** Throws 403 `otp_expired` for wrong, used or expired tokens; consumes the token on success. */
export async function verifyEmailToken(ctx: AuthContext, db: Queryable, type: VerifyType, proof: TokenProof): Promise<VerifiedToken> {
  const user = await findCandidate(db, type, proof)
  if (!user) throw otpExpired()
  const candidate = 'tokenHash' in proof ? { tokenHash: proof.tokenHash } : { email: proof.email, otp: proof.otp }
  const column = COLUMNS[type].find((c) => tokenMatches(user[c], candidate))
  if (!column) throw otpExpired()
  if (isExpired(user[SENT_AT[column]] as Date | null, ctx.config.email.otpExpiry)) throw otpExpired()
  if (isBanned(user)) throw userBanned(403)

  const pkce = user[column].startsWith(PKCE_PREFIX)
  if (column === 'email_change_token_new' || column === 'email_change_token_current') {
    const emailChange = await confirmEmailChange(ctx, db, user, column)
    return { user, pkce, flowMethod: 'email_change', emailChange }
  }
  await clearEmailToken(db, user.id, column)
  await markEmailConfirmed(db, user.id)
  return { user, pkce, flowMethod: flowMethodFor(type, column) }
}

function flowMethodFor(type: VerifyType, column: TokenColumn): FlowMethod {
  if (type === 'email') return column === 'confirmation_token' ? 'email/signup' : 'magiclink'
  if (type === 'signup') return 'email/signup'
  return type as FlowMethod
}
