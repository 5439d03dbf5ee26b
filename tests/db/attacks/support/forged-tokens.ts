/**
 * Tokens an attacker can make without the stack's keys. Each claims to be the victim (their `sub`
 * and e-mail, an admin role in `app_metadata` for good measure) or the service role, and none is
 * signed by a key the stack trusts: another HMAC secret, no signature (`alg: none`), a real
 * token whose payload was edited, an ES256 key of the attacker's own, and in ES256 mode the
 * algorithm-confusion classic (HS256 keyed with the stack's *public* key). One honest token,
 * expired, is here too: signed with the real key, it must still be refused.
 */
import { createPublicKey } from 'node:crypto'
import * as jose from 'jose'
import { JWT_SECRET } from '../../../../supabase/local/keys.ts'

export interface Forged {
  name: string
  token: string
}

const json64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const now = () => Math.floor(Date.now() / 1000)
const OTHER_SECRET = new TextEncoder().encode('an-attacker-secret-that-is-at-least-32-characters-long')

export function victimClaims(victim: { id: string; email: string }, extra: Record<string, unknown> = {}) {
  return {
    sub: victim.id,
    email: victim.email,
    role: 'authenticated',
    aud: 'authenticated',
    iss: 'supabase-demo',
    app_metadata: { provider: 'email', providers: ['email'], role: 'admin' },
    user_metadata: {},
    aal: 'aal1',
    session_id: crypto.randomUUID(),
    iat: now() - 10,
    exp: now() + 3600,
    ...extra,
  }
}

const hs256 = (claims: object, key: Uint8Array, header: Record<string, unknown> = {}) =>
  new jose.SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256', typ: 'JWT', ...header }).sign(key)

/** Re-encodes `token` with `edit` applied to its payload, keeping its header and signature. */
function editPayload(token: string, edit: (claims: Record<string, unknown>) => Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.')
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>
  return `${header}.${json64(edit(claims))}.${signature}`
}

/** Forgeries that need only the victim's id and a token of the attacker's own (advocate A's). */
export async function forgedTokens(victim: { id: string; email: string }, attackerToken: string): Promise<Forged[]> {
  const claims = victimClaims(victim)
  const [, , realSignature] = attackerToken.split('.')
  const none = (alg: string, signature = '') => `${json64({ alg, typ: 'JWT' })}.${json64(claims)}.${signature}`
  const { privateKey: ownKey, publicKey: ownPublic } = await jose.generateKeyPair('ES256', { extractable: true })
  return [
    { name: 'HS256 signed with another secret', token: await hs256(claims, OTHER_SECRET) },
    {
      name: 'HS256 role service_role, another secret',
      token: await hs256({ role: 'service_role', iss: 'supabase-demo', exp: now() + 3600 }, OTHER_SECRET),
    },
    { name: 'HS256 role postgres, another secret', token: await hs256({ ...claims, role: 'postgres' }, OTHER_SECRET) },
    { name: 'alg none, no signature', token: none('none') },
    { name: 'alg None, no signature', token: none('None') },
    { name: 'alg NONE, no signature', token: none('NONE') },
    { name: 'alg none with a real signature', token: none('none', realSignature) },
    {
      name: 'alg none, role service_role',
      token: `${json64({ alg: 'none', typ: 'JWT' })}.${json64({ role: 'service_role', iss: 'supabase-demo', exp: now() + 3600 })}.`,
    },
    {
      name: "attacker's own token with sub = victim (signature kept)",
      token: editPayload(attackerToken, (c) => ({ ...c, sub: victim.id, email: victim.email })),
    },
    {
      name: "attacker's own token with role service_role (signature kept)",
      token: editPayload(attackerToken, (c) => ({ ...c, role: 'service_role' })),
    },
    {
      name: "attacker's own token with app_metadata.role admin (signature kept)",
      token: editPayload(attackerToken, (c) => ({ ...c, app_metadata: { role: 'admin' } })),
    },
    { name: "attacker's own token, signature stripped", token: attackerToken.split('.').slice(0, 2).join('.') + '.' },
    {
      name: 'ES256 signed with an attacker key',
      token: await new jose.SignJWT(claims).setProtectedHeader({ alg: 'ES256', typ: 'JWT' }).sign(ownKey),
    },
    {
      name: 'ES256 with the attacker key embedded as a jwk header',
      token: await new jose.SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', typ: 'JWT', jwk: await jose.exportJWK(ownPublic) })
        .sign(ownKey),
    },
    {
      name: 'expired, signed with the real secret',
      token: await hs256({ ...claims, iat: now() - 7200, exp: now() - 3600 }, new TextEncoder().encode(JWT_SECRET)),
    },
  ]
}

/**
 * ES256 mode: the public signing key is published (JWKS), so an attacker tries it as an HMAC
 * secret in every encoding a careless verifier might use, with and without the key's `kid`.
 */
export async function algorithmConfusionTokens(
  victim: { id: string; email: string },
  publicJwk: jose.JWK,
  signer?: { sign(claims: Record<string, unknown>): Promise<string> },
): Promise<Forged[]> {
  const claims = victimClaims(victim)
  const pem = createPublicKey({ key: publicJwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' }) as string
  const der = createPublicKey({ key: publicJwk as never, format: 'jwk' }).export({ type: 'spki', format: 'der' })
  const raw = Buffer.concat([Buffer.from([4]), Buffer.from(publicJwk.x!, 'base64url'), Buffer.from(publicJwk.y!, 'base64url')])
  const keys: Array<[string, Uint8Array]> = [
    ['the JWK as JSON', new TextEncoder().encode(JSON.stringify(publicJwk))],
    ['the JWKS as JSON', new TextEncoder().encode(JSON.stringify({ keys: [publicJwk] }))],
    ['the PEM', new TextEncoder().encode(pem)],
    ['the DER', new Uint8Array(der)],
    ['the raw point', new Uint8Array(raw)],
    ['x', new Uint8Array(Buffer.from(publicJwk.x!, 'base64url'))],
  ]
  const tokens: Forged[] = []
  for (const [what, key] of keys) {
    tokens.push({ name: `HS256 keyed with the public key (${what})`, token: await hs256(claims, key) })
    tokens.push({
      name: `HS256 keyed with the public key (${what}), with its kid`,
      token: await hs256(claims, key, { kid: publicJwk.kid }),
    })
  }
  if (signer) {
    // A genuine ES256 token whose header now says HS256, and one with the victim swapped in.
    const genuine = await signer.sign(claims)
    const [, payload, signature] = genuine.split('.')
    tokens.push({
      name: 'a genuine ES256 token relabelled alg HS256',
      token: `${json64({ alg: 'HS256', typ: 'JWT', kid: publicJwk.kid })}.${payload}.${signature}`,
    })
    tokens.push({ name: 'a genuine ES256 token relabelled alg none', token: `${json64({ alg: 'none', typ: 'JWT' })}.${payload}.` })
    tokens.push({
      name: 'ES256 expired, signed with the real key',
      token: await signer.sign({ ...claims, iat: now() - 7200, exp: now() - 3600 }),
    })
  }
  return tokens
}
