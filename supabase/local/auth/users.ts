/** auth.users queries, including GoTrue's insert sequence that app triggers observe (§4.8). */
import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { NIL_INSTANCE_ID, type Queryable } from './context.ts'
import { databaseError } from './errors.ts'
import { normalizeUserRow, type UserRow } from './user-json.ts'

const SELECT_USER = `
  select u.*, coalesce(
    (select jsonb_agg(to_jsonb(i) order by i.created_at) from auth.identities i where i.user_id = u.id),
    '[]'::jsonb) as identities
  from auth.users u`

export async function findUserById(db: Queryable, id: string): Promise<UserRow | null> {
  const { rows } = await db.query(`${SELECT_USER} where u.id = $1`, [id])
  return rows[0] ? normalizeUserRow(rows[0]) : null
}

/** GoTrue's lookup: nil instance, `authenticated` audience, case-insensitive address. */
export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | null> {
  const { rows } = await db.query(
    `${SELECT_USER} where u.instance_id = $1 and u.aud = 'authenticated' and lower(u.email) = lower($2)
       and u.is_sso_user = false`,
    [NIL_INSTANCE_ID, email],
  )
  return rows[0] ? normalizeUserRow(rows[0]) : null
}

/** Finds the user holding an e-mail token hash in any of the token columns. */
export async function findUserByTokenHash(db: Queryable, tokenHash: string): Promise<UserRow | null> {
  const { rows } = await db.query(
    `${SELECT_USER} where u.confirmation_token = $1 or u.recovery_token = $1
       or u.email_change_token_new = $1 or u.email_change_token_current = $1 limit 1`,
    [tokenHash],
  )
  return rows[0] ? normalizeUserRow(rows[0]) : null
}

export interface NewUser {
  id?: string
  email: string | null
  passwordHash: string
  appMetadata: Record<string, unknown>
  userMetadata: Record<string, unknown>
  role: string
  confirmEmail: boolean
  isAnonymous?: boolean
  invited?: boolean
  bannedUntil?: Date | null
}

/**
 * Creates a user the way GoTrue does, so after-insert triggers on auth.users see the same
 * row as on hosted (role '' and unconfirmed): insert → set role → identity → confirm.
 * Any database error (e.g. a failing app trigger) becomes 500 "Database error saving new user".
 */
export async function insertUser(client: pg.PoolClient, user: NewUser): Promise<string> {
  const id = user.id ?? randomUUID()
  try {
    await client.query(
      `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, raw_app_meta_data,
         raw_user_meta_data, is_super_admin, created_at, updated_at, is_sso_user, is_anonymous, invited_at,
         banned_until, confirmation_token, recovery_token, email_change_token_new, email_change,
         email_change_token_current, phone_change, phone_change_token, reauthentication_token)
       values ($1, $2, 'authenticated', '', $3, $4, $5, $6, false, now(), now(), false, $7,
         case when $8::boolean then now() end, $9, '', '', '', '', '', '', '', '')`,
      [
        NIL_INSTANCE_ID,
        id,
        user.email,
        user.passwordHash,
        user.appMetadata,
        user.userMetadata,
        user.isAnonymous ?? false,
        user.invited ?? false,
        user.bannedUntil ?? null,
      ],
    )
    await client.query('update auth.users set role = $2, updated_at = now() where id = $1', [id, user.role])
    if (user.email) {
      await client.query(
        `insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
         values ($1::text, $1::uuid, $2, 'email', now(), now(), now())`,
        [id, { sub: id, email: user.email, email_verified: false, phone_verified: false }],
      )
    }
    if (user.confirmEmail) await markEmailConfirmed(client, id)
  } catch (error) {
    throw databaseError('saving new user', error)
  }
  return id
}

/** Confirms the address and records `email_verified` in the user's and identity's data. */
export async function markEmailConfirmed(db: Queryable, userId: string): Promise<void> {
  await db.query(
    `update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()), updated_at = now(),
       raw_user_meta_data = coalesce(raw_user_meta_data, '{}'::jsonb) || '{"email_verified": true}'::jsonb
     where id = $1`,
    [userId],
  )
  await db.query(
    `update auth.identities set identity_data = identity_data || '{"email_verified": true}'::jsonb, updated_at = now()
     where user_id = $1 and provider = 'email'`,
    [userId],
  )
}

/** Lets a caller's SQL update of named columns stay one short line. */
export async function updateUserColumns(db: Queryable, userId: string, columns: Record<string, unknown>): Promise<void> {
  const names = Object.keys(columns)
  if (names.length === 0) return
  const assignments = names.map((name, i) => `${name} = $${i + 2}`).join(', ')
  await db.query(`update auth.users set ${assignments}, updated_at = now() where id = $1`, [userId, ...names.map((name) => columns[name])])
}

export const EMAIL_PROVIDER_METADATA = { provider: 'email', providers: ['email'] }
