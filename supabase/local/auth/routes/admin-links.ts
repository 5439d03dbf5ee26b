/** POST /admin/generate_link (no mail sent) and POST /invite (mails an invite). */
import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { withTransaction, type AuthContext, type Queryable } from '../context.ts'
import { TOKEN_COLUMN, sendEmailToken, type EmailTokenKind } from '../email-tokens.ts'
import { badRequest, emailExists, userNotFound } from '../errors.ts'
import { json, parseBody, type AuthRequest, type Reply } from '../http.ts'
import { verifyLink } from '../mail.ts'
import { hashPassword, requireAcceptablePassword } from '../passwords.ts'
import { resolveRedirect } from '../redirects.ts'
import { issueEmailToken, type IssuedToken } from '../tokens.ts'
import { EMAIL_PROVIDER_METADATA, findUserByEmail, findUserById, insertUser, updateUserColumns } from '../users.ts'
import { serializeUser, type UserRow } from '../user-json.ts'
import { MetadataSchema, requireEmail } from '../validation.ts'

const GenerateLinkSchema = z.object({
  type: z.enum(['signup', 'invite', 'magiclink', 'recovery', 'email_change_current', 'email_change_new']),
  email: z.string(),
  password: z.string().nullish(),
  new_email: z.string().nullish(),
  data: MetadataSchema.nullish(),
  redirect_to: z.string().nullish(),
  redirectTo: z.string().nullish(),
})

const InviteSchema = z.object({ email: z.string(), data: MetadataSchema.nullish() })

const randomPasswordHash = () => hashPassword(randomBytes(32).toString('base64url').slice(0, 60))

async function createUnconfirmedUser(
  db: Parameters<typeof insertUser>[0],
  email: string,
  options: { passwordHash: string; data: Record<string, unknown>; invited?: boolean },
): Promise<UserRow> {
  const id = await insertUser(db, {
    email,
    passwordHash: options.passwordHash,
    appMetadata: EMAIL_PROVIDER_METADATA,
    userMetadata: options.data,
    role: 'authenticated',
    confirmEmail: false,
    invited: options.invited,
  })
  return (await findUserById(db, id))!
}

/** Returns the User flattened together with the link properties, like GoTrue. */
export async function generateLink(ctx: AuthContext, req: AuthRequest): Promise<Reply> {
  const body = parseBody(GenerateLinkSchema, req.body)
  const email = requireEmail(body.email)
  const redirectTo = resolveRedirect(ctx.config, req.query.get('redirect_to') ?? body.redirect_to ?? body.redirectTo)
  const data = body.data ?? {}

  const result = await withTransaction(ctx.pool, async (db) => {
    let user = await findUserByEmail(db, email)
    let kind: EmailTokenKind | 'email_change' =
      body.type === 'email_change_current' || body.type === 'email_change_new' ? 'email_change' : body.type
    if (body.type === 'signup') {
      if (user) throw emailExists()
      if (!body.password) throw badRequest('Signup requires a valid password')
      requireAcceptablePassword(ctx.config, body.password)
      user = await createUnconfirmedUser(db, email, { passwordHash: await hashPassword(body.password), data })
    } else if (body.type === 'invite') {
      if (user?.email_confirmed_at) throw emailExists()
      user ??= await createUnconfirmedUser(db, email, { passwordHash: '', data, invited: true })
      await updateUserColumns(db, user.id, { invited_at: new Date() })
    } else if (body.type === 'magiclink' && !user) {
      // An unknown address gets a sign-up link instead.
      user = await createUnconfirmedUser(db, email, { passwordHash: await randomPasswordHash(), data })
      kind = 'signup'
    } else if (!user) {
      throw userNotFound()
    }
    const issued = await issueLinkToken(ctx, db, user, body.type, kind, body.new_email)
    return { userId: user.id, kind, issued }
  })

  const user = (await findUserById(ctx.pool, result.userId))!
  return json({
    ...serializeUser(user),
    action_link: verifyLink(ctx.externalAuthUrl, result.issued.tokenHash, result.kind, redirectTo),
    email_otp: result.issued.otp,
    hashed_token: result.issued.tokenHash,
    verification_type: result.kind,
    redirect_to: redirectTo,
  })
}

async function issueLinkToken(
  ctx: AuthContext,
  db: Queryable,
  user: UserRow,
  type: z.infer<typeof GenerateLinkSchema>['type'],
  kind: EmailTokenKind | 'email_change',
  rawNewEmail: string | null | undefined,
): Promise<IssuedToken> {
  const otpLength = ctx.config.email.otpLength
  if (kind !== 'email_change') {
    return issueEmailToken(db, { userId: user.id, column: TOKEN_COLUMN[kind], email: user.email ?? '', otpLength, pkce: false })
  }
  const newEmail = requireEmail(rawNewEmail)
  const taken = await findUserByEmail(db, newEmail)
  if (taken && taken.id !== user.id) throw emailExists()
  await updateUserColumns(db, user.id, { email_change: newEmail, email_change_confirm_status: 0 })
  return type === 'email_change_new'
    ? issueEmailToken(db, { userId: user.id, column: 'email_change_token_new', email: newEmail, otpLength, pkce: false })
    : issueEmailToken(db, { userId: user.id, column: 'email_change_token_current', email: user.email ?? '', otpLength, pkce: false })
}

export async function invite(ctx: AuthContext, req: AuthRequest): Promise<Reply> {
  const body = parseBody(InviteSchema, req.body)
  const email = requireEmail(body.email)
  const redirectTo = resolveRedirect(ctx.config, req.query.get('redirect_to'))
  const userId = await withTransaction(ctx.pool, async (db) => {
    let user = await findUserByEmail(db, email)
    if (user?.email_confirmed_at) throw emailExists()
    user ??= await createUnconfirmedUser(db, email, { passwordHash: '', data: body.data ?? {}, invited: true })
    await updateUserColumns(db, user.id, { invited_at: new Date() })
    await sendEmailToken(ctx, db, { user, kind: 'invite', redirectTo, pkce: {} })
    return user.id
  })
  return json(serializeUser((await findUserById(ctx.pool, userId))!))
}
