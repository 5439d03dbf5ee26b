/** Sessions, access tokens and their claims (§4.3), in GoTrue's write order (§4.8 step 5). */
import { randomBytes, randomUUID } from 'node:crypto'
import { NIL_INSTANCE_ID, withTransaction, type AuthContext, type Queryable } from './context.ts'
import { findUserById } from './users.ts'
import { serializeUser, type UserRow } from './user-json.ts'

export type AmrMethod = 'password' | 'otp' | 'anonymous' | 'magiclink' | 'email/signup' | 'recovery' | 'invite' | 'email_change'

export interface SessionJson {
  access_token: string
  token_type: 'bearer'
  expires_in: number
  expires_at: number
  refresh_token: string
  user: ReturnType<typeof serializeUser>
  weak_password?: { reasons: string[]; message: string }
}

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

/** Refresh tokens are 12 random alphanumerics, as GoTrue's are. */
export function generateRefreshToken(): string {
  return [...randomBytes(12)].map((byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('')
}

export async function insertRefreshToken(db: Queryable, userId: string, sessionId: string, parent: string | null) {
  const token = generateRefreshToken()
  await db.query(
    `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
     values ($1, $2, $3, false, now(), now(), $4, $5)`,
    [NIL_INSTANCE_ID, token, userId, parent, sessionId],
  )
  return token
}

/** Creates the session rows, stamps `last_sign_in_at`, and returns the Session JSON. */
export async function issueSession(
  ctx: AuthContext,
  userId: string,
  method: AmrMethod,
  client: { ip: string; userAgent: string },
): Promise<SessionJson> {
  const sessionId = randomUUID()
  const refreshToken = await withTransaction(ctx.pool, async (db) => {
    await db.query(
      `insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
       values ($1, $2, now(), now(), 'aal1', $3, $4)`,
      [sessionId, userId, client.userAgent || null, toInet(client.ip)],
    )
    await db.query(
      `insert into auth.mfa_amr_claims (id, session_id, created_at, updated_at, authentication_method)
       values ($1, $2, now(), now(), $3)`,
      [randomUUID(), sessionId, method],
    )
    const token = await insertRefreshToken(db, userId, sessionId, null)
    await db.query('update auth.users set last_sign_in_at = now(), updated_at = now() where id = $1', [userId])
    await db.query(`update auth.identities set last_sign_in_at = now() where user_id = $1 and provider = 'email'`, [userId])
    return token
  })
  return buildSessionJson(ctx, userId, sessionId, refreshToken)
}

/** Signs a fresh access token for an existing session (sign-in and every refresh). */
export async function buildSessionJson(ctx: AuthContext, userId: string, sessionId: string, refreshToken: string): Promise<SessionJson> {
  const user = await findUserById(ctx.pool, userId)
  if (!user) throw new Error(`user ${userId} vanished while issuing a session`)
  const { rows: amr } = await ctx.pool.query(
    `select authentication_method as method, extract(epoch from created_at)::bigint as timestamp
     from auth.mfa_amr_claims where session_id = $1 order by created_at desc`,
    [sessionId],
  )
  const iat = Math.floor(Date.now() / 1000)
  const claims = accessTokenClaims(
    ctx,
    user,
    sessionId,
    iat,
    amr.map((r) => ({ method: r.method, timestamp: Number(r.timestamp) })),
  )
  return {
    access_token: await ctx.signer.sign(claims),
    token_type: 'bearer',
    expires_in: ctx.config.jwtExpiry,
    expires_at: iat + ctx.config.jwtExpiry,
    refresh_token: refreshToken,
    user: serializeUser(user),
  }
}

export function accessTokenClaims(
  ctx: AuthContext,
  user: UserRow,
  sessionId: string,
  iat: number,
  amr: { method: string; timestamp: number }[],
): Record<string, unknown> {
  if (!user.role) ctx.log(`warning: user ${user.id} has an empty role; issuing "authenticated"`)
  return {
    iss: ctx.externalAuthUrl,
    sub: user.id,
    aud: user.aud || 'authenticated',
    exp: iat + ctx.config.jwtExpiry,
    iat,
    email: user.email ?? '',
    phone: user.phone ?? '',
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    role: user.role || 'authenticated',
    aal: 'aal1',
    amr,
    session_id: sessionId,
    is_anonymous: user.is_anonymous,
  }
}

/** sessions.ip is inet; anything unparsable (or a unix socket) is stored as NULL. */
function toInet(ip: string): string | null {
  const plain = ip.replace(/^::ffff:/, '')
  return /^[0-9.]+$/.test(plain) || /^[0-9a-f:]+$/i.test(plain) ? plain : null
}
