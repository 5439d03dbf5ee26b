/** Issuing an e-mail token and mailing it: shared by sign-up, OTP, recovery, resend and invite. */
import type { AuthContext, Queryable } from './context.ts'
import { overEmailSendRateLimit } from './errors.ts'
import { createFlowState, wantsPkce, type FlowMethod, type PkceParams } from './flow-state.ts'
import { sendAuthMail } from './mail.ts'
import { issueEmailToken, secondsUntilNextMail, type TokenColumn } from './tokens.ts'
import type { UserRow } from './user-json.ts'

export type EmailTokenKind = 'signup' | 'invite' | 'magiclink' | 'recovery'

export const TOKEN_COLUMN: Record<EmailTokenKind, TokenColumn> = {
  signup: 'confirmation_token',
  invite: 'confirmation_token',
  magiclink: 'recovery_token',
  recovery: 'recovery_token',
}

const FLOW_METHOD: Record<EmailTokenKind, FlowMethod> = {
  signup: 'email/signup',
  invite: 'invite',
  magiclink: 'magiclink',
  recovery: 'recovery',
}

/** 429 `over_email_send_rate_limit` while the last mail of this kind is younger than `max_frequency`. */
export function enforceMailFrequency(ctx: AuthContext, lastSentAt: Date | null): void {
  if (ctx.config.rateLimitsDisabled) return
  const wait = secondsUntilNextMail(lastSentAt, ctx.config.email.maxFrequency)
  if (wait > 0) throw overEmailSendRateLimit(wait)
}

export async function sendEmailToken(
  ctx: AuthContext,
  db: Queryable,
  options: { user: UserRow; kind: EmailTokenKind; redirectTo: string; pkce: PkceParams },
): Promise<void> {
  const { user, kind } = options
  const column = TOKEN_COLUMN[kind]
  enforceMailFrequency(ctx, column === 'confirmation_token' ? user.confirmation_sent_at : user.recovery_sent_at)
  const email = user.email ?? ''
  const issued = await issueEmailToken(db, {
    userId: user.id,
    column,
    email,
    otpLength: ctx.config.email.otpLength,
    pkce: wantsPkce(options.pkce),
  })
  if (wantsPkce(options.pkce)) {
    await createFlowState(db, { userId: user.id, params: options.pkce, authenticationMethod: FLOW_METHOD[kind] })
  }
  await sendAuthMail(ctx, { to: email, type: kind, otp: issued.otp, tokenHash: issued.tokenHash, redirectTo: options.redirectTo })
}
