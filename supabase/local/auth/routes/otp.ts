/** POST /otp (magic link / OTP), POST /recover and POST /resend: e-mail-sending endpoints. */
import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { withTransaction, type AuthContext } from '../context.ts'
import { sendEmailToken, enforceMailFrequency } from '../email-tokens.ts'
import { AuthError, badRequest } from '../errors.ts'
import { json, parseBody, type AuthRequest, type Reply } from '../http.ts'
import { hashPassword } from '../passwords.ts'
import { resolveRedirect } from '../redirects.ts'
import { sendEmailChangeMails } from '../email-change.ts'
import { EMAIL_PROVIDER_METADATA, findUserByEmail, findUserById, insertUser } from '../users.ts'
import { MetadataSchema, PkceFields, requireEmail, requirePhone } from '../validation.ts'
import { signupDisabled } from './signup.ts'

const OtpSchema = z.object({
  email: z.string().nullish(),
  phone: z.string().nullish(),
  data: MetadataSchema.nullish(),
  create_user: z.boolean().default(true),
  ...PkceFields,
})
const RecoverSchema = z.object({ email: z.string().nullish(), ...PkceFields })
const ResendSchema = z.object({
  type: z.enum(['signup', 'email_change', 'sms', 'phone_change']),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  ...PkceFields,
})

/**
 * A confirmed user gets a magic link. An unknown user is signed up first (random
 * password); with auto-confirm they are confirmed and get a magic link, otherwise the
 * sign-up confirmation mail, exactly as GoTrue does.
 */
export async function otp(ctx: AuthContext, req: AuthRequest): Promise<Reply> {
  ctx.limiter.hit('signInSignUps', req.ip)
  const body = parseBody(OtpSchema, req.body)
  if (body.email && body.phone) throw badRequest('Only an email address or phone number should be provided')
  if (!body.email && body.phone) return phoneOtp(ctx, body.phone, body.create_user)
  const email = requireEmail(body.email)
  const redirectTo = resolveRedirect(ctx.config, req.query.get('redirect_to'))
  const autoconfirm = !ctx.config.email.enableConfirmations

  await withTransaction(ctx.pool, async (db) => {
    let user = await findUserByEmail(db, email)
    if (!user) {
      if (!body.create_user) throw new AuthError(422, 'otp_disabled', 'Signups not allowed for otp')
      if (!ctx.config.enableSignup || !ctx.config.email.enableSignup) throw signupDisabled()
      const passwordHash = await hashPassword(randomBytes(32).toString('base64url').slice(0, 60))
      const id = await insertUser(db, {
        email,
        passwordHash,
        appMetadata: EMAIL_PROVIDER_METADATA,
        userMetadata: body.data ?? {},
        role: 'authenticated',
        confirmEmail: autoconfirm,
      })
      user = (await findUserById(db, id))!
    }
    const kind = user.email_confirmed_at ? 'magiclink' : 'signup'
    await sendEmailToken(ctx, db, { user, kind, redirectTo, pkce: body })
  })
  return json({})
}

/** Always 200 `{}`, so the endpoint cannot be used to discover which addresses exist. */
export async function recover(ctx: AuthContext, req: AuthRequest): Promise<Reply> {
  ctx.limiter.hit('signInSignUps', req.ip)
  const body = parseBody(RecoverSchema, req.body)
  const email = requireEmail(body.email)
  const redirectTo = resolveRedirect(ctx.config, req.query.get('redirect_to'))
  await withTransaction(ctx.pool, async (db) => {
    const user = await findUserByEmail(db, email)
    if (user) await sendEmailToken(ctx, db, { user, kind: 'recovery', redirectTo, pkce: body })
  })
  return json({})
}

export async function resend(ctx: AuthContext, req: AuthRequest): Promise<Reply> {
  ctx.limiter.hit('signInSignUps', req.ip)
  const body = parseBody(ResendSchema, req.body)
  // GoTrue's ResendConfirmationParams.Validate order; phone sign-in is off locally.
  if (!body.email && body.type === 'signup') throw badRequest('Type provided requires an email address')
  if (!body.phone && body.type === 'sms') throw badRequest('Type provided requires a phone number')
  if (body.email && body.phone) throw badRequest('Only an email address or phone number should be provided.')
  if (body.phone) throw phoneLoginsDisabled()
  const email = requireEmail(body.email)
  // No local user can have a pending phone change, so there is nothing to resend.
  if (body.type === 'phone_change' || body.type === 'sms') return json({})
  const redirectTo = resolveRedirect(ctx.config, req.query.get('redirect_to'))
  await withTransaction(ctx.pool, async (db) => {
    if (body.type === 'signup') {
      const user = await findUserByEmail(db, email)
      if (!user) return
      if (user.email_confirmed_at) throw new AuthError(422, 'email_already_confirmed', 'Email address already confirmed')
      await sendEmailToken(ctx, db, { user, kind: 'signup', redirectTo, pkce: body })
      return
    }
    // email_change: the address given is the pending new one (or the current one).
    const { rows } = await db.query(
      `select id from auth.users where email_change = $1 or (lower(email) = $1 and email_change <> '') limit 1`,
      [email],
    )
    if (!rows[0]) return
    const user = (await findUserById(db, rows[0].id))!
    enforceMailFrequency(ctx, user.email_change_sent_at)
    await sendEmailChangeMails(ctx, db, { user, newEmail: user.email_change, redirectTo, pkce: body })
  })
  return json({})
}

export const phoneLoginsDisabled = () => new AuthError(400, 'phone_provider_disabled', 'Phone logins are disabled')

/**
 * An SMS code on a project without phone sign-in. GoTrue first applies `create_user: false`
 * (an unknown number is 422 otp_disabled), then fails on the SMS provider.
 */
async function phoneOtp(ctx: AuthContext, rawPhone: string, createUser: boolean): Promise<Reply> {
  if (!createUser) {
    const phone = requirePhone(rawPhone)
    const { rows } = await ctx.pool.query(`select 1 from auth.users where phone in ($1, '+' || $1) limit 1`, [phone])
    if (!rows[0]) throw new AuthError(422, 'otp_disabled', 'Signups not allowed for otp')
  }
  throw new AuthError(400, 'phone_provider_disabled', 'Unsupported phone provider')
}
