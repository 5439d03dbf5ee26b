/**
 * The feed's tables beyond the RLS matrices (`<table>.rls.test.ts`): the settings row matches the
 * engine's defaults, drafts stay hidden, what the interaction log accepts from an advocate,
 * accepted_count follows the ledger, and the demo seed has what the feed needs.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEFAULT_FEED_SETTINGS } from '../../supabase/functions/_shared/matching/settings.ts'
import { db } from '../stack/support/stack.ts'
import { insertAcceptedAsk, insertContentItem, insertOpportunity, removeFeedTestItems } from './support/matrices/feed.ts'
import { createPrincipals, type Principals } from './support/principals.ts'

let p: Principals
beforeAll(async () => {
  p = await createPrincipals('feed-data')
})
afterAll(async () => {
  await p?.cleanup()
  await removeFeedTestItems()
})

const title = (what: string) => `rls-feed ${what} ${randomUUID().slice(0, 8)}`
const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())

describe('program settings', () => {
  test("the defaults are the engine's DEFAULT_FEED_SETTINGS, one column per field", async () => {
    // A fresh row, not the live one (the program_settings matrix edits it in parallel).
    const client = await db.connect()
    try {
      await client.query('begin')
      await client.query('create temp table fresh (like public.program_settings including defaults) on commit drop')
      const fresh = (await client.query('insert into fresh default values returning *')).rows[0] as Record<string, unknown>
      await client.query('rollback')
      const settings: Record<string, unknown> = {}
      for (const [column, value] of Object.entries(fresh)) {
        if (['id', 'updated_at', 'updated_by'].includes(column)) continue
        settings[camel(column)] = value
      }
      expect(settings).toEqual(DEFAULT_FEED_SETTINGS)
    } finally {
      client.release()
    }
  })

  test('a second row is impossible', async () => {
    await expect(db.query('insert into public.program_settings (id) values (false)')).rejects.toMatchObject({ code: '23514' })
  })
})

describe('visibility of asks and gives', () => {
  test('advocates see open asks only; admins see drafts, paused and closed ones too', async () => {
    const titles = { open: title('open'), draft: title('draft'), paused: title('paused'), closed: title('closed') }
    for (const [status, t] of Object.entries(titles)) await insertOpportunity(t, { status })
    const all = Object.values(titles)
    const seen = async (who: 'advocate' | 'admin') =>
      ((await p[who].client.from('opportunities').select('title').in('title', all)).data ?? []).map((r) => r.title).sort()
    expect(await seen('advocate')).toEqual([titles.open])
    expect(await seen('admin')).toEqual([...all].sort())
  })

  test('advocates see published gives only, not drafts or scheduled ones', async () => {
    const published = title('published')
    const draft = title('draft give')
    const scheduled = title('scheduled')
    await insertContentItem(published)
    await insertContentItem(draft, null)
    await insertContentItem(scheduled, new Date(Date.now() + 86_400_000).toISOString())
    const seen = async (who: 'advocate' | 'admin') =>
      ((await p[who].client.from('content_items').select('title').in('title', [published, draft, scheduled])).data ?? [])
        .map((r) => r.title)
        .sort()
    expect(await seen('advocate')).toEqual([published])
    expect(await seen('admin')).toEqual([draft, published, scheduled].sort())
  })
})

describe('interactions', () => {
  test.each(['shown', 'opened', 'declined', 'snoozed'])('an advocate logs %s on their own item', async (kind) => {
    const opportunityId = await insertOpportunity(title('target'))
    const { error } = await p.advocate.client.from('interactions').insert({
      profile_id: p.idOf('advocate'),
      item_kind: 'ask',
      opportunity_id: opportunityId,
      kind: kind as 'shown',
      snoozed_until: kind === 'snoozed' ? new Date(Date.now() + 7 * 86_400_000).toISOString() : null,
    })
    expect(error).toBeNull()
  })

  test.each(['accepted', 'submitted', 'approved', 'rejected'])('an advocate cannot log %s themselves (42501)', async (kind) => {
    const opportunityId = await insertOpportunity(title('target'))
    const { error } = await p.advocate.client.from('interactions').insert({
      profile_id: p.idOf('advocate'),
      item_kind: 'ask',
      opportunity_id: opportunityId,
      kind: kind as 'accepted',
    })
    expect(error?.code).toBe('42501')
  })

  test("checks: the item must match item_kind; snoozes carry a date at most 90 days ahead; at is the database's", async () => {
    const opportunityId = await insertOpportunity(title('target'))
    const insert = (row: Record<string, unknown>) =>
      p.advocate.client
        .from('interactions')
        .insert({ profile_id: p.idOf('advocate'), item_kind: 'ask', opportunity_id: opportunityId, kind: 'shown', ...row } as never)
    expect((await insert({ item_kind: 'content' })).error?.code).toBe('23514')
    expect((await insert({ kind: 'snoozed' })).error?.code).toBe('23514')
    expect((await insert({ kind: 'snoozed', snoozed_until: new Date(Date.now() + 91 * 86_400_000).toISOString() })).error?.code).toBe(
      '23514',
    )
    expect((await insert({ decline_reason: 'not a decline' })).error?.code).toBe('23514')
    // `at` is not grantable: a client cannot backdate a decline.
    expect((await insert({ at: '2020-01-01T00:00:00Z' })).error?.code).toBe('42501')
  })
})

describe('ask ledger', () => {
  test('accepted_count follows the ledger rows accepted or completed', async () => {
    const opportunityId = await insertOpportunity(title('capacity'), { capacity: 5 })
    const count = async () =>
      (await db.query<{ n: number }>('select accepted_count as n from public.opportunities where id = $1', [opportunityId])).rows[0].n
    const ledgerId = await insertAcceptedAsk(p.idOf('advocate'), opportunityId)
    await insertAcceptedAsk(p.idOf('otherAdvocate'), opportunityId)
    expect(await count()).toBe(2)
    await db.query(`update public.ask_ledger set state = 'completed', completed_at = now() where id = $1`, [ledgerId])
    expect(await count()).toBe(2)
    await db.query('delete from public.ask_ledger where id = $1', [ledgerId])
    expect(await count()).toBe(1)
  })

  test('an advocate holds a catalogue ask once at a time', async () => {
    const opportunityId = await insertOpportunity(title('once'))
    await insertAcceptedAsk(p.idOf('advocate'), opportunityId)
    await expect(insertAcceptedAsk(p.idOf('advocate'), opportunityId)).rejects.toMatchObject({ code: '23505' })
  })

  test("submissions: nobody inserts through the API; the type is the ask's; one live submission per ask", async () => {
    const mine = await insertAcceptedAsk(p.idOf('advocate'))
    const submit = (who: 'advocate' | 'admin', askLedgerId: number) =>
      p[who].client.from('submissions').insert({ profile_id: p.idOf(who), ask_ledger_id: askLedgerId, type: 'testimonial', payload: {} })
    // Direct inserts would skip the per-type validation: submit-ask → record_submission() only.
    expect((await submit('advocate', mine)).error?.code).toBe('42501')
    expect((await submit('admin', await insertAcceptedAsk(p.idOf('admin')))).error?.code).toBe('42501')
    const insert = (askLedgerId: number, type = 'testimonial') =>
      db.query(`insert into public.submissions (profile_id, ask_ledger_id, type, payload) values ($1, $2, $3, '{}')`, [
        p.idOf('advocate'),
        askLedgerId,
        type,
      ])
    // The composite FK (ask_ledger_id, type) refuses another type.
    await expect(insert(mine, 'review')).rejects.toMatchObject({ code: '23503' })
    await insert(mine)
    await expect(insert(mine)).rejects.toMatchObject({ code: '23505' })
  })
})

describe('demo seed', () => {
  test('CRM data: a detractor, a newcomer under 3 months, the rest eligible', async () => {
    const { rows } = await db.query<{ name: string; nps: number; tenure_ok: boolean; health: number }>(
      `select p.display_name as name, a.nps, a.customer_since <= (now() - interval '3 months')::date as tenure_ok, a.health_score as health
         from public.advocate_accounts a join public.profiles p on p.id = a.profile_id
        where a.profile_id::text like '00000000-0000-4000-8000-%' order by p.display_name`,
    )
    expect(rows).toHaveLength(6)
    expect(rows.filter((r) => r.nps <= 6).map((r) => r.name)).toEqual(['Carmen Ruiz'])
    expect(rows.filter((r) => !r.tenure_ok).map((r) => r.name)).toEqual(['Farah Haddad'])
    expect(rows.filter((r) => r.nps >= 9 && r.health >= 70 && r.tenure_ok).map((r) => r.name)).toEqual([
      'Ava Thompson',
      'Ben Okafor',
      'Dev Patel',
      'Emma Schultz',
    ])
  })

  test('asks across types, efforts and teams; gives of every kind; ledger rows from several teams', async () => {
    const seeded = `created_by = '00000000-0000-4000-8000-000000000001'`
    const {
      rows: [o],
    } = await db.query(
      `select count(*)::int as n, count(distinct type)::int as types, count(distinct effort)::int as efforts,
              count(distinct team)::int as teams, count(*) filter (where status = 'open')::int as open
         from public.opportunities where ${seeded}`,
    )
    expect(o.n).toBeGreaterThanOrEqual(15)
    expect(o).toMatchObject({ types: 13, efforts: 3 })
    expect(o.teams).toBeGreaterThanOrEqual(5)
    const {
      rows: [c],
    } = await db.query(
      `select count(*) filter (where published_at <= now())::int as published, count(distinct kind)::int as kinds from public.content_items where ${seeded}`,
    )
    expect(c).toEqual({ published: 10, kinds: 5 })
    const {
      rows: [l],
    } = await db.query(
      `select count(*)::int as n, count(distinct team)::int as teams from public.ask_ledger where profile_id::text like '00000000-0000-4000-8000-%'`,
    )
    expect(l.teams).toBeGreaterThanOrEqual(4)
  })
})
