/** POST /verify (typed OTP or token hash → session) and GET /verify (e-mail link → 303). */
import { z } from 'zod'
import { withTransaction, type AuthContext } from '../context.ts'
import { AuthError, badRequest } from '../errors.ts'
import { issueAuthCode } from '../flow-state.ts'
import { json, parseBody, redirect, type AuthRequest, type Reply } from '../http.ts'
import { resolveRedirect } from '../redirects.ts'
import { issueSession } from '../sessions.ts'
import { PKCE_PREFIX } from '../tokens.ts'
import { VERIFY_TYPES, verifyEmailToken, type TokenProof } from '../verify-token.ts'

const VerifySchema = z.object({
  type: z.enum(VERIFY_TYPES),
  email: z.string().nullish(),
  token: z.string().nullish(),
  token_hash: z.string().nullish(),
})

const AWAITING_OTHER_ADDRESS = 'Confirmation link accepted. Please proceed to confirm link sent to the other email'

export async function verifyPost(ctx: AuthContext, req: AuthRequest): Promise<Reply> {
  ctx.limiter.hit('tokenVerifications', req.ip)
  const body = parseBody(VerifySchema, req.body)
  let proof: TokenProof
  if (body.token_hash) proof = { tokenHash: body.token_hash }
  else if (body.email && body.token) proof = { email: body.email.trim().toLowerCase(), otp: body.token.trim() }
  else throw badRequest('Verify requires either a token_hash, or an email and a token')

  const verified = await withTransaction(ctx.pool, (db) => verifyEmailToken(ctx, db, body.type, proof))
  if (verified.emailChange === 'awaiting_other_address') return json({ msg: AWAITING_OTHER_ADDRESS, code: 200 })
  return json(await issueSession(ctx, verified.user.id, 'otp', req))
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
      const code = result.pkce && result.emailChange !== 'awaiting_other_address'
        ? await issueAuthCode(db, result.user.id, result.flowMethod)
        : null
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
