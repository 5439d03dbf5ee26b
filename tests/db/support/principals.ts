/**
 * The people an RLS test acts as, each with a supabase-js client that went through Auth for
 * real: two advocates (so "own" and "someone else's" both exist), an admin (created through
 * the admin API with `app_metadata.role = 'admin'`, which only the service role can set), anon
 * and the service role. Every user is fresh and unique, so test files can run in parallel.
 */
import { randomUUID } from 'node:crypto'
import type { SupabaseClient, User } from '@supabase/supabase-js'
import type { Database } from '../../../supabase/functions/_shared/database.types.ts'
import { anonClient, serviceClient } from '../../stack/support/stack.ts'

export const USER_PRINCIPALS = ['advocate', 'otherAdvocate', 'admin'] as const
export const PRINCIPALS = ['anon', ...USER_PRINCIPALS, 'service_role'] as const

export type UserPrincipal = (typeof USER_PRINCIPALS)[number]
export type Principal = (typeof PRINCIPALS)[number]
export type TypedClient = SupabaseClient<Database>

export interface SignedInPrincipal {
  name: UserPrincipal
  client: TypedClient
  user: User
  email: string
  displayName: string
}

export interface Principals extends Record<UserPrincipal, SignedInPrincipal> {
  anon: { name: 'anon'; client: TypedClient }
  service_role: { name: 'service_role'; client: TypedClient }
  /** The user id behind a signed-in principal. */
  idOf(principal: UserPrincipal): string
  /** Deletes the users (their rows go with them through `on delete cascade`). */
  cleanup(): Promise<void>
}

const typed = (client: SupabaseClient) => client as unknown as TypedClient

/** Creates a confirmed user through the admin API and signs them in with their password. */
export async function signInAs(options: {
  name: UserPrincipal
  label?: string
  appMetadata?: Record<string, unknown>
}): Promise<SignedInPrincipal> {
  const email = `${options.label ?? 'rls'}-${options.name.toLowerCase()}-${randomUUID()}@example.com`
  const password = `pw-${randomUUID()}`
  const displayName = `${options.name} ${randomUUID().slice(0, 8)}`
  const { data, error } = await serviceClient().auth.admin.createUser({
    email,
    password,
    email_confirm: true,
    user_metadata: { display_name: displayName },
    app_metadata: options.appMetadata,
  })
  if (error) throw error
  const client = anonClient()
  const signIn = await client.auth.signInWithPassword({ email, password })
  if (signIn.error) throw signIn.error
  return { name: options.name, client: typed(client), user: data.user, email, displayName }
}

/** All five principals. `label` prefixes the e-mails, so leftovers say which test made them. */
export async function createPrincipals(label = 'rls'): Promise<Principals> {
  const [advocate, otherAdvocate, admin] = await Promise.all([
    signInAs({ name: 'advocate', label }),
    signInAs({ name: 'otherAdvocate', label }),
    signInAs({ name: 'admin', label, appMetadata: { role: 'admin' } }),
  ])
  const users = { advocate, otherAdvocate, admin }
  return {
    ...users,
    anon: { name: 'anon', client: typed(anonClient()) },
    service_role: { name: 'service_role', client: typed(serviceClient()) },
    idOf: (principal) => users[principal].user.id,
    async cleanup() {
      const admin = serviceClient()
      for (const { user } of Object.values(users)) {
        const { error } = await admin.auth.admin.deleteUser(user.id)
        if (error) throw error
      }
    },
  }
}
