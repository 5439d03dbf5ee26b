/**
 * Refresh-token rotation (§4.6). Everything runs in one transaction that locks the session
 * row, so two concurrent refreshes of one session cannot both rotate.
 */
import { withTransaction, type AuthContext } from './context.ts'
import { AuthError, userBanned } from './errors.ts'
import { buildSessionJson, insertRefreshToken, type SessionJson } from './sessions.ts'
import { findUserById } from './users.ts'
import { isBanned } from './user-json.ts'

type Outcome = { session: { userId: string; sessionId: string; refreshToken: string } } | { error: AuthError }

export async function refreshSession(ctx: AuthContext, token: string): Promise<SessionJson> {
  // Errors are returned rather than thrown so that a family revocation still commits.
  const outcome = await withTransaction(ctx.pool, async (db): Promise<Outcome> => {
    const { rows: tokens } = await db.query(
      `select *, extract(epoch from now() - updated_at) as idle_seconds
       from auth.refresh_tokens where token = $1`,
      [token],
    )
    const current = tokens[0]
    if (!current) {
      return { error: new AuthError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found') }
    }
    const { rows: sessions } = await db.query('select * from auth.sessions where id = $1 for update', [current.session_id])
    const session = sessions[0]
    if (!session) {
      await db.query('delete from auth.refresh_tokens where id = $1', [current.id])
      return { error: new AuthError(400, 'session_not_found', 'Invalid Refresh Token: Session Not Found') }
    }
    if (session.not_after && new Date(session.not_after).getTime() < Date.now()) {
      return { error: new AuthError(400, 'session_expired', 'Invalid Refresh Token: Session Expired') }
    }
    const user = await findUserById(db, session.user_id)
    if (!user) return { error: new AuthError(400, 'refresh_token_not_found', 'Invalid Refresh Token: User Not Found') }
    if (isBanned(user)) return { error: userBanned() }

    const issued = { userId: user.id, sessionId: session.id }
    const rotate = async (parent: string) => {
      await db.query(`update auth.sessions set refreshed_at = timezone('utc', now()), updated_at = now() where id = $1`, [session.id])
      return { session: { ...issued, refreshToken: await insertRefreshToken(db, user.id, session.id, parent) } }
    }

    if (!ctx.config.refreshTokenRotation) return { session: { ...issued, refreshToken: current.token } }
    if (!current.revoked) {
      // Revoking keeps updated_at as the start of the reuse window for this token.
      await db.query('update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1', [current.id])
      return rotate(current.token)
    }

    const { rows: active } = await db.query(
      `select * from auth.refresh_tokens where session_id = $1 and revoked = false order by id desc limit 1`,
      [session.id],
    )
    // (a) A client that lost the response to its last refresh gets the same answer again.
    if (active[0] && active[0].parent === current.token) return { session: { ...issued, refreshToken: active[0].token } }
    // (b) Concurrent refreshes (several tabs) within the reuse interval each get a child.
    if (active[0] && Number(current.idle_seconds) < ctx.config.refreshTokenReuseInterval) return rotate(current.token)
    // (c) Anything else looks like a stolen token: the whole family dies.
    await db.query('update auth.refresh_tokens set revoked = true where session_id = $1 and revoked = false', [session.id])
    return { error: new AuthError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used') }
  })
  if ('error' in outcome) throw outcome.error
  const { userId, sessionId, refreshToken } = outcome.session
  return buildSessionJson(ctx, userId, sessionId, refreshToken)
}
