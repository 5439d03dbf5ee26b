/** /admin/users and /admin/users/{id}: the service_role user API (§4.4). */
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { AdminUserSchema, bannedUntil, passwordHashFrom } from '../admin-attributes.ts'
import { withTransaction, type AuthContext, type Queryable } from '../context.ts'
import { AuthError, badRequest, emailExists, userNotFound } from '../errors.ts'
import { json, parseBody, type AuthRequest, type Reply } from '../http.ts'
import { isUuid } from '../request-auth.ts'
import { EMAIL_PROVIDER_METADATA, findUserByEmail, findUserById, insertUser, markEmailConfirmed, updateUserColumns } from '../users.ts'
import { mergeMetadata, normalizeUserRow, serializeUser } from '../user-json.ts'
import { requireEmail } from '../validation.ts'

const DEFAULT_PER_PAGE = 50

const MAX_UINT64 = 2n ** 64n - 1n
const MAX_BIGINT = 2n ** 63n - 1n

/**
 * GoTrue's `paginate`: each value must parse as an unsigned decimal (strconv.ParseUint),
 * else 400 "Bad Pagination Parameters: …" with Go's own wording. Zero passes the parse:
 * page 0 reads as page 1 (pop clamps it); per_page 0 makes GoTrue divide by zero while
 * writing the Link header, a panic answered with a bare 500.
 */
function paginationParam(query: URLSearchParams, name: string, fallback: bigint): bigint {
  const raw = query.get(name) ?? ''
  if (raw === '') return fallback
  const failure = (reason: string) => badRequest(`Bad Pagination Parameters: strconv.ParseUint: parsing ${JSON.stringify(raw)}: ${reason}`)
  if (!/^[0-9]+$/.test(raw)) throw failure('invalid syntax')
  const value = BigInt(raw)
  if (value > MAX_UINT64) throw failure('value out of range')
  return value
}

export async function listUsers(ctx: AuthContext, req: AuthRequest): Promise<Reply> {
  const pageParam = paginationParam(req.query, 'page', 1n)
  const perPageParam = paginationParam(req.query, 'per_page', BigInt(DEFAULT_PER_PAGE))
  if (perPageParam === 0n) throw new AuthError(500, 'unexpected_failure', 'Internal Server Error')
  const page = pageParam < 1n ? 1n : pageParam
  const perPage = perPageParam > MAX_BIGINT ? MAX_BIGINT : perPageParam
  const offset = (page - 1n) * perPage
  const { rows: countRows } = await ctx.pool.query(`select count(*)::int as total from auth.users where aud = 'authenticated'`)
  const total: number = countRows[0].total
  const { rows } = await ctx.pool.query(
    `select u.*, coalesce((select jsonb_agg(to_jsonb(i) order by i.created_at) from auth.identities i
       where i.user_id = u.id), '[]'::jsonb) as identities
     from auth.users u where aud = 'authenticated' order by created_at desc, id limit $1 offset $2`,
    [String(perPage), String(offset > MAX_BIGINT ? MAX_BIGINT : offset)],
  )
  // auth-js reads the page number right after the first `=`, so `page` must come first.
  const lastPage = (BigInt(total) + perPage - 1n) / perPage
  const link = (p: bigint, rel: string) => `</admin/users?page=${p}&per_page=${perPageParam}>; rel="${rel}"`
  const links = [...(lastPage > pageParam ? [link(pageParam + 1n, 'next')] : []), link(lastPage, 'last')]
  return json({ users: rows.map((r) => serializeUser(normalizeUserRow(r))), aud: 'authenticated' }, 200, {
    'X-Total-Count': String(total),
    Link: links.join(', '),
  })
}

/** Unconfirmed unless `email_confirm: true`, even when sign-ups are auto-confirmed. */
export async function createUser(ctx: AuthContext, req: AuthRequest): Promise<Reply> {
  const body = parseBody(AdminUserSchema, req.body)
  const email = body.email != null ? requireEmail(body.email) : null
  if (!email && !body.phone) throw new AuthError(400, 'validation_failed', 'Unable to validate email address: invalid format')
  if (email && (await findUserByEmail(ctx.pool, email))) throw emailExists()
  if (body.phone) await requirePhoneFree(ctx.pool, body.phone)
  const passwordHash = (await passwordHashFrom(ctx.config, body)) ?? ''

  const userId = await withTransaction(ctx.pool, async (db) => {
    const id = await insertUser(db, {
      id: body.id,
      email,
      passwordHash,
      appMetadata: { ...EMAIL_PROVIDER_METADATA, ...(body.app_metadata ?? {}) },
      userMetadata: body.user_metadata ?? {},
      role: body.role ?? 'authenticated',
      confirmEmail: body.email_confirm === true,
      bannedUntil: body.ban_duration ? bannedUntil(body.ban_duration) : null,
    })
    if (body.phone) {
      await updateUserColumns(db, id, { phone: body.phone, phone_confirmed_at: body.phone_confirm ? new Date() : null })
    }
    return id
  })
  return json(serializeUser((await findUserById(ctx.pool, userId))!))
}

