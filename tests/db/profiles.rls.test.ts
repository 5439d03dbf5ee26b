/**
 * `public.profiles`: the full RLS matrix, plus the behaviours a matrix cannot express
 * (the sign-up trigger, column grants, checks, unfiltered reads, the cascade).
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { TablesUpdate } from '../../supabase/functions/_shared/database.types.ts'
import { anonClient, db, serviceClient, uniqueEmail } from '../stack/support/stack.ts'
import { createPrincipals, type Principals } from './support/principals.ts'
import { profilesMatrix } from './support/matrices/profiles.ts'
import { describeRlsMatrix } from './support/rls-matrix.ts'

describeRlsMatrix(profilesMatrix)

const profileOf = async (id: string) =>
  (
    await db.query<{ display_name: string; avatar_url: string | null; updated_at: Date }>(
      'select display_name, avatar_url, updated_at from public.profiles where id = $1',
      [id],
    )
  ).rows[0]

describe('profiles: created by the sign-up trigger', () => {
  const created: string[] = []
  afterAll(async () => {
    for (const id of created) await serviceClient().auth.admin.deleteUser(id)
  })

  async function signUp(email: string, data?: Record<string, unknown>) {
    const { data: result, error } = await anonClient().auth.signUp({ email, password: `pw-${randomUUID()}`, options: { data } })
    expect(error).toBeNull()
    created.push(result.user!.id)
    return result.user!.id
  }

  test('signUp with a display name creates the profile with that name', async () => {
    const id = await signUp(uniqueEmail('trigger'), { display_name: '  Priya   Natarajan ' })
    expect(await profileOf(id)).toMatchObject({ display_name: 'Priya Natarajan', avatar_url: null })
  })

  test('without a display name, the e-mail local part is used', async () => {
    const email = uniqueEmail('jo.bloggs')
    const id = await signUp(email)
    expect((await profileOf(id)).display_name).toBe(email.split('@')[0])
  })

  test('an over-long or blank name is normalised instead of failing the sign-up', async () => {
    const long = await signUp(uniqueEmail('long'), { display_name: `${'x'.repeat(79)} yz` })
    expect((await profileOf(long)).display_name).toBe('x'.repeat(79))
    const blankEmail = uniqueEmail('blank')
    const blank = await signUp(blankEmail, { display_name: ' \n\t ' })
    expect((await profileOf(blank)).display_name).toBe(blankEmail.split('@')[0])
  })

  test('users created through the admin API get a profile too; deleting the user deletes it', async () => {
    const { data, error } = await serviceClient().auth.admin.createUser({
      email: uniqueEmail('admin-api'),
      email_confirm: true,
      user_metadata: { full_name: 'Lena Fischer' },
    })
    expect(error).toBeNull()
    const id = data.user!.id
    expect((await profileOf(id)).display_name).toBe('Lena Fischer')
    expect((await serviceClient().auth.admin.deleteUser(id)).error).toBeNull()
    expect(await profileOf(id)).toBeUndefined()
  })
})

describe('profiles: owners, others, admins', () => {
  let p: Principals
  beforeAll(async () => {
    p = await createPrincipals('profiles')
  })
  afterAll(async () => {
    await p?.cleanup()
  })

  test('the owner updates their display name and avatar; updated_at moves', async () => {
    const id = p.idOf('advocate')
    const before = await profileOf(id)
    const { data, error } = await p.advocate.client
      .from('profiles')
      .update({ display_name: 'Ava T.', avatar_url: 'https://images.example.com/ava.png' })
      .eq('id', id)
      .select('display_name, avatar_url')
      .single()
    expect(error).toBeNull()
    expect(data).toEqual({ display_name: 'Ava T.', avatar_url: 'https://images.example.com/ava.png' })
    expect((await profileOf(id)).updated_at.getTime()).toBeGreaterThan(before.updated_at.getTime())
  })

  test("updating someone else's profile silently affects 0 rows", async () => {
    const other = p.idOf('otherAdvocate')
    const before = await profileOf(other)
    const { data, error, status } = await p.advocate.client.from('profiles').update({ display_name: 'Hijacked' }).eq('id', other).select()
    expect(error).toBeNull()
    expect([200, 204]).toContain(status)
    expect(data).toEqual([])
    expect(await profileOf(other)).toEqual(before)
  })

  test.each([
    ['id', () => randomUUID()],
    ['created_at', () => '2000-01-01T00:00:00Z'],
    ['updated_at', () => '2000-01-01T00:00:00Z'],
  ])('the owner cannot change %s (no column grant)', async (column, value) => {
    const id = p.idOf('advocate')
    const { error, status } = await p.advocate.client
      .from('profiles')
      .update({ [column]: value() } as TablesUpdate<'profiles'>)
      .eq('id', id)
    expect(status).toBe(403)
    expect(error?.code).toBe('42501')
    expect(await profileOf(id)).toBeDefined()
  })

  test.each([
    ['an empty name', { display_name: '' }],
    ['a name with outer spaces', { display_name: ' Ava ' }],
    ['a name over 80 characters', { display_name: 'a'.repeat(81) }],
    ['a multi-line name', { display_name: 'Ava\nThompson' }],
    ['an http avatar', { avatar_url: 'http://images.example.com/a.png' }],
    ['a javascript: avatar', { avatar_url: 'javascript:alert(1)' }],
    ['an avatar with spaces', { avatar_url: 'https://images.example.com/a b.png' }],
  ])('the database refuses %s', async (_label, patch) => {
    const { error } = await p.advocate.client.from('profiles').update(patch).eq('id', p.idOf('advocate'))
    expect(error?.code).toBe('23514')
  })

  test('an advocate sees only their own profile, even unfiltered', async () => {
    const { data, error } = await p.advocate.client.from('profiles').select('id')
    expect(error).toBeNull()
    expect(data).toEqual([{ id: p.idOf('advocate') }])
  })

  test('claiming admin in user_metadata (which users can set) grants nothing', async () => {
    const { client } = p.otherAdvocate
    expect((await client.auth.updateUser({ data: { role: 'admin', is_admin: true } })).error).toBeNull()
    expect((await client.auth.refreshSession()).error).toBeNull()
    const { data } = await client.from('profiles').select('id')
    expect(data).toEqual([{ id: p.idOf('otherAdvocate') }])
  })

  test('an admin sees every profile, including the seeded demo program', async () => {
    const { data, error } = await p.admin.client.from('profiles').select('id')
    expect(error).toBeNull()
    const ids = data!.map((row) => row.id)
    for (const name of ['advocate', 'otherAdvocate', 'admin'] as const) expect(ids).toContain(p.idOf(name))
    expect(ids).toContain('00000000-0000-4000-8000-000000000101')
    expect(ids.length).toBeGreaterThanOrEqual(10)
  })

  test('anon is refused outright, not just shown an empty list', async () => {
    const { error, status } = await p.anon.client.from('profiles').select('id')
    expect(status).toBe(401)
    expect(error?.code).toBe('42501')
  })

  test('nobody but the service role inserts or deletes profiles through the API', async () => {
    const id = p.idOf('advocate')
    for (const principal of ['advocate', 'admin'] as const) {
      const del = await p[principal].client.from('profiles').delete().eq('id', id)
      expect(del.error?.code).toBe('42501')
      const ins = await p[principal].client.from('profiles').insert({ id: randomUUID(), display_name: 'Ghost' })
      expect(ins.error?.code).toBe('42501')
    }
    expect(await profileOf(id)).toBeDefined()
  })
})
