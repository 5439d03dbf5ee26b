/**
 * Features the local Auth does not implement answer as Supabase Auth does on a project
 * with them switched off (the CLI's defaults: no OAuth providers, no SAML, no manual
 * linking, no OAuth server, no custom providers, no passkeys, MFA enrolment off), so code
 * that handles a switched-off feature behaves the same locally. Each answer, and the checks that run
 * before it, follow GoTrue's router (internal/api/api.go) and its middleware.
 */
import type { AuthContext } from '../context.ts'
import { AuthError } from '../errors.ts'
import { json, type AuthRequest, type Reply } from '../http.ts'
import { isUuid, requireAdmin, requireUser } from '../request-auth.ts'
import { findUserById } from '../users.ts'

type Handler = (ctx: AuthContext, req: AuthRequest, params: string[]) => Promise<Reply>
interface SwitchedOffRoute {
  pattern: RegExp
  methods: Partial<Record<string, Handler>>
}

const samlDisabled = () => new AuthError(404, 'saml_provider_disabled', 'SAML 2.0 is disabled')
const manualLinkingDisabled = () => new AuthError(404, 'manual_linking_disabled', 'Manual linking is disabled')
const oauthServerDisabled = () => new AuthError(404, 'feature_disabled', 'OAuth server is disabled')
const customProvidersDisabled = () => new AuthError(404, 'feature_disabled', 'Custom OAuth providers are disabled')
const passkeysDisabled = () => new AuthError(404, 'passkey_disabled', 'Passkeys are disabled')

const ENROLL_DISABLED: Record<string, AuthError> = {
  totp: new AuthError(422, 'mfa_totp_enroll_not_enabled', 'MFA enroll is disabled for TOTP'),
  phone: new AuthError(422, 'mfa_phone_enroll_not_enabled', 'MFA enroll is disabled for Phone'),
  webauthn: new AuthError(422, 'mfa_webauthn_enroll_not_enabled', 'MFA enroll is disabled for WebAuthn'),
}

const fail =
  (error: () => AuthError): Handler =>
  async () => {
    throw error()
  }

/** Every method GoTrue routes under a feature's prefix answers the same. */
const anyMethod = (handler: Handler) => ({ GET: handler, POST: handler, PUT: handler, PATCH: handler, DELETE: handler })

const signedIn =
  (handler: Handler): Handler =>
  async (ctx, req, params) => {
    await requireUser(ctx, req)
    return handler(ctx, req, params)
  }

const admin =
  (handler: Handler): Handler =>
  async (ctx, req, params) => {
    await requireAdmin(ctx, req)
    return handler(ctx, req, params)
  }

/** /factors needs a signed-in, non-anonymous user before anything else (auth.go). */
const mfaUser =
  (handler: Handler): Handler =>
  async (ctx, req, params) => {
    const { claims } = await requireUser(ctx, req)
    if (claims.is_anonymous === true) {
      throw new AuthError(403, 'no_authorization', 'Anonymous user not allowed to perform these actions')
    }
    return handler(ctx, req, params)
  }

/** No factor can exist locally, so loading one fails as GoTrue's loadFactor does for a missing row. */
const loadFactor: Handler = async (_ctx, _req, params) => {
  const factorId = params[params.length - 1]
  if (!isUuid(factorId)) throw new AuthError(404, 'validation_failed', 'factor_id must be an UUID')
  throw new AuthError(404, 'mfa_factor_not_found', 'Factor not found')
}

const enrollFactor: Handler = async (_ctx, req) => {
  const factorType = (req.body as { factor_type?: unknown } | null)?.factor_type
  const disabled = typeof factorType === 'string' ? ENROLL_DISABLED[factorType] : undefined
  if (disabled) throw disabled
  throw new AuthError(400, 'validation_failed', 'factor_type needs to be totp, phone, or webauthn')
}

/** GoTrue's admin loadUser, for the /admin/users/{id}/… sub-resources. */
const adminUser = (handler: Handler): Handler =>
  admin(async (ctx, req, params) => {
    if (!isUuid(params[0])) throw new AuthError(404, 'validation_failed', 'user_id must be an UUID')
    if (!(await findUserById(ctx.pool, params[0]))) throw new AuthError(404, 'user_not_found', 'User not found')
    return handler(ctx, req, params)
  })

