/** POST /signup: e-mail sign-up and anonymous sign-in (§4.4, write order §4.8). */
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { withTransaction, type AuthContext } from '../context.ts'
import { sendEmailToken } from '../email-tokens.ts'
import { AuthError, badRequest } from '../errors.ts'
import { json, parseBody, type AuthRequest, type Reply } from '../http.ts'
import { hashPassword, requireAcceptablePassword } from '../passwords.ts'
import { resolveRedirect } from '../redirects.ts'
import { issueSession } from '../sessions.ts'
import { EMAIL_PROVIDER_METADATA, findUserByEmail, findUserById, insertUser } from '../users.ts'
import { serializeUser } from '../user-json.ts'
import { MetadataSchema, PkceFields, requireEmail } from '../validation.ts'

const SignupSchema = z.object({
  email: z.string().nullish(),
  phone: z.string().nullish(),
  password: z.string().nullish(),
  data: MetadataSchema.nullish(),
  ...PkceFields,
})

export const signupDisabled = () => new AuthError(422, 'signup_disabled', 'Signups not allowed for this instance')

export async function signup(ctx: AuthContext, req: AuthRequest): Promise<Reply> {
  ctx.limiter.hit('signInSignUps', req.ip)
  const body = parseBody(SignupSchema, req.body)
  if (!body.email && !body.phone) return anonymousSignIn(ctx, req, body.data ?? {})
  if (!body.email) return phoneSignup(ctx, body)
  if (!ctx.config.enableSignup || !ctx.config.email.enableSignup) throw signupDisabled()

  const email = requireEmail(body.email)
  if (!body.password) throw badRequest('Signup requires a valid password')
  requireAcceptablePassword(ctx.config, body.password)
  const redirectTo = resolveRedirect(ctx.config, req.query.get('redirect_to'))
  const autoconfirm = !ctx.config.email.enableConfirmations

  const existing = await findUserByEmail(ctx.pool, email)
  if (existing) {
    if (autoconfirm) throw new AuthError(422, 'user_already_exists', 'User already registered')
    return json(obfuscatedUser(email))
  }

  const passwordHash = await hashPassword(body.password)
  const userId = await withTransaction(ctx.pool, async (db) => {
    const id = await insertUser(db, {
      email,
      passwordHash,
      appMetadata: EMAIL_PROVIDER_METADATA,
      userMetadata: body.data ?? {},
      role: 'authenticated',
      confirmEmail: autoconfirm,
    })
    if (!autoconfirm) {
      const user = (await findUserById(db, id))!
      await sendEmailToken(ctx, db, { user, kind: 'signup', redirectTo, pkce: body })
    }
    return id
  })
  if (autoconfirm) return json(await issueSession(ctx, userId, 'password', req))
  return json(serializeUser((await findUserById(ctx.pool, userId))!))
}

/**
 * With confirmations on, a repeated sign-up must not reveal that the address is taken:
 * GoTrue answers with a plausible but fake user whose `identities` is empty.
 */
function obfuscatedUser(email: string) {
  const now = new Date().toISOString()
  return {
    id: randomUUID(),
    aud: 'authenticated',
    role: 'authenticated',
    email,
    phone: '',
    confirmation_sent_at: now,
    app_metadata: EMAIL_PROVIDER_METADATA,
    user_metadata: {},
    identities: [],
    created_at: now,
    updated_at: now,
    is_anonymous: false,
  }
}

async function anonymousSignIn(ctx: AuthContext, req: AuthRequest, data: Record<string, unknown>): Promise<Reply> {
  if (!ctx.config.enableAnonymousSignIns) {
    throw new AuthError(422, 'anonymous_provider_disabled', 'Anonymous sign-ins are disabled')
  }
  ctx.limiter.hit('anonymousUsers', req.ip)
  const userId = await withTransaction(ctx.pool, (db) =>
    insertUser(db, {
      email: null,
      passwordHash: '',
      appMetadata: {},
      userMetadata: data,
      role: 'authenticated',
      confirmEmail: false,
      isAnonymous: true,
    }),
  )
  return json(await issueSession(ctx, userId, 'anonymous', req))
}

/** Phone sign-up on a project without phone sign-in: GoTrue's checks, then its provider error. */
function phoneSignup(ctx: AuthContext, body: z.infer<typeof SignupSchema>): never {
  if (!ctx.config.enableSignup) throw signupDisabled()
  if (!body.password) throw badRequest('Signup requires a valid password')
  requireAcceptablePassword(ctx.config, body.password)
  if (body.code_challenge) throw badRequest('PKCE not supported for phone signups')
  throw new AuthError(400, 'phone_provider_disabled', 'Phone signups are disabled')
}
