/**
 * PKCE flow state (§4.5): a request carrying `code_challenge` leaves a row; following the
 * mailed `pkce_` link stamps its `auth_code`; `grant_type=pkce` trades code + verifier for
 * a session exactly once.
 */
import { createHash, randomUUID } from 'node:crypto'
import type { Queryable } from './context.ts'
import { AuthError, badRequest } from './errors.ts'

/** How long a code stays exchangeable, counted from when it was issued. */
const FLOW_STATE_TTL_SECONDS = 300

export type FlowMethod = 'magiclink' | 'email/signup' | 'recovery' | 'invite' | 'email_change'

export interface PkceParams {
  code_challenge?: string | null
  code_challenge_method?: string | null
}

export function wantsPkce(params: PkceParams): boolean {
  return Boolean(params.code_challenge)
}

export async function createFlowState(
  db: Queryable,
  options: { userId: string; params: PkceParams; authenticationMethod: FlowMethod },
): Promise<void> {
  const method = (options.params.code_challenge_method ?? 's256').toLowerCase()
  if (method !== 's256' && method !== 'plain') throw badRequest('code_challenge_method must be "s256" or "plain"')
  await db.query(
    `insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge, provider_type,
       authentication_method, created_at, updated_at)
     values ($1, $2, $3, $4, $5, 'email', $6, now(), now())`,
    [randomUUID(), options.userId, randomUUID(), method, options.params.code_challenge, options.authenticationMethod],
  )
}

/** After a `pkce_` link was followed: stamps the newest matching flow and returns its code. */
export async function issueAuthCode(db: Queryable, userId: string, method: FlowMethod): Promise<string | null> {
  const { rows } = await db.query(
    `update auth.flow_state set auth_code_issued_at = now(), updated_at = now()
     where id = (select id from auth.flow_state where user_id = $1 and authentication_method = $2
                 order by created_at desc limit 1)
     returning auth_code`,
    [userId, method],
  )
  return rows[0]?.auth_code ?? null
}

export interface ConsumedFlow {
  userId: string
  authenticationMethod: string
}

/** Checks code and verifier, then deletes the row so a code works only once. */
export async function consumeFlowState(db: Queryable, authCode: string, verifier: string): Promise<ConsumedFlow> {
  const { rows } = await db.query(
    `select *, extract(epoch from now() - coalesce(auth_code_issued_at, created_at)) as age_seconds
     from auth.flow_state where auth_code = $1 for update`,
    [authCode],
  )
  const flow = rows[0]
  if (!flow) throw new AuthError(404, 'flow_state_not_found', 'invalid flow state, no valid flow state found')
  if (Number(flow.age_seconds) > FLOW_STATE_TTL_SECONDS) {
    await db.query('delete from auth.flow_state where id = $1', [flow.id])
    throw new AuthError(422, 'flow_state_expired', 'invalid flow state, flow state has expired')
  }
  const expected = flow.code_challenge_method === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url')
  if (expected !== flow.code_challenge) {
    throw new AuthError(400, 'bad_code_verifier', 'code challenge does not match previously saved code verifier')
  }
  await db.query('delete from auth.flow_state where id = $1', [flow.id])
  return { userId: flow.user_id, authenticationMethod: flow.authentication_method }
}
