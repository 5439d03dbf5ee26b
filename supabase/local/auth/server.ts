/**
 * Our GoTrue-compatible Auth server (spec §4). It sees paths without the `/auth/v1`
 * prefix, which the gateway strips, and talks to Postgres as `supabase_auth_admin`.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import pg from 'pg'
import type { AuthConfig } from '../config.ts'
import type { TokenSigner } from '../keys.ts'
import type { Logger, Mailer } from '../types.ts'
import type { AuthContext } from './context.ts'
import { AuthError } from './errors.ts'
import { errorReply, json, readRequest, writeReply, type AuthRequest, type Reply } from './http.ts'
import { createRateLimiter } from './rate-limit.ts'
import { reauthenticate } from './reauthentication.ts'
import { requireAdmin } from './request-auth.ts'
import { generateLink, invite } from './routes/admin-links.ts'
import { createUser, deleteUser, getUserById, listUsers, updateUserById } from './routes/admin-users.ts'
import { otp, recover, resend } from './routes/otp.ts'
import { signup } from './routes/signup.ts'
import { switchedOffRoute } from './routes/switched-off.ts'
import { token } from './routes/token.ts'
import { getUser, logout, updateUser } from './routes/user.ts'
import { verifyGet, verifyPost } from './routes/verify.ts'

export interface AuthServerOptions {
  auth: AuthConfig
  /** Where clients reach the gateway, e.g. http://127.0.0.1:54321. */
  apiExternalUrl: string
  /** postgresql://supabase_auth_admin:postgres@127.0.0.1:<db>/postgres */
  dbUrl: string
  signer: TokenSigner
  mailer: Mailer
  log: Logger
  /** 0 picks a free port. */
  port: number
}

export const GOTRUE_VERSION = 'v2.189.0'

type Handler = (ctx: AuthContext, req: AuthRequest) => Promise<Reply>

const admin =
  (handler: Handler): Handler =>
  async (ctx, req) => {
    await requireAdmin(ctx, req)
    return handler(ctx, req)
  }

const ROUTES: Record<string, Partial<Record<string, Handler>>> = {
  '/health': {
    GET: async () => json({ version: GOTRUE_VERSION, name: 'GoTrue', description: 'GoTrue is a user registration and authentication API' }),
  },
  '/settings': { GET: async (ctx) => json(settings(ctx.config)) },
  '/.well-known/jwks.json': {
    GET: async (ctx) => json(ctx.signer.publicJwks, 200, { 'Cache-Control': 'public, max-age=600' }),
  },
  '/signup': { POST: signup },
  '/token': { POST: token },
  '/otp': { POST: otp },
  '/magiclink': { POST: otp },
  '/verify': { GET: verifyGet, POST: verifyPost },
  '/recover': { POST: recover },
  '/resend': { POST: resend },
  '/reauthenticate': { GET: reauthenticate },
  '/user': { GET: getUser, PUT: updateUser },
  '/logout': { POST: logout },
  '/invite': { POST: admin(invite) },
  '/admin/users': { GET: admin(listUsers), POST: admin(createUser) },
  '/admin/generate_link': { POST: admin(generateLink) },
}

const ADMIN_USER_PATH = /^\/admin\/users\/([^/]+)$/

function route(req: AuthRequest): Handler | null {
  const byMethod = ROUTES[req.path]
  if (byMethod) return byMethod[req.method] ?? null
  const switchedOff = switchedOffRoute(req)
  if (switchedOff) return switchedOff
  const match = ADMIN_USER_PATH.exec(req.path)
  if (!match) return null
  const id = decodeURIComponent(match[1])
  const handlers: Record<string, Handler> = {
    GET: (ctx) => getUserById(ctx, id),
    PUT: (ctx, r) => updateUserById(ctx, r, id),
    DELETE: (ctx, r) => deleteUser(ctx, r, id),
  }
  return handlers[req.method] ? admin(handlers[req.method]) : null
}

function settings(config: AuthConfig) {
  return {
    external: { anonymous_users: config.enableAnonymousSignIns, email: config.email.enableSignup, phone: false },
    disable_signup: !config.enableSignup,
    mailer_autoconfirm: !config.email.enableConfirmations,
    phone_autoconfirm: false,
    sms_provider: '',
    saml_enabled: false,
  }
}

export async function startAuthServer(o: AuthServerOptions): Promise<{ url: string; port: number; stop(): Promise<void> }> {
  const pool = new pg.Pool({ connectionString: o.dbUrl, max: 10 })
  pool.on('error', (error) => o.log(`db pool error: ${error.message}`))
  const ctx: AuthContext = {
    config: o.auth,
    externalAuthUrl: `${o.apiExternalUrl.replace(/\/+$/, '')}/auth/v1`,
    pool,
    signer: o.signer,
    mailer: o.mailer,
    log: o.log,
    limiter: createRateLimiter(o.auth),
  }

  const server = createServer(async (req, res) => {
    const started = performance.now()
    let reply: Reply
    let path = req.url ?? '/'
    try {
      const request = await readRequest(req, new URL(req.url ?? '/', 'http://auth.local'))
      path = request.path
      const handler = route(request)
      if (!handler) throw new AuthError(404, 'not_found', 'Not Found')
      reply = await handler(ctx, request)
    } catch (error) {
      if (!(error instanceof AuthError) || error.status >= 500) {
        const cause = error instanceof Error && error.cause instanceof Error ? ` (cause: ${error.cause.message})` : ''
        o.log(`error on ${req.method} ${path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}${cause}`)
      }
      reply = errorReply(error)
    }
    writeReply(res, reply)
    o.log(`${req.method} ${path} ${reply.status} ${Math.round(performance.now() - started)}ms`)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(o.port, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await pool.end()
    },
  }
}