/** Users have no factors and no passkeys locally: the lists are empty, every item missing. */
const noPasskey: Handler = async () => {
  throw new AuthError(404, 'validation_failed', 'Passkey not found')
}

/** The OAuth providers GoTrue knows (external.go `Provider`); none is enabled locally. */
const OAUTH_PROVIDERS = new Set(
  'apple azure bitbucket discord facebook figma fly github gitlab google kakao keycloak linkedin linkedin_oidc notion snapchat spotify slack slack_oidc twitch twitter x vercel_marketplace workos zoom'.split(
    ' ',
  ),
)

/** GET /authorize?provider=…, where signInWithOAuth sends the browser. */
const authorize: Handler = async (_ctx, req) => {
  const name = (req.query.get('provider') ?? '').toLowerCase()
  const reason = name.startsWith('custom:')
    ? 'custom OAuth providers are disabled'
    : OAUTH_PROVIDERS.has(name)
      ? 'provider is not enabled'
      : `Provider ${name} could not be found`
  throw new AuthError(400, 'validation_failed', `Unsupported provider: ${reason}`)
}

const ID = '([^/]+)'

export const SWITCHED_OFF_ROUTES: SwitchedOffRoute[] = [
  { pattern: /^\/authorize$/, methods: { GET: authorize } },
  { pattern: /^\/sso$/, methods: { POST: fail(samlDisabled) } },
  { pattern: /^\/sso\/saml\/metadata$/, methods: { GET: fail(samlDisabled) } },
  { pattern: /^\/sso\/saml\/acs$/, methods: { POST: fail(samlDisabled) } },
  { pattern: /^\/user\/identities\/authorize$/, methods: { GET: signedIn(fail(manualLinkingDisabled)) } },
  { pattern: new RegExp(`^/user/identities/${ID}$`), methods: { DELETE: signedIn(fail(manualLinkingDisabled)) } },
  {
    pattern: /^\/user\/oauth\/grants$/,
    methods: { GET: signedIn(fail(oauthServerDisabled)), DELETE: signedIn(fail(oauthServerDisabled)) },
  },
  { pattern: /^\/factors$/, methods: { POST: mfaUser(enrollFactor) } },
  { pattern: new RegExp(`^/factors/${ID}$`), methods: { DELETE: mfaUser(loadFactor) } },
  { pattern: new RegExp(`^/factors/${ID}/(?:verify|challenge)$`), methods: { POST: mfaUser(loadFactor) } },
  { pattern: /^\/passkeys(?:\/.*)?$/, methods: anyMethod(fail(passkeysDisabled)) },
  { pattern: /^\/oauth\/.+$/, methods: anyMethod(fail(oauthServerDisabled)) },
  { pattern: /^\/admin\/oauth(?:\/.*)?$/, methods: anyMethod(admin(fail(oauthServerDisabled))) },
  { pattern: /^\/admin\/custom-providers(?:\/.*)?$/, methods: anyMethod(admin(fail(customProvidersDisabled))) },
  { pattern: new RegExp(`^/admin/users/${ID}/factors$`), methods: { GET: adminUser(async () => json([])) } },
  {
    pattern: new RegExp(`^/admin/users/${ID}/factors/${ID}$`),
    methods: { PUT: adminUser(loadFactor), DELETE: adminUser(loadFactor) },
  },
  { pattern: new RegExp(`^/admin/users/${ID}/passkeys$`), methods: { GET: adminUser(async () => json([])) } },
  { pattern: new RegExp(`^/admin/users/${ID}/passkeys/${ID}$`), methods: { DELETE: adminUser(noPasskey) } },
]

/** The handler for a switched-off feature's path, with the path's captured ids bound. */
export function switchedOffRoute(req: AuthRequest): ((ctx: AuthContext, req: AuthRequest) => Promise<Reply>) | null {
  for (const { pattern, methods } of SWITCHED_OFF_ROUTES) {
    const match = pattern.exec(req.path)
    if (!match) continue
    const handler = methods[req.method]
    if (!handler) return null
    const params = match.slice(1).map((part) => decodeURIComponent(part))
    return (ctx, r) => handler(ctx, r, params)
  }
  return null
}
