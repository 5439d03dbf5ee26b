/**
 * The Supabase CLI's well-known local keys, byte-identical because apps hard-code them,
 * and the user-token signer (HS256 with the secret, or ES256 with a persisted P-256 key).
 */
import { createHmac, randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import * as jose from 'jose'

export const JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long'
export const ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0'
export const SERVICE_ROLE_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU'
export const PUBLISHABLE_KEY = 'sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH'
export const SECRET_KEY = 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz'
const API_KEY_EXP = 1983812996

const base64url = (input: string | Buffer) => Buffer.from(input).toString('base64url')

/**
 * Rebuilds an API key from the secret. Key order in the JSON matters for byte identity,
 * which is why this is hand-rolled rather than going through a JWT library.
 */
export function signApiKey(role: 'anon' | 'service_role', secret = JWT_SECRET): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))
  const payload = base64url(JSON.stringify({ iss: 'supabase-demo', role, exp: API_KEY_EXP }))
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url')
  return `${header}.${payload}.${signature}`
}

/** JWKS for PostgREST's `jwt-secret` and functions' `SUPABASE_JWKS`: the HMAC secret, plus the EC public key in ES256 mode. */
export function buildJwks(publicEcJwk?: jose.JWK): { keys: jose.JWK[] } {
  const keys: jose.JWK[] = [{ kty: 'oct', k: base64url(JWT_SECRET) }]
  if (publicEcJwk) keys.push(publicEcJwk)
  return { keys }
}

export interface TokenSigner {
  mode: 'HS256' | 'ES256'
  sign(claims: Record<string, unknown>): Promise<string>
  /** Verifies a token the way Auth, the gateway and PostgREST do: the secret, or the EC key. */
  verify(token: string): Promise<jose.JWTPayload>
  /** Public JWKS as served at /auth/v1/.well-known/jwks.json; HMAC keys are never listed. */
  publicJwks: { keys: jose.JWK[] }
  /** The JWKS given to PostgREST (includes the shared secret). */
  postgrestJwks: { keys: jose.JWK[] }
}

const secretKey = new TextEncoder().encode(JWT_SECRET)

/**
 * ES256 mode generates its own key on first start and keeps it in the state directory.
 * It never reuses the CLI's hard-coded key, which is public.
 */
export async function createTokenSigner(mode: 'HS256' | 'ES256', stateDir: string): Promise<TokenSigner> {
  if (mode === 'HS256') {
    return {
      mode,
      sign: (claims) => new jose.SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secretKey),
      verify: async (token) => (await jose.jwtVerify(token, secretKey, { algorithms: ['HS256'] })).payload,
      publicJwks: { keys: [] },
      postgrestJwks: buildJwks(),
    }
  }
  const keyFile = path.join(stateDir, 'signing-key.json')
  let stored: { privateJwk: jose.JWK; publicJwk: jose.JWK }
  if (existsSync(keyFile)) {
    stored = JSON.parse(readFileSync(keyFile, 'utf8'))
  } else {
    const { privateKey, publicKey } = await jose.generateKeyPair('ES256', { extractable: true })
    const kid = randomUUID()
    const privateJwk = { ...(await jose.exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' }
    const publicJwk = { ...(await jose.exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig', key_ops: ['verify'] }
    stored = { privateJwk, publicJwk }
    mkdirSync(stateDir, { recursive: true })
    writeFileSync(keyFile, JSON.stringify(stored, null, 2), { mode: 0o600 })
  }
  const privateKey = await jose.importJWK(stored.privateJwk, 'ES256')
  const publicKey = await jose.importJWK(stored.publicJwk, 'ES256')
  const kid = stored.publicJwk.kid!
  return {
    mode,
    sign: (claims) => new jose.SignJWT(claims).setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid }).sign(privateKey),
    async verify(token) {
      const { alg } = jose.decodeProtectedHeader(token)
      const key = alg === 'HS256' ? secretKey : publicKey
      return (await jose.jwtVerify(token, key, { algorithms: [alg === 'HS256' ? 'HS256' : 'ES256'] })).payload
    },
    publicJwks: { keys: [stored.publicJwk] },
    postgrestJwks: buildJwks(stored.publicJwk),
  }
}
