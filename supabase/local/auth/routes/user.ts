/** GET /user, PUT /user and POST /logout: endpoints for the signed-in user. */
import { z } from 'zod'
import { withTransaction, type AuthContext } from '../context.ts'
import { sendEmailChangeMails } from '../email-change.ts'
import { enforceMailFrequency } from '../email-tokens.ts'
import { AuthError, badRequest, emailExists, notAdmin } from '../errors.ts'
import { json, parseBody, type AuthRequest, type Reply } from '../http.ts'
import { hashPassword, passwordMatches, requireAcceptablePassword } from '../passwords.ts'
import { consumeReauthenticationNonce, passwordChangeNeedsNonce } from '../reauthentication.ts'
import { resolveRedirect } from '../redirects.ts'
import { requireUser } from '../request-auth.ts'
import { clearAllTokens } from '../tokens.ts'
import { findUserByEmail, findUserById, updateUserColumns } from '../users.ts'
import { mergeMetadata, serializeUser } from '../user-json.ts'
import { MetadataSchema, PkceFields, requireEmail } from '../validation.ts'

const UpdateUserSchema = z.object({
  email: z.string().nullish(),
  password: z.string().nullish(),
  data: MetadataSchema.nullish(),
  nonce: z.string().nullish(),
  phone: z.string().nullish(),
  app_metadata: z.unknown().optional(),
  ...PkceFields,
})

export async function getUser(ctx: AuthContext, req: AuthRequest): Promise<Reply> {
  const { user } = await requireUser(ctx, req)
  return json(serializeUser(user))
}

export async function updateUser(ctx: AuthContext, req: AuthRequest): Promise<Reply> {
  const { user, sessionId } = await requireUser(ctx, req)
  ctx.limiter.hit('signInSignUps', req.ip)
  const body = parseBody(UpdateUserSchema, req.body)
  // Users must never grant themselves roles or flags: app_metadata is admin-only.
  if (body.app_metadata != null) throw notAdmin()
  if (body.phone) throw new AuthError(422, 'phone_provider_disabled', 'Unsupported phone provider')

  let passwordHash: string | undefined
  if (body.password != null) {
    requireAcceptablePassword(ctx.config, body.password)
    // As GoTrue: the nonce is checked (and consumed) before the same-password check.
    if (await passwordChangeNeedsNonce(ctx, sessionId)) await consumeReauthenticationNonce(ctx, ctx.pool, user, body.nonce)
    if (await passwordMatches(body.password, user.encrypted_password)) {
      throw new AuthError(422, 'same_password', 'New password should be different from the old password.')
    }
    passwordHash = await hashPassword(body.password)
  }

  const newEmail = body.email != null ? requireEmail(body.email) : undefined
  const emailChanges = newEmail !== undefined && newEmail !== user.email
  if (emailChanges) {
    const taken = await findUserByEmail(ctx.pool, newEmail)
    if (taken && taken.id !== user.id) throw emailExists()
  }

  await withTransaction(ctx.pool, async (db) => {
    if (body.data) {
      await updateUserColumns(db, user.id, { raw_user_meta_data: mergeMetadata(user.raw_user_meta_data, body.data) })
    }
    if (passwordHash) {
      await updateUserColumns(db, user.id, { encrypted_password: passwordHash })
      await clearAllTokens(db, user.id)
      // A new password signs out every other device.
      await db.query('delete from auth.sessions where user_id = $1 and id <> $2', [user.id, sessionId])
    }
    if (emailChanges && newEmail) {
      if (user.is_anonymous) {
        await updateUserColumns(db, user.id, { email: newEmail, is_anonymous: false })
        return
      }
      enforceMailFrequency(ctx, user.email_change_sent_at)
      const redirectTo = resolveRedirect(ctx.config, req.query.get('redirect_to'))
      const fresh = (await findUserById(db, user.id))!
      await sendEmailChangeMails(ctx, db, { user: fresh, newEmail, redirectTo, pkce: body })
    }
  })
  return json(serializeUser((await findUserById(ctx.pool, user.id))!))
}

const SCOPES = ['global', 'local', 'others'] as const

/** 204 with no body. auth-js ignores 401/403/404 here and clears its local state anyway. */
export async function logout(ctx: AuthContext, req: AuthRequest): Promise<Reply> {
  const scope = req.query.get('scope') ?? 'global'
  if (!(SCOPES as readonly string[]).includes(scope)) {
    throw badRequest(`Unsupported logout scope "${scope}": use global, local or others`)
  }
  const { user, sessionId } = await requireUser(ctx, req)
  if (scope === 'global') await ctx.pool.query('delete from auth.sessions where user_id = $1', [user.id])
  if (scope === 'local') await ctx.pool.query('delete from auth.sessions where id = $1', [sessionId])
  if (scope === 'others') {
    await ctx.pool.query('delete from auth.sessions where user_id = $1 and id <> $2', [user.id, sessionId])
  }
  return { status: 204 }
}
