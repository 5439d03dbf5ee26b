/**
 * §9 attack suite, becoming someone else: an advocate cannot make themselves an admin through
 * Auth (user_metadata is theirs, app_metadata is not), cannot sign up as one, and cannot reach
 * another advocate's rows by embedding them in a query on a row they may read.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { anonClient, db, serviceClient, stack } from '../../stack/support/stack.ts'
import { accessToken, createActors, type Actors } from './support/actors.ts'
import { TABLE_FIXTURES } from './support/table-fixtures.ts'

let actors: Actors
const extraUsers: string[] = []

beforeAll(async () => {
  actors = await createActors('attack-escalation')
  const ctx = { a: actors.a.user.id, b: actors.b.user.id }
  for (const name of ['public.advocate_accounts', 'public.points_ledger', 'public.submissions', 'public.interactions'])
    await TABLE_FIXTURES[name].arrange(ctx)
})
afterAll(async () => {
  for (const id of extraUsers) await serviceClient().auth.admin.deleteUser(id)
  await actors?.cleanup()
})

const roleInDatabase = async (id: string) =>
  (await db.query<{ role: string | null }>(`select raw_app_meta_data ->> 'role' as role from auth.users where id = $1`, [id])).rows[0].role

/** Can this client do what only admins can: read someone's CRM row? */
const readsCrmOf = async (client: typeof actors.a.client, profileId: string) =>
  ((await client.from('advocate_accounts').select('profile_id').eq('profile_id', profileId)).data ?? []).length > 0

test('an advocate who writes role: admin into their user_metadata is no admin, before or after a refresh', async () => {
  const { error } = await actors.a.client.auth.updateUser({ data: { role: 'admin', app_metadata: { role: 'admin' } } })
  expect(error).toBeNull()
  expect(await roleInDatabase(actors.a.user.id)).toBeNull()
  expect(await readsCrmOf(actors.a.client, actors.b.user.id)).toBe(false)
  const refreshed = await actors.a.client.auth.refreshSession()
  expect(refreshed.data.session?.user.app_metadata.role).toBeUndefined()
  expect(await readsCrmOf(actors.a.client, actors.b.user.id)).toBe(false)
  const review = await actors.a.client.rpc('review_submission', { submission_id: 1, decision: 'approved' })
  expect({ status: review.status, code: review.error?.code }).toEqual({ status: 403, code: '42501' })
})

test('PUT /auth/v1/user with app_metadata is refused and changes nothing', async () => {
  const response = await fetch(`${stack.apiUrl}/auth/v1/user`, {
    method: 'PUT',
    headers: { apikey: stack.anonKey, Authorization: `Bearer ${await accessToken(actors.a)}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ app_metadata: { role: 'admin' } }),
  })
  expect(response.status).toBeGreaterThanOrEqual(400)
  expect(response.status).toBeLessThan(500)
  expect(await roleInDatabase(actors.a.user.id)).toBeNull()
})

test('signing up with an admin role in the body creates an ordinary advocate', async () => {
  const email = `attack-signup-${randomUUID()}@example.com`
  const response = await fetch(`${stack.apiUrl}/auth/v1/signup`, {
    method: 'POST',
    headers: { apikey: stack.anonKey, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      email,
      password: `Pw-${randomUUID()}`,
      data: { role: 'admin' },
      app_metadata: { role: 'admin' },
      role: 'service_role',
    }),
  })
  expect(response.status).toBeLessThan(500)
  const { rows } = await db.query<{ id: string; role: string | null; db_role: string }>(
    `select id::text, raw_app_meta_data ->> 'role' as role, role as db_role from auth.users where email = $1`,
    [email],
  )
  for (const row of rows) extraUsers.push(row.id)
  expect(rows).toHaveLength(1)
  expect(rows[0]).toMatchObject({ role: null, db_role: 'authenticated' })
})

test("embedding cannot reach another advocate's rows through a row the attacker may read", async () => {
  const embeds = [
    'submissions',
    'points_ledger',
    'ask_ledger',
    'interactions',
    'saved_items',
    'personality_results',
    'advocate_accounts',
  ].reduce((select, table) => `${select},${table}!profile_id(*)`, 'id')
  // Their own profile, with everything hanging off it: only their own rows (and no CRM row).
  const own = await actors.a.client.from('profiles').select(embeds).eq('id', actors.a.user.id).single()
  expect(own.error).toBeNull()
  const ownRows = own.data as unknown as Record<string, Array<{ profile_id: string }> | { profile_id: string } | null>
  for (const [name, value] of Object.entries(ownRows)) {
    if (name === 'id') continue
    for (const row of Array.isArray(value) ? value : value ? [value] : []) expect(row.profile_id, name).toBe(actors.a.user.id)
  }
  expect(ownRows.advocate_accounts).toBeNull()
  expect(ownRows.points_ledger, 'the arranged rows are embedded').toHaveLength(1)
  // The victim's profile: invisible, so nothing embedded in it either; nor through the points' submission.
  const victims = await actors.a.client.from('profiles').select(embeds).eq('id', actors.b.user.id)
  expect(victims.data).toEqual([])
  const viaPoints = await actors.a.client
    .from('points_ledger')
    .select('id, submissions(*), profiles!profile_id(*)')
    .neq('profile_id', actors.a.user.id)
  expect(viaPoints.data).toEqual([])
  const anon = await anonClient().from('profiles').select(embeds)
  expect(anon.status).toBe(401)
})
