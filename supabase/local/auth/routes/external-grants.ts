/**
 * POST /token?grant_type=id_token and grant_type=web3, answered as Supabase Auth answers on
 * a project with no OIDC provider and no Web3 provider enabled (the local config has
 * none): the same checks in the same order as GoTrue's IdTokenGrant (token_oidc.go) and
 * Web3Grant (web3.go), ending in its "not enabled" error.
 */
import { z } from 'zod'
import type { AuthContext } from '../context.ts'
import { AuthError, OAuthError, badRequest } from '../errors.ts'
import { parseBody, type AuthRequest, type Reply } from '../http.ts'
import { requireUser } from '../request-auth.ts'

const IdTokenGrantSchema = z.object({
  id_token: z.string().nullish(),
  provider: z.string().nullish(),
  client_id: z.string().nullish(),
  issuer: z.string().nullish(),
  link_identity: z.boolean().nullish(),
})

const APPLE_ISSUERS = ['https://appleid.apple.com', 'https://account.apple.com']
const AZURE_ISSUER = /^https:\/\/login[.]microsoftonline[.]com\/([^/]+)\/v2[.]0\/?$/

/** Providers GoTrue knows by a fixed issuer. Keycloak's is its configured URL: none here. */
const FIXED_ISSUERS: Record<string, string> = {
  google: 'https://accounts.google.com',
  facebook: 'https://www.facebook.com',
  keycloak: '',
  kakao: 'https://kauth.kakao.com',
  vercel_marketplace: 'https://marketplace.vercel.com',
  snapchat: 'https://accounts.snapchat.com/accounts/oauth2/token',
}

/** Go's %q for the ASCII strings these messages quote. */
const quoted = (value: string) => JSON.stringify(value)

const providerNotEnabled = (issuer: string) => new AuthError(400, 'provider_disabled', `Provider (issuer ${quoted(issuer)}) is not enabled`)

export async function idTokenGrant(ctx: AuthContext, req: AuthRequest): Promise<Reply> {
  const body = parseBody(IdTokenGrantSchema, req.body)
  const provider = body.provider ?? ''
  const issuer = body.issuer ?? ''
  if (!body.id_token) throw new OAuthError(400, 'invalid request', 'id_token required')
  if (!provider && (!body.client_id || !issuer)) {
    throw new OAuthError(400, 'invalid request', 'provider or client_id and issuer required')
  }
  if (body.link_identity) {
    if (!req.headers.authorization) {
      throw new OAuthError(400, 'invalid request', 'Linking requires a valid user access token in Authorization')
    }
    await requireUser(ctx, req)
  }
  throw providerError(provider, issuer, body.id_token)
}

/** GoTrue's getProvider, where every provider it can match is switched off. */
function providerError(provider: string, issuer: string, idToken: string): AuthError {
  if (provider === 'apple' || APPLE_ISSUERS.includes(issuer)) {
    const detected = tokenIssuer(idToken)
    if (detected === null) return badRequest('Unable to detect issuer in ID token for Apple provider')
    if (!APPLE_ISSUERS.includes(detected)) return badRequest('Detected ID token issuer is not an Apple ID token issuer')
    if (issuer && issuer !== detected) return badRequest('Provided issuer does not match ID token issuer')
    return providerNotEnabled(detected)
  }
  if (provider === 'google' || issuer === FIXED_ISSUERS.google) return providerNotEnabled(FIXED_ISSUERS.google)
  if (provider === 'azure' || AZURE_ISSUER.test(issuer)) {
    const detected = tokenIssuer(idToken)
    if (detected === null) return badRequest('Unable to detect issuer in ID token for Azure provider')
    if (!detected.startsWith('https://login.microsoftonline.com/') && !detected.startsWith('https://sts.windows.net/')) {
      return badRequest('Detected ID token issuer is not an Azure ID token issuer')
    }
    if (issuer && issuer !== detected) return badRequest('Provided issuer does not match ID token issuer')
    return providerNotEnabled(detected)
  }
  for (const [name, fixed] of Object.entries(FIXED_ISSUERS)) {
    if (provider === name || (fixed !== '' && issuer === fixed)) return providerNotEnabled(fixed)
  }
  if (provider.startsWith('custom:')) return badRequest('Custom OAuth providers are disabled')
  // No issuer is on the allow-list (GOTRUE_EXTERNAL_ALLOWED_ID_TOKEN_ISSUERS) locally.
  return badRequest(`Custom OIDC provider ${quoted(provider)} not allowed`)
}

/**
 * The unverified `iss` of a JWT, read as GoTrue's Detect*IDTokenIssuer does: three
 * dot-separated parts, an unpadded base64url payload that is a JSON object (or null).
 * Null when it cannot be read.
 */
function tokenIssuer(idToken: string): string | null {
  const parts = idToken.split('.')
  if (parts.length !== 3 || !/^[A-Za-z0-9_-]*$/.test(parts[1]) || parts[1].length % 4 === 1) return null
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'))
    if (payload === null) return ''
    if (typeof payload !== 'object' || Array.isArray(payload)) return null
    const iss = (payload as { iss?: unknown }).iss
    if (iss === undefined || iss === null) return ''
    return typeof iss === 'string' ? iss : null
  } catch {
    return null
  }
}

/** No Web3 chain (Solana, Ethereum) is enabled, which GoTrue checks before reading the body. */
export async function web3Grant(): Promise<Reply> {
  throw new AuthError(422, 'web3_provider_disabled', 'Web3 provider is disabled')
}
