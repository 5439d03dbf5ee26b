/**
 * Who attacks: anon, advocate A, advocate B (the victim), an admin, a demoted admin and the
 * service role, each a real supabase-js client. The demoted admin signed in while an admin and
 * then lost `app_metadata.role` through the service role; their client keeps the access token
 * issued before, which still says `admin` until it expires (issue 9 §5). Users are fresh per file.
 */
import { expect } from 'vitest'
import { anonClient, db, serviceClient, stack } from '../../../stack/support/stack.ts'
import { signInAs, type SignedInPrincipal, type TypedClient } from '../../support/principals.ts'

export interface Actors {
  anon: TypedClient
  a: SignedInPrincipal
  b: SignedInPrincipal
  admin: SignedInPrincipal
  demoted: SignedInPrincipal
  service: TypedClient
  cleanup(): Promise<void>
}

export const ATTACKERS = ['anon', 'a', 'demoted'] as const
export type Attacker = (typeof ATTACKERS)[number]

export async function createActors(label: string): Promise<Actors> {
  const [a, b, admin, demoted] = await Promise.all([
    signInAs({ name: 'advocate', label }),
    signInAs({ name: 'otherAdvocate', label }),
    signInAs({ name: 'admin', label, appMetadata: { role: 'admin' } }),
    signInAs({ name: 'admin', label: `${label}-demoted`, appMetadata: { role: 'admin' } }),
  ])
  await demote(demoted)
  return {
    anon: anonClient() as unknown as TypedClient,
    a,
    b,
    admin,
    demoted,
    service: serviceClient() as unknown as TypedClient,
    async cleanup() {
      for (const user of [a, b, admin, demoted]) {
        const { error } = await serviceClient().auth.admin.deleteUser(user.user.id)
        if (error) throw error
      }
    },
  }
}

/** Removes the admin role as an admin console would; the principal's client keeps its old token. */
async function demote(principal: SignedInPrincipal): Promise<void> {
  const { error } = await serviceClient().auth.admin.updateUserById(principal.user.id, { app_metadata: { role: null } })
  if (error) throw error
  const { rows } = await db.query<{ role: string | null }>(`select raw_app_meta_data ->> 'role' as role from auth.users where id = $1`, [
    principal.user.id,
  ])
  expect(rows[0].role).toBeNull()
  const token = await accessToken(principal)
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { app_metadata?: { role?: string } }
  expect(claims.app_metadata?.role, 'the demoted admin must still hold a token issued while they were an admin').toBe('admin')
}

export async function accessToken(principal: SignedInPrincipal): Promise<string> {
  const { data } = await principal.client.auth.getSession()
  if (!data.session) throw new Error(`${principal.name} has no session`)
  return data.session.access_token
}

export function clientOf(actors: Actors, attacker: Attacker): TypedClient {
  return attacker === 'anon' ? actors.anon : actors[attacker].client
}

/** A raw request through the gateway, for what supabase-js will not send (odd headers, forged tokens). */
export function apiFetch(
  path: string,
  init: { method?: string; token?: string | null; apikey?: string; headers?: Record<string, string>; body?: unknown } = {},
) {
  const headers: Record<string, string> = { apikey: init.apikey ?? stack.anonKey, ...init.headers }
  if (init.token !== null) headers.Authorization = `Bearer ${init.token ?? stack.anonKey}`
  if (init.body !== undefined) headers['Content-Type'] = 'application/json'
  return fetch(`${stack.apiUrl}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
}
