/** Auth e-mails: each carries the OTP and a `/verify` link, captured by the local inbox. */
import type { AuthContext } from './context.ts'

export type MailType = 'signup' | 'magiclink' | 'recovery' | 'invite' | 'email_change'

const SUBJECTS: Record<MailType, string> = {
  signup: 'Confirm Your Signup',
  magiclink: 'Your Magic Link',
  recovery: 'Reset Your Password',
  invite: 'You have been invited',
  email_change: 'Confirm Email Change',
}

const INTROS: Record<MailType, string> = {
  signup: 'Follow this link to confirm your user:',
  magiclink: 'Follow this link to login:',
  recovery: 'Follow this link to reset the password for your user:',
  invite: 'You have been invited to create a user. Follow this link to accept the invite:',
  email_change: 'Follow this link to confirm the update of your email:',
}

/** The link GoTrue mails: `redirect_to` is query-escaped, the token is the (maybe pkce_) hash. */
export function verifyLink(externalAuthUrl: string, tokenHash: string, type: string, redirectTo: string): string {
  return `${externalAuthUrl}/verify?token=${tokenHash}&type=${type}&redirect_to=${encodeURIComponent(redirectTo)}`
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

export async function sendAuthMail(
  ctx: AuthContext,
  mail: { to: string; type: MailType; otp: string; tokenHash: string; redirectTo: string },
): Promise<void> {
  const link = verifyLink(ctx.externalAuthUrl, mail.tokenHash, mail.type, mail.redirectTo)
  const text = `${INTROS[mail.type]}\n\n${link}\n\nAlternatively, enter the code: ${mail.otp}\n`
  const html =
    `<h2>${SUBJECTS[mail.type]}</h2>\n<p>${INTROS[mail.type]}</p>\n` +
    `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>\n<p>Alternatively, enter the code: ${mail.otp}</p>\n`
  await ctx.mailer.send({ to: [mail.to], subject: SUBJECTS[mail.type], text, html })
  ctx.log(`mail ${mail.type} sent to ${mail.to}`)
}
