/** POST /verify (typed OTP or token hash → session) and GET /verify (e-mail link → 303). */
import { z } from 'zod'
import { withTransaction, type AuthContext } from '../context.ts'
import { AuthError, badRequest, otpExpired, userBanned } from '../errors.ts'
import { issueAuthCode } from '../flow-state.ts'
import { json, parseBody, redirect, type AuthRequest, type Reply } from '../http.ts'
import { resolveRedirect } from '../redirects.ts'
import { issueSession } from '../sessions.ts'
import { PKCE_PREFIX } from '../tokens.ts'
import { isBanned } from '../user-json.ts'
import { requireEmail, requirePhone } from '../validation.ts'
import { VERIFY_TYPES, verifyEmailToken, type TokenProof } from '../verify-token.ts'

/** SMS verification types: the local stack sends no SMS, so no phone OTP can ever be valid. */
const PHONE_TYPES = ['sms', 'phone_change'] as const

const VerifySchema = z.object({
  type: z
    .enum([...VERIFY_TYPES, ...PHONE_TYPES])
    .or(z.literal(''))
    .nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  token: z.string().nullish(),
  token_hash: z.string().nullish(),
})

const AWAITING_OTHER_ADDRESS = 'Confirmation link accepted. Please proceed to confirm link sent to the other email'

/** Checks in GoTrue's order (verify.go `VerifyParams.Validate`, then `verifyPost`). */
export async function verifyPost(ctx: AuthContext, req: AuthRequest): Promise<Reply> {
  ctx.limiter.hit('tokenVerifications', req.ip)
  const body = parseBody(VerifySchema, req.body)
  const type = body.type
  if (!type) throw badRequest('Verify requires a verification type')
  const token = body.token ?? ''
  const tokenHash = body.token_hash ?? ''
  if (!token === !tokenHash) throw badRequest('Verify requires either a token or a token hash')
  let proof: TokenProof
  if (token) {
    if (body.phone && !body.email) return verifyPhoneOtp(ctx, type, requirePhone(body.phone))
    if (!body.email || body.phone) throw badRequest('Only an email address or phone number should be provided on verify')
    proof = { email: requireVerifyEmail(body.email), otp: token.trim() }
  } else {
    if (body.email || body.phone) throw badRequest('Only the token_hash and type should be provided')
    proof = { tokenHash }
  }
  if (isPhoneType(type)) {
    if (!token) throw badRequest('Invalid email verification type')
    // An SMS type with an e-mail: GoTrue looks the user up by the (empty) phone.
    throw otpExpired()
  }

  const verified = await withTransaction(ctx.pool, (db) => verifyEmailToken(ctx, db, type, proof))
  if (verified.emailChange === 'awaiting_other_address') return json({ msg: AWAITING_OTHER_ADDRESS, code: 200 })
  return json(await issueSession(ctx, verified.user.id, 'otp', req))
}

const isPhoneType = (type: string): type is (typeof PHONE_TYPES)[number] => (PHONE_TYPES as readonly string[]).includes(type)

/** POST /verify answers a malformed address with 422, unlike the other endpoints' 400. */
function requireVerifyEmail(email: string): string {
  try {
    return requireEmail(email)
  } catch {
    throw new AuthError(422, 'validation_failed', 'Invalid email format')
  }
}

/**
 * A phone OTP (`verifyOtp({ phone, token, type: 'sms' })`). Phone sign-in is off, as on a
 * project without an SMS provider: no code was ever sent, so every code is expired or
 * invalid, as Supabase Auth answers (a banned user still hears that first).
 */
async function verifyPhoneOtp(ctx: AuthContext, type: string, phone: string): Promise<Reply> {
  if (isPhoneType(type)) {
    const column = type === 'sms' ? 'phone' : 'phone_change'
    const { rows } = await ctx.pool.query(`select * from auth.users where ${column} in ($1, '+' || $1) limit 1`, [phone])
    if (rows[0] && isBanned(rows[0])) throw userBanned(403)
  }
  throw otpExpired()
}

/**
 * The link from the e-mail. Implicit flow: tokens in the URL fragment. PKCE (`pkce_`
 * token): `?code=` for the app to exchange. Failures also redirect, with the error in
 * the fragment (and the query for PKCE), because a browser is on the other end.
 */
export async function verifyGet(ctx: AuthContext, req: AuthRequest): Promise<Reply> {
  ctx.limiter.hit('tokenVerifications', req.ip)
  const token = req.query.get('token') ?? ''
  const type = req.query.get('type') ?? ''
  const redirectTo = resolveRedirect(ctx.config, req.query.get('redirect_to'))
  const isPkce = token.startsWith(PKCE_PREFIX)
  try {
    if (!(VERIFY_TYPES as readonly string[]).includes(type)) throw badRequest(`Invalid verification type "${type}"`)
    if (!token) throw badRequest('Verify requires a token')
    const verified = await withTransaction(ctx.pool, async (db) => {
      const result = await verifyEmailToken(ctx, db, type as (typeof VERIFY_TYPES)[number], { tokenHash: token })
      const code =
        result.pkce && result.emailChange !== 'awaiting_other_address' ? await issueAuthCode(db, result.user.id, result.flowMethod) : null
      return { ...result, code }
    })
    if (verified.emailChange === 'awaiting_other_address') {
      return redirect(withFragment(redirectTo, { message: AWAITING_OTHER_ADDRESS, sb: '' }))
    }
    if (verified.pkce) {
      if (!verified.code) throw new AuthError(404, 'flow_state_not_found', 'No valid flow state found for this link')
      return redirect(withQuery(redirectTo, { code: verified.code }))
    }
    const session = await issueSession(ctx, verified.user.id, 'otp', req)
    return redirect(
      withFragment(redirectTo, {
        access_token: session.access_token,
        expires_at: String(session.expires_at),
        expires_in: String(session.expires_in),
        refresh_token: session.refresh_token,
        token_type: 'bearer',
        type,
        sb: '',
      }),
    )
  } catch (error) {
    if (!(error instanceof AuthError) || error.status >= 500) throw error
    const description = error.code === 'otp_expired' ? 'Email link is invalid or has expired' : error.message
    const params = { error: 'access_denied', error_code: error.code, error_description: description }
    const target = isPkce ? withQuery(redirectTo, params) : redirectTo
    return redirect(withFragment(target, { ...params, sb: '' }))
  }
}

function withQuery(url: string, params: Record<string, string>): string {
  const target = new URL(url)
  for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value)
  return target.toString()
}

function withFragment(url: string, params: Record<string, string>): string {
  return `${url.split('#')[0]}#${new URLSearchParams(params).toString()}`
}