export async function getUserById(ctx: AuthContext, id: string): Promise<Reply> {
  const user = isUuid(id) ? await findUserById(ctx.pool, id) : requireUuid(id)
  if (!user) throw userNotFound()
  return json(serializeUser(user))
}

/** Metadata objects are shallow-merged (null deletes a key); a new password ends every session. */
export async function updateUserById(ctx: AuthContext, req: AuthRequest, id: string): Promise<Reply> {
  const user = isUuid(id) ? await findUserById(ctx.pool, id) : requireUuid(id)
  if (!user) throw userNotFound()
  const body = parseBody(AdminUserSchema.omit({ id: true }), req.body)
  const email = body.email != null ? requireEmail(body.email) : undefined
  if (email && email !== user.email) {
    const taken = await findUserByEmail(ctx.pool, email)
    if (taken && taken.id !== user.id) throw emailExists()
  }
  if (body.phone && body.phone !== user.phone) await requirePhoneFree(ctx.pool, body.phone)
  const passwordHash = await passwordHashFrom(ctx.config, body)

  await withTransaction(ctx.pool, async (db) => {
    const columns: Record<string, unknown> = {}
    if (body.role) columns.role = body.role
    if (body.user_metadata) columns.raw_user_meta_data = mergeMetadata(user.raw_user_meta_data, body.user_metadata)
    if (body.app_metadata) columns.raw_app_meta_data = mergeMetadata(user.raw_app_meta_data, body.app_metadata)
    if (body.ban_duration) columns.banned_until = bannedUntil(body.ban_duration)
    if (body.phone != null) columns.phone = body.phone || null
    if (body.phone_confirm) columns.phone_confirmed_at = new Date()
    if (passwordHash) columns.encrypted_password = passwordHash
    if (email && email !== user.email) columns.email = email
    await updateUserColumns(db, user.id, columns)
    if (email && email !== user.email) {
      await db.query(
        `update auth.identities set identity_data = identity_data || jsonb_build_object('email', $2::text), updated_at = now()
         where user_id = $1 and provider = 'email'`,
        [user.id, email],
      )
    }
    if (body.email_confirm) await markEmailConfirmed(db, user.id)
    if (passwordHash) await db.query('delete from auth.sessions where user_id = $1', [user.id])
  })
  return json(serializeUser((await findUserById(ctx.pool, user.id))!))
}

const DeleteSchema = z.object({ should_soft_delete: z.boolean().default(false) })

/** Hard delete cascades to identities, sessions and app tables; soft delete keeps an anonymised row. */
export async function deleteUser(ctx: AuthContext, req: AuthRequest, id: string): Promise<Reply> {
  const user = isUuid(id) ? await findUserById(ctx.pool, id) : requireUuid(id)
  if (!user) throw userNotFound()
  const { should_soft_delete } = parseBody(DeleteSchema, req.body)
  if (!should_soft_delete) {
    await ctx.pool.query('delete from auth.users where id = $1', [user.id]).catch(() => {
      throw new AuthError(500, 'unexpected_failure', 'Database error deleting user')
    })
    return json({})
  }
  const obfuscate = (value: string) => createHash('sha256').update(`${user.id}:${value}`).digest('hex')
  await withTransaction(ctx.pool, async (db) => {
    await updateUserColumns(db, user.id, {
      deleted_at: new Date(),
      email: user.email ? `${obfuscate(user.email)}@deleted.invalid` : null,
      phone: null,
      encrypted_password: '',
      raw_user_meta_data: {},
    })
    await db.query(
      `update auth.identities set provider_id = encode(sha256(convert_to(id::text || provider_id, 'UTF8')), 'hex'),
         identity_data = jsonb_build_object('sub', user_id) where user_id = $1`,
      [user.id],
    )
    await db.query('delete from auth.sessions where user_id = $1', [user.id])
  })
  return json({})
}

function requireUuid(id: string): never {
  throw new AuthError(404, 'validation_failed', `User ID "${id}" must be a UUID`)
}

async function requirePhoneFree(db: Queryable, phone: string) {
  const { rows } = await db.query('select 1 from auth.users where phone = $1', [phone])
  if (rows.length) throw new AuthError(422, 'phone_exists', 'Phone number already registered by another user')
}
