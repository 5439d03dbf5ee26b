/**
 * Who is calling a function, checked here, not taken on trust from the gateway. With `verify_jwt`
 * on, the gateway has checked the token already; but hosted Supabase asks projects on JWT signing
 * keys to turn `verify_jwt` off and verify in the function (https://supabase.com/docs/guides/functions/auth),
 * and then a claim read without its signature (`role: service_role`, someone else's `sub`) is
 * whatever the caller wrote. tests/db/attacks/functions-without-verify-jwt.test.ts attacks this.
 *
 * The signature is checked against `SUPABASE_JWKS` (HS256 with a symmetric key, ES256, RS256);
 * a token no key there can check (say, a legacy HS256 token where the JWKS lists only public keys)
 * goes to Auth's `GET /auth/v1/user`, which verifies it. No Deno APIs: Node type-checks this too.
 */

export type Caller = { kind: 'user'; id: string } | { kind: 'service' }

export interface CallerEnv {
  url: string
  anonKey: string
  serviceRoleKey: string
  /** `SUPABASE_JWKS`: `{"keys": [...]}` or `[...]`. */
  jwks?: string
}

interface Jwk {
  kty?: string
  kid?: string
  k?: string
  crv?: string
  x?: string
  y?: string
  n?: string
  e?: string
}

type Claims = { sub?: unknown; role?: unknown; exp?: unknown; nbf?: unknown }

const BEARER = /^Bearer\s+(\S+)$/i
const ALGORITHMS = {
  HS256: { kty: 'oct' },
  ES256: { kty: 'EC' },
  RS256: { kty: 'RSA' },
} as const
type Algorithm = keyof typeof ALGORITHMS

/** The verified caller, or null for no token, a bad or expired one, or one that is nobody (anon). */
export async function verifyCaller(req: Request, env: CallerEnv): Promise<Caller | null> {
  const token = BEARER.exec(req.headers.get('Authorization') ?? '')?.[1]
  if (!token) return null
  if (env.serviceRoleKey && sameString(token, env.serviceRoleKey)) return { kind: 'service' }
  const claims = await verifiedClaims(token, env)
  if (!claims) return null
  if (claims.role === 'authenticated' && typeof claims.sub === 'string' && claims.sub.length > 0) return { kind: 'user', id: claims.sub }
  if (claims.role === 'service_role') return { kind: 'service' }
  return null
}

async function verifiedClaims(token: string, env: CallerEnv): Promise<Claims | null> {
  const [encodedHeader, encodedPayload, encodedSignature, extra] = token.split('.')
  if (!encodedHeader || !encodedPayload || !encodedSignature || extra !== undefined) return null
  const header = decodeJson(encodedHeader) as { alg?: unknown; kid?: unknown } | null
  const claims = decodeJson(encodedPayload) as Claims | null
  if (!header || !claims || typeof header.alg !== 'string' || !(header.alg in ALGORITHMS)) return null
  const alg = header.alg as Algorithm
  const keys = parseJwks(env.jwks).filter(
    (key) => key.kty === ALGORITHMS[alg].kty && (typeof header.kid !== 'string' || key.kid === undefined || key.kid === header.kid),
  )
  if (keys.length === 0) return fromAuth(token, env)
  const data = new TextEncoder().encode(`${encodedHeader}.${encodedPayload}`)
  const signature = base64UrlBytes(encodedSignature)
  if (!signature) return null
  for (const key of keys) {
    if (await verifies(alg, key, signature, data)) return current(claims) ? claims : null
  }
  return null
}

/** Not expired, already valid. */
function current(claims: Claims): boolean {
  const now = Date.now() / 1000
  if (typeof claims.exp !== 'number' || claims.exp <= now) return false
  return claims.nbf === undefined || (typeof claims.nbf === 'number' && claims.nbf <= now + 30)
}

async function verifies(alg: Algorithm, key: Jwk, signature: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>): Promise<boolean> {
  try {
    const subtle = globalThis.crypto.subtle
    if (alg === 'HS256') {
      const secret = key.k ? base64UrlBytes(key.k) : null
      if (!secret) return false
      const hmac = await subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify'])
      return await subtle.verify('HMAC', hmac, signature, data)
    }
    if (alg === 'ES256') {
      if (key.crv !== 'P-256' || signature.length !== 64) return false
      const ec = await subtle.importKey(
        'jwk',
        { kty: 'EC', crv: 'P-256', x: key.x, y: key.y },
        { name: 'ECDSA', namedCurve: 'P-256' },
        false,
        ['verify'],
      )
      return await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, ec, signature, data)
    }
    const rsa = await subtle.importKey('jwk', { kty: 'RSA', n: key.n, e: key.e }, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, [
      'verify',
    ])
    return await subtle.verify('RSASSA-PKCS1-v1_5', rsa, signature, data)
  } catch {
    return false
  }
}

/** Auth verifies what no local key can (and answers 401 for anything it did not sign). */
async function fromAuth(token: string, env: CallerEnv): Promise<Claims | null> {
  try {
    const response = await fetch(`${env.url}/auth/v1/user`, { headers: { apikey: env.anonKey, Authorization: `Bearer ${token}` } })
    if (!response.ok) {
      await response.body?.cancel()
      return null
    }
    const user = (await response.json()) as { id?: unknown }
    return typeof user.id === 'string' ? { sub: user.id, role: 'authenticated', exp: Number.MAX_SAFE_INTEGER } : null
  } catch {
    return null
  }
}

function parseJwks(raw: string | undefined): Jwk[] {
  if (!raw) return []
  try {
    const parsed = JSON.parse(raw) as { keys?: unknown } | unknown[]
    const keys = Array.isArray(parsed)
      ? parsed
      : Array.isArray((parsed as { keys?: unknown }).keys)
        ? (parsed as { keys: unknown[] }).keys
        : []
    return keys.filter((key): key is Jwk => typeof key === 'object' && key !== null)
  } catch {
    return []
  }
}

function base64UrlBytes(value: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(value)) return null
  const base64 = value
    .replaceAll('-', '+')
    .replaceAll('_', '/')
    .padEnd(Math.ceil(value.length / 4) * 4, '=')
  try {
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
  } catch {
    return null
  }
}

function decodeJson(value: string): unknown {
  const bytes = base64UrlBytes(value)
  if (!bytes) return null
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes))
    return typeof parsed === 'object' && parsed !== null ? parsed : null
  } catch {
    return null
  }
}

/** Compares without stopping at the first difference. */
function sameString(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let difference = 0
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return difference === 0
}
