/**
 * Kong's key handling: the `Authorization` rewrite that turns opaque `sb_` keys into the
 * legacy JWTs, and the hosted-style apikey check that `SB_LOCAL_STRICT_APIKEY=1` turns on.
 */
import { ANON_KEY, PUBLISHABLE_KEY, SECRET_KEY, SERVICE_ROLE_KEY } from '../keys.ts'
import { isHopByHop } from './proxy.ts'

const BEARER_SERVICE_ROLE = `Bearer ${SERVICE_ROLE_KEY}`
const BEARER_ANON = `Bearer ${ANON_KEY}`
const KNOWN_API_KEYS = new Set([ANON_KEY, SERVICE_ROLE_KEY, PUBLISHABLE_KEY, SECRET_KEY])
const SB_FORWARDED_FOR = 'sb-forwarded-for'

/**
 * Kong's rule, first match wins: keep a non-`sb_` Authorization; secret key → service_role
 * JWT; publishable key → anon JWT; otherwise `Bearer <apikey>`. With neither header there is
 * nothing to send.
 */
export function rewriteAuthorization(authorization: string | undefined, apikey: string | undefined): string | undefined {
  if (authorization !== undefined && !authorization.startsWith('Bearer sb_')) return authorization
  if (apikey === SECRET_KEY) return BEARER_SERVICE_ROLE
  if (apikey === PUBLISHABLE_KEY) return BEARER_ANON
  if (apikey !== undefined) return `Bearer ${apikey}`
  return authorization
}

export interface UpstreamHeaders {
  /** Flat `rawHeaders`-style list to send upstream. */
  headers: string[]
  /** The Authorization the upstream will see, after the rewrite. */
  authorization: string | undefined
  apikey: string | undefined
}

/**
 * One pass over the client's raw headers: drops hop-by-hop headers, applies the
 * Authorization rewrite and appends the client address to `X-Forwarded-For` (Auth
 * rate-limits per IP). `Sb-Forwarded-For` reaches the upstream only on requests made with
 * the secret key, as on hosted, where Auth rate-limits by it; from anyone else it would let a
 * client pick the IP it is counted as. Everything else (X-Client-Info, Accept*, Content-*,
 * Prefer, Range*) passes through untouched and in order.
 */
export function buildUpstreamHeaders(rawHeaders: string[], clientAddress: string | undefined): UpstreamHeaders {
  const headers: string[] = []
  let authorization: string | undefined
  let apikey: string | undefined
  let forwardedFor: string | undefined
  let sbForwardedFor: string | undefined
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]
    const lower = name.toLowerCase()
    if (lower === 'authorization') authorization = rawHeaders[i + 1]
    else if (lower === 'x-forwarded-for') forwardedFor = rawHeaders[i + 1]
    else if (lower === SB_FORWARDED_FOR) sbForwardedFor ??= rawHeaders[i + 1]
    else if (isHopByHop(lower)) continue
    else {
      if (lower === 'apikey') apikey = rawHeaders[i + 1]
      headers.push(name, rawHeaders[i + 1])
    }
  }
  const upstreamAuthorization = rewriteAuthorization(authorization, apikey)
  if (upstreamAuthorization !== undefined) headers.push('Authorization', upstreamAuthorization)
  if (sbForwardedFor !== undefined && apikey === SECRET_KEY) headers.push('Sb-Forwarded-For', sbForwardedFor)
  const address = clientAddress?.startsWith('::ffff:') ? clientAddress.slice(7) : clientAddress
  if (address) headers.push('X-Forwarded-For', forwardedFor ? `${forwardedFor}, ${address}` : address)
  else if (forwardedFor) headers.push('X-Forwarded-For', forwardedFor)
  return { headers, authorization: upstreamAuthorization, apikey }
}

/** Hosted's 401 bodies; `undefined` means the key is acceptable. */
export function strictApikeyError(apikey: string | undefined, url: string): string | undefined {
  const key = apikey ?? apikeyFromQuery(url)
  if (key === undefined || key === '') return '{"message":"No API key found in request"}'
  if (!KNOWN_API_KEYS.has(key)) return '{"message":"Invalid API key"}'
  return undefined
}

/** Kong's key-auth also reads `?apikey=`, which the Realtime and browser-redirect flows use. */
function apikeyFromQuery(url: string): string | undefined {
  const queryStart = url.indexOf('?')
  if (queryStart === -1 || !url.includes('apikey=', queryStart)) return undefined
  return new URLSearchParams(url.slice(queryStart + 1)).get('apikey') ?? undefined
}

/**
 * Auth routes Kong leaves open (no key-auth), because browsers reach them from e-mail
 * links and OAuth redirects, and clients fetch the JWKS anonymously. The path is the one
 * after `/auth/v1`.
 */
export function isOpenAuthPath(pathAndQuery: string): boolean {
  const queryStart = pathAndQuery.indexOf('?')
  const path = queryStart === -1 ? pathAndQuery : pathAndQuery.slice(0, queryStart)
  return (
    path === '/verify' ||
    path === '/callback' ||
    path === '/authorize' ||
    path === '/health' ||
    path === '/.well-known/jwks.json' ||
    path.startsWith('/sso/saml/')
  )
}
