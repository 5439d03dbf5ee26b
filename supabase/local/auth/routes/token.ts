/** POST /token?grant_type=password|refresh_token|pkce (and the switched-off id_token and web3) */
import { z } from 'zod'
import type { AuthContext } from '../context.ts'
import { AuthError, OAuthError, badRequest, invalidCredentials, userBanned } from '../errors.ts'
import { consumeFlowState } from '../flow-state.ts'
import { idTokenGrant, web3Grant } from './external-grants.ts'
import { json, parseBody, type AuthRequest, type Reply } from '../http.ts'
import { findPasswordWeakness, passwordMatches } from '../passwords.ts'
import { refreshSession } from '../refresh.ts'
import { issueSession, type AmrMethod } from '../sessions.ts'
import { findUserByEmail } from '../users.ts'
import { isBanned } from '../user-json.ts'

const PasswordGrantSchema = z.object({
  email: z.string().nullish(),
  phone: z.string().nullish(),
  password: z.string().nullish(),
})
const RefreshGrantSchema = z.object({ refresh_token: z.string().nullish() })
const PkceGrantSchema = z.object({ auth_code: z.string().nullish(), code_verifier: z.string().nullish() })

export async function token(ctx: AuthContext, req: AuthRequest): Promise<Reply> {
  ctx.limiter.hit('tokenRefresh', req.ip)
  const grantType = req.query.get('grant_type')
  if (grantType === 'password') return passwordGrant(ctx, req)
  if (grantType === 'refresh_token') return refreshGrant(ctx, req)
  if (grantType === 'pkce') return pkceGrant(ctx, req)
  if (grantType === 'id_token') return idTokenGrant(ctx, req)
  if (grantType === 'web3') return web3Grant()
  throw new OAuthError(400, 'unsupported_grant_type', `unsupported_grant_type: ${grantType ?? ''}`)
}

/** Checks in GoTrue's order: unknown user, banned, wrong password, unconfirmed. */
async function passwordGrant(ctx: AuthContext, req: AuthRequest): Promise<Reply> {
  const body = parseBody(PasswordGrantSchema, req.body)
  if (!body.email) {
    if (body.phone) throw new AuthError(422, 'phone_provider_disabled', 'Phone logins are disabled')
    throw badRequest('An email address or phone number is required')
  }
  const password = body.password ?? ''
  const user = await findUserByEmail(ctx.pool, body.email.trim())
  if (!user || !user.encrypted_password) throw invalidCredentials()
  if (isBanned(user)) throw userBanned()
  if (!(await passwordMatches(password, user.encrypted_password))) throw invalidCredentials()
  if (!user.email_confirmed_at) throw new AuthError(400, 'email_not_confirmed', 'Email not confirmed')

  const session = await issueSession(ctx, user.id, 'password', req)
  // The password still works but no longer meets the policy: auth-js surfaces this.
  const weakness = findPasswordWeakness(ctx.config, password)
  return json(weakness ? { ...session, weak_password: weakness } : session)
}

async function refreshGrant(ctx: AuthContext, req: AuthRequest): Promise<Reply> {
  const body = parseBody(RefreshGrantSchema, req.body)
  if (!body.refresh_token) throw new OAuthError(400, 'invalid_request', 'refresh_token required')
  return json(await refreshSession(ctx, body.refresh_token))
}

async function pkceGrant(ctx: AuthContext, req: AuthRequest): Promise<Reply> {
  const body = parseBody(PkceGrantSchema, req.body)
  if (!body.auth_code || !body.code_verifier) {
    throw badRequest('invalid request: both auth code and code verifier should be non-empty')
  }
  const flow = await consumeFlowState(ctx.pool, body.auth_code, body.code_verifier)
  return json(await issueSession(ctx, flow.userId, flow.authenticationMethod as AmrMethod, req))
}
