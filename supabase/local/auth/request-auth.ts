/**
 * Who is calling. Auth ignores `apikey` and reads only `Authorization` (§4.1): user
 * endpoints need a live session's access token, admin endpoints a service_role token.
 */
import type { JWTPayload } from 'jose'
import type { AuthContext } from './context.ts'
import { AuthError, notAdmin, userBanned } from './errors.ts'
import type { AuthRequest } from './http.ts'
import { findUserById } from './users.ts'
import { isBanned, type UserRow } from './user-json.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value)

function bearerToken(req: AuthRequest): string {
  const header = String(req.headers.authorization ?? '')
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  if (!match) throw new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token')
  return match[1]
}

async function verifiedClaims(ctx: AuthContext, req: AuthRequest): Promise<JWTPayload> {
  const token = bearerToken(req)
  try {
    return await ctx.signer.verify(token)
  } catch (error) {
    const reason = error instanceof Error && /exp/.test(error.message) ? 'token is expired' : 'signature is invalid'
    throw new AuthError(403, 'bad_jwt', `invalid JWT: unable to parse or verify signature, ${reason}`)
  }
}

export interface CurrentUser {
  user: UserRow
  sessionId: string
  claims: JWTPayload
}

/** The signed-in user; 403 `session_not_found` makes auth-js drop its stored session. */
export async function requireUser(ctx: AuthContext, req: AuthRequest): Promise<CurrentUser> {
  const claims = await verifiedClaims(ctx, req)
  if (!claims.sub) throw new AuthError(403, 'bad_jwt', 'invalid claim: missing sub claim')
  if (!isUuid(claims.sub)) throw new AuthError(403, 'bad_jwt', 'invalid claim: sub claim must be a UUID')
  const user = await findUserById(ctx.pool, claims.sub)
  if (!user) throw new AuthError(403, 'user_not_found', 'User from sub claim in JWT does not exist')
  const sessionId = claims.session_id
  const { rows } = isUuid(sessionId)
    ? await ctx.pool.query('select 1 from auth.sessions where id = $1 and user_id = $2', [sessionId, user.id])
    : { rows: [] }
  if (rows.length === 0) {
    throw new AuthError(403, 'session_not_found', 'Session from session_id claim in JWT does not exist')
  }
  if (isBanned(user)) throw userBanned(403)
  return { user, sessionId: sessionId as string, claims }
}

export async function requireAdmin(ctx: AuthContext, req: AuthRequest): Promise<void> {
  const claims = await verifiedClaims(ctx, req)
  if (claims.role !== 'service_role' && claims.role !== 'supabase_admin') throw notAdmin()
}
