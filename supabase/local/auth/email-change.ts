/**
 * Changing a user's address (§4.4 PUT /user `email`): with `double_confirm_changes` both
 * the old and the new address must confirm; the switch happens on the second confirmation.
 */
import type { AuthContext, Queryable } from './context.ts'
import { createFlowState, wantsPkce, type PkceParams } from './flow-state.ts'
import { sendAuthMail } from './mail.ts'
import { clearEmailToken, issueEmailToken } from './tokens.ts'
import { markEmailConfirmed } from './users.ts'
import type { UserRow } from './user-json.ts'

export async function sendEmailChangeMails(
  ctx: AuthContext,
  db: Queryable,
  options: { user: UserRow; newEmail: string; redirectTo: string; pkce: PkceParams },
): Promise<void> {
  const { user, newEmail } = options
  const pkce = wantsPkce(options.pkce)
  const otpLength = ctx.config.email.otpLength
  await db.query(
    `update auth.users set email_change = $2, email_change_confirm_status = 0, email_change_token_current = '',
       updated_at = now() where id = $1`,
    [user.id, newEmail],
  )
  const toNew = await issueEmailToken(db, { userId: user.id, column: 'email_change_token_new', email: newEmail, otpLength, pkce })
  const toCurrent =
    ctx.config.email.doubleConfirmChanges && user.email
      ? await issueEmailToken(db, { userId: user.id, column: 'email_change_token_current', email: user.email, otpLength, pkce })
      : null
  if (pkce) await createFlowState(db, { userId: user.id, params: options.pkce, authenticationMethod: 'email_change' })

  const base = { type: 'email_change' as const, redirectTo: options.redirectTo }
  await sendAuthMail(ctx, { ...base, to: newEmail, otp: toNew.otp, tokenHash: toNew.tokenHash })
  if (toCurrent && user.email) {
    await sendAuthMail(ctx, { ...base, to: user.email, otp: toCurrent.otp, tokenHash: toCurrent.tokenHash })
  }
}

export type EmailChangeOutcome = 'completed' | 'awaiting_other_address'

/** Applies one confirmation; the address switches once every required confirmation is in. */
export async function confirmEmailChange(
  ctx: AuthContext,
  db: Queryable,
  user: UserRow,
  column: 'email_change_token_new' | 'email_change_token_current',
): Promise<EmailChangeOutcome> {
  await clearEmailToken(db, user.id, column)
  const needsBoth = ctx.config.email.doubleConfirmChanges && Boolean(user.email_change_token_current || user.email_change_token_new)
  const otherPending = column === 'email_change_token_new' ? user.email_change_token_current : user.email_change_token_new
  if (needsBoth && otherPending && (user.email_change_confirm_status ?? 0) === 0) {
    await db.query('update auth.users set email_change_confirm_status = 1, updated_at = now() where id = $1', [user.id])
    return 'awaiting_other_address'
  }
  const newEmail = user.email_change
  await db.query(
    `update auth.users set email = $2, email_change = '', email_change_token_new = '', email_change_token_current = '',
       email_change_confirm_status = 0, updated_at = now() where id = $1`,
    [user.id, newEmail],
  )
  await db.query('delete from auth.one_time_tokens where user_id = $1 and token_type::text like $2', [user.id, 'email_change%'])
  await db.query(
    `update auth.identities set identity_data = identity_data || jsonb_build_object('email', $2::text), updated_at = now()
     where user_id = $1 and provider = 'email'`,
    [user.id, newEmail],
  )
  await markEmailConfirmed(db, user.id)
  return 'completed'
}
