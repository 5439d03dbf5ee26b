/** The demo accounts in supabase/seed.sql work the way the README promises. */
import { describe, expect, test } from 'vitest'
import { anonClient, db } from '../stack/support/stack.ts'

const DEMO_PASSWORD = 'password123'
const ADMIN_ID = '00000000-0000-4000-8000-000000000001'
const ADVOCATE_IDS = [101, 102, 103, 104, 105, 106].map((n) => `00000000-0000-4000-8000-000000000${n}`)
const ADVOCATES = [
  ['ava@example.com', 'Ava Thompson'],
  ['ben@example.com', 'Ben Okafor'],
  ['carmen@example.com', 'Carmen Ruiz'],
  ['dev@example.com', 'Dev Patel'],
  ['emma@example.com', 'Emma Schultz'],
  ['farah@example.com', 'Farah Haddad'],
] as const

describe('demo seed', () => {
  test.each(ADVOCATES)('%s signs in with the demo password and has a profile', async (email, name) => {
    const client = anonClient()
    const { data, error } = await client.auth.signInWithPassword({ email, password: DEMO_PASSWORD })
    expect(error).toBeNull()
    expect(ADVOCATE_IDS).toContain(data.user?.id)
    expect(data.user?.app_metadata.role).toBeUndefined()
    const profile = await client.from('profiles').select('display_name').eq('id', data.user!.id).single()
    expect(profile.error).toBeNull()
    expect(profile.data?.display_name).toBe(name)
  })

  test('the admin signs in, carries the admin role and sees every demo profile', async () => {
    const client = anonClient()
    const { data, error } = await client.auth.signInWithPassword({ email: 'admin@example.com', password: DEMO_PASSWORD })
    expect(error).toBeNull()
    expect(data.user?.id).toBe(ADMIN_ID)
    expect(data.user?.app_metadata).toMatchObject({ role: 'admin', provider: 'email' })
    const profiles = await client
      .from('profiles')
      .select('display_name')
      .in('id', [ADMIN_ID, ...ADVOCATE_IDS])
    expect(profiles.error).toBeNull()
    expect(profiles.data?.map((p) => p.display_name).sort()).toEqual(['Morgan Lee', ...ADVOCATES.map(([, n]) => n)].sort())
  })

  test('seeded users look like users Auth created: confirmed, with an email identity', async () => {
    const { rows } = await db.query<{ email: string; confirmed: boolean; identities: number; provider_ids_match: boolean }>(
      `select u.email, u.confirmed_at is not null as confirmed, count(i.*)::int as identities,
              bool_and(i.provider_id = u.id::text) as provider_ids_match
         from auth.users u left join auth.identities i on i.user_id = u.id and i.provider = 'email'
        where u.id::text like '00000000-0000-4000-8000-%'
        group by u.id, u.email order by u.email`,
    )
    expect(rows).toHaveLength(7)
    for (const row of rows) expect(row).toMatchObject({ confirmed: true, identities: 1, provider_ids_match: true })
  })
})
