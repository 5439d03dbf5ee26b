/**
 * The `feed` edge function through the real gateway and Deno (supabase-js `functions.invoke`),
 * signed in as seeded demo advocates (read-only) and as fresh advocates with CRM rows of their
 * own (the ones this file changes). Checks what issue 5 §2 and ADR 005 promise a caller.
 */
import { FunctionsHttpError } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { FeedItemExplanation, FeedResponse } from '../../supabase/functions/_shared/feed-contract.ts'
import { loadFeedInputs } from '../../supabase/functions/_shared/feed-inputs.ts'
import { rankFeedAll, type FeedFilter } from '../../supabase/functions/_shared/matching.ts'
import { anonClient, db, serviceClient } from '../stack/support/stack.ts'
import { signInAs, type SignedInPrincipal, type TypedClient } from './support/principals.ts'

interface ErrorBody {
  error: string
  message: string
}

/** Invokes `feed` with GET (or `method`) and returns the status and parsed body, whatever the outcome. */
async function feed(client: TypedClient, params: Record<string, string | number> = {}, method: 'GET' | 'POST' = 'GET') {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()
  const { data, error, response } = await client.functions.invoke(query ? `feed?${query}` : 'feed', { method })
  if (error instanceof FunctionsHttpError) {
    const res = error.context as Response
    return { status: res.status, body: (await res.json()) as ErrorBody, ok: false as const }
  }
  if (error) throw error
  return { status: response!.status, body: data as FeedResponse, ok: true as const }
}

async function okFeed(client: TypedClient, params: Record<string, string | number> = {}): Promise<FeedResponse> {
  const res = await feed(client, params)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body as FeedResponse
}

/** Every item of the feed, following `nextCursor` with pages of `limit` (and the same filter). */
async function wholeFeed(client: TypedClient, limit: number, filter: Record<string, string> = {}): Promise<FeedResponse['items']> {
  const items: FeedResponse['items'] = []
  let cursor: string | null = null
  for (let page = 0; page < 100; page++) {
    const body: FeedResponse = await okFeed(client, cursor ? { ...filter, limit, cursor } : { ...filter, limit })
    expect(body.items.length).toBeLessThanOrEqual(limit)
    items.push(...body.items)
    cursor = body.nextCursor
    if (!cursor) return items
  }
  throw new Error('the feed never ended')
}

async function explain(client: TypedClient, item: string) {
  const res = await feed(client, { item })
  return res as { status: number; ok: boolean; body: FeedItemExplanation & ErrorBody }
}

async function okExplain(client: TypedClient, item: string): Promise<FeedItemExplanation> {
  const res = await explain(client, item)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body
}

async function opportunityId(title: string): Promise<number> {
  const { rows } = await db.query('select id from public.opportunities where title = $1', [title])
  expect(rows, title).toHaveLength(1)
  return Number(rows[0].id)
}

async function seededAdvocate(email: string): Promise<TypedClient> {
  const client = anonClient()
  const { error } = await client.auth.signInWithPassword({ email, password: 'password123' })
  if (error) throw error
  return client as unknown as TypedClient
}

/** A CRM row that passes every eligibility criterion (enterprise, NPS 10, health 90, 2 years, active). */
async function giveEligibleAccount(profileId: string) {
  await db.query(
    `insert into public.advocate_accounts (profile_id, segment, nps, nps_at, health_score, customer_since, last_active_at)
     values ($1, 'enterprise', 10, now() - interval '10 days', 90, (now() - interval '2 years')::date, now() - interval '1 day')`,
    [profileId],
  )
}

function expectRuleOfThirds(items: FeedResponse['items']) {
  for (let i = 0; i < items.length; i++) {
    const window = items.slice(i, i + 3)
    expect(window.filter((item) => item.kind === 'ask').length, `items ${i}–${i + 2}`).toBeLessThanOrEqual(1)
  }
}

let advocate: SignedInPrincipal
let otherAdvocate: SignedInPrincipal
let admin: SignedInPrincipal
let carmen: TypedClient
let farah: TypedClient
let ava: TypedClient
let ben: TypedClient

beforeAll(async () => {
  ;[advocate, otherAdvocate, admin] = await Promise.all([
    signInAs({ name: 'advocate', label: 'feed' }),
    signInAs({ name: 'otherAdvocate', label: 'feed' }),
    signInAs({ name: 'admin', label: 'feed', appMetadata: { role: 'admin' } }),
  ])
  ;[carmen, farah, ava, ben] = await Promise.all([
    seededAdvocate('carmen@example.com'),
    seededAdvocate('farah@example.com'),
    seededAdvocate('ava@example.com'),
    seededAdvocate('ben@example.com'),
  ])
  await Promise.all([giveEligibleAccount(advocate.user.id), giveEligibleAccount(otherAdvocate.user.id)])
})

afterAll(async () => {
  const service = serviceClient()
  for (const principal of [advocate, otherAdvocate, admin]) {
    if (principal) await service.auth.admin.deleteUser(principal.user.id)
  }
})

describe('feed: an eligible advocate', () => {
  test('200 with ranked items, each with reasons and display fields; asks are not paused', async () => {
    const body = await okFeed(advocate.client, { limit: 50 })
    expect(body.asksPaused).toBe(false)
    expect(body).not.toHaveProperty('eligibility')
    expect(body.nextCursor).toBeNull()
    expect(body.items.length).toBeGreaterThan(3)
    expect(body.items.some((item) => item.kind === 'ask')).toBe(true)
    expect(body.items.some((item) => item.kind === 'content')).toBe(true)
    for (const item of body.items) {
      expect(item.reasons.length).toBeGreaterThanOrEqual(1)
      expect(item.reasons.length).toBeLessThanOrEqual(3)
      expect(item.title).toEqual(expect.any(String))
      expect(item.excerpt).toEqual(expect.any(String))
      if (item.kind === 'ask') {
        expect(item).toMatchObject({ effort: expect.any(String), points: expect.any(Number) })
        expect('estimatedMinutes' in item).toBe(true)
      } else {
        expect('url' in item).toBe(true)
      }
    }
    // A newcomer (no completed asks) starts with a give, and asks obey the rule of thirds.
    expect(body.items[0].kind).toBe('content')
    expectRuleOfThirds(body.items)
  })

  test('the default page size is the program setting (20); limit picks another', async () => {
    const settings = await db.query('select page_size from public.program_settings')
    const full = await okFeed(ava, { limit: 50 })
    const byDefault = await okFeed(ava)
    expect(byDefault.items.map((i) => i.id)).toEqual(full.items.slice(0, settings.rows[0].page_size).map((i) => i.id))
    const two = await okFeed(ava, { limit: 2 })
    expect(two.items).toHaveLength(2)
    expect(two.nextCursor).toEqual(expect.any(String))
  })

  test('the rule of thirds holds for a seeded advocate too (Ava)', async () => {
    const body = await okFeed(ava, { limit: 50 })
    expect(body.asksPaused).toBe(false)
    expectRuleOfThirds(body.items)
  })
})

describe('feed: ineligible advocates get content only, told only that asks are paused', () => {
  test('Carmen, a detractor (NPS 5)', async () => {
    const body = await okFeed(carmen, { limit: 50 })
    expect(body.asksPaused).toBe(true)
    expect(JSON.stringify(body)).not.toMatch(/detractor|nps|health|eligib/i)
    expect(body.items.length).toBeGreaterThan(0)
    expect(body.items.every((item) => item.kind === 'content')).toBe(true)
  })

  test('Farah, a customer for six weeks', async () => {
    const body = await okFeed(farah, { limit: 50 })
    expect(body.asksPaused).toBe(true)
    expect(JSON.stringify(body)).not.toMatch(/tenure|eligib/i)
    expect(body.items.length).toBeGreaterThan(0)
    expect(body.items.every((item) => item.kind === 'content')).toBe(true)
  })
})

describe('feed: only what the caller may be offered', () => {
  test('draft and paused asks and unpublished content never appear', async () => {
    const items = [...(await okFeed(advocate.client, { limit: 50 })).items, ...(await okFeed(ava, { limit: 50 })).items]
    const askIds = items.filter((i) => i.kind === 'ask').map((i) => Number(i.id))
    const contentIds = items.filter((i) => i.kind === 'content').map((i) => Number(i.id))
    expect(askIds.length).toBeGreaterThan(0)
    const asks = await db.query('select id, status from public.opportunities where id = any($1)', [askIds])
    expect(asks.rows).toHaveLength(new Set(askIds).size)
    expect(asks.rows.every((r) => r.status === 'open')).toBe(true)
    const content = await db.query('select id from public.content_items where id = any($1) and published_at <= now()', [contentIds])
    expect(content.rows).toHaveLength(new Set(contentIds).size)

    const hidden = await db.query(
      `select id::text from public.opportunities where status in ('draft', 'paused')
       union all select id::text from public.content_items where published_at is null or published_at > now()`,
    )
    expect(hidden.rows.length).toBeGreaterThan(0)
    const served = new Set(items.map((i) => i.id))
    for (const { id } of hidden.rows) expect(served.has(id)).toBe(false)
  })
})

describe('feed: paging', () => {
  // The page size is part of the ranking (a newcomer's page never opens with an ask), so pages of
  // `limit` are compared with the engine's whole ranking at that page size, from the same rows.
  test.each([1, 2, 3, 7, 50])('pages of %i neither drop nor repeat items', async (limit) => {
    const inputs = await loadFeedInputs({
      caller: advocate.client,
      service: serviceClient() as unknown as TypedClient,
      profileId: advocate.user.id,
      now: new Date().toISOString(),
    })
    const expected = rankFeedAll({ ...inputs, settings: { ...inputs.settings, pageSize: limit } })
    const paged = await wholeFeed(advocate.client, limit)
    const keys = paged.map((i) => `${i.kind}:${i.id}`)
    expect(keys).toEqual(expected.map((i) => `${i.kind}:${i.id}`))
    expect(new Set(keys).size).toBe(keys.length)
    // Gives are never dropped, whatever the page size.
    expect(paged.filter((i) => i.kind === 'content')).toHaveLength(
      inputs.content.filter((c) => c.targetSegments.length === 0 || c.targetSegments.includes('enterprise')).length,
    )
    expectRuleOfThirds(paged)
  })
})

describe('feed: errors', () => {
  test('a garbled cursor is 400 malformed', async () => {
    const res = await feed(advocate.client, { cursor: 'not-a-cursor' })
    expect(res.status).toBe(400)
    expect(res.body).toEqual({ error: 'malformed', message: expect.any(String) })
  })

  test('a cursor of another version is 400 unsupported_version', async () => {
    const { nextCursor } = await okFeed(advocate.client, { limit: 1 })
    const res = await feed(advocate.client, { limit: 1, cursor: nextCursor!.replace(/^1\./, '9.') })
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ error: 'unsupported_version' })
  })

  test("another advocate's cursor is 409 stale", async () => {
    const { nextCursor } = await okFeed(otherAdvocate.client, { limit: 1 })
    const res = await feed(ava, { limit: 1, cursor: nextCursor! })
    expect(res.status).toBe(409)
    expect(res.body).toMatchObject({ error: 'stale' })
  })

  test.each<Record<string, string | number>>([
    { limit: 0 },
    { limit: 51 },
    { limit: 'ten' },
    { offset: 3 },
    { kind: 'asks' },
    { type: 'webinar' },
    { kind: 'ask', type: 'how_to' },
    { kind: 'content', type: 'review' },
    { item: 'ask:abc' },
    { item: 'opportunity:1' },
    { item: 'ask:0' },
    { item: 'ask:1', limit: 5 },
    { item: 'content:1', kind: 'content' },
  ])('a bad query %o is 400 invalid_query', async (params) => {
    const res = await feed(advocate.client, params)
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ error: 'invalid_query' })
  })

  test('the anon key is 401', async () => {
    const res = await feed(anonClient() as unknown as TypedClient)
    expect(res.status).toBe(401)
    expect(res.body).toMatchObject({ error: 'unauthorized' })
  })

  test('POST is 405', async () => {
    const res = await feed(advocate.client, {}, 'POST')
    expect(res.status).toBe(405)
    expect(res.body).toMatchObject({ error: 'method_not_allowed' })
  })
})

describe('feed: a declined ask', () => {
  test("disappears from the advocate's feed but not from another advocate's", async () => {
    const before = await okFeed(advocate.client, { limit: 50 })
    const ask = before.items.find((i) => i.kind === 'ask')
    expect(ask).toBeDefined()
    expect((await okFeed(otherAdvocate.client, { limit: 50 })).items.some((i) => i.kind === 'ask' && i.id === ask!.id)).toBe(true)

    const { error } = await advocate.client.from('interactions').insert({
      profile_id: advocate.user.id,
      item_kind: 'ask',
      opportunity_id: Number(ask!.id),
      kind: 'declined',
      decline_reason: 'Not this month.',
    })
    expect(error).toBeNull()

    const after = await okFeed(advocate.client, { limit: 50 })
    expect(after.items.some((i) => i.kind === 'ask' && i.id === ask!.id)).toBe(false)
    expectRuleOfThirds(after.items)
    const other = await okFeed(otherAdvocate.client, { limit: 50 })
    expect(other.items.some((i) => i.kind === 'ask' && i.id === ask!.id)).toBe(true)
  })
})

describe('feed: filters (ADR 006)', () => {
  test.each<[string, Record<string, string> | 'the first ask’s type']>([
    ['asks only', { kind: 'ask' }],
    ['gives only', { kind: 'content' }],
    ['one kind of give', { kind: 'content', type: 'how_to' }],
    ['one type, kind implied', 'the first ask’s type'],
  ])('%s: the composed order narrowed, paged without drops or repeats', async (_, given) => {
    const inputs = await loadFeedInputs({
      caller: advocate.client,
      service: serviceClient() as unknown as TypedClient,
      profileId: advocate.user.id,
      now: new Date().toISOString(),
    })
    const filter: Record<string, string> =
      typeof given === 'string' ? { type: rankFeedAll(inputs).find((i) => i.kind === 'ask')!.type } : given
    // A newcomer's page never opens with an ask, so pages of 1 would hold none: asks page by 2.
    const limit = filter.kind === 'content' ? 1 : 2
    const expected = rankFeedAll({ ...inputs, settings: { ...inputs.settings, pageSize: limit }, filter: filter as FeedFilter })
    const paged = await wholeFeed(advocate.client, limit, filter)
    expect(paged.map((i) => `${i.kind}:${i.id}`)).toEqual(expected.map((i) => `${i.kind}:${i.id}`))
    expect(paged.length).toBeGreaterThanOrEqual(filter.kind === 'content' ? 2 : 1)
    for (const item of paged) {
      if (filter.kind) expect(item.kind).toBe(filter.kind)
      if (filter.type) expect(item.type).toBe(filter.type)
    }
  })

  test('"asks only" keeps no thirds: asks may sit side by side', async () => {
    const all = await okFeed(advocate.client, { limit: 50 })
    const asks = await okFeed(advocate.client, { limit: 50, kind: 'ask' })
    expect(asks.items.map((i) => i.id)).toEqual(all.items.filter((i) => i.kind === 'ask').map((i) => i.id))
    expect(asks.items.length).toBeGreaterThanOrEqual(2)
    expect(asks.asksPaused).toEqual(all.asksPaused)
  })

  test('a cursor from another filter, or from the unfiltered feed, is 409 stale', async () => {
    const gives = await okFeed(advocate.client, { limit: 1, kind: 'content' })
    expect(gives.nextCursor).toEqual(expect.any(String))
    const other = await feed(advocate.client, { limit: 1, kind: 'content', type: 'how_to', cursor: gives.nextCursor! })
    expect(other.status).toBe(409)
    expect(other.body).toMatchObject({ error: 'stale' })
    const unfiltered = await feed(advocate.client, { limit: 1, cursor: gives.nextCursor! })
    expect(unfiltered.status).toBe(409)
    const same = await feed(advocate.client, { limit: 1, kind: 'content', cursor: gives.nextCursor! })
    expect(same.status).toBe(200)
  })
})

describe('feed: explaining one item (ADR 006)', () => {
  test('an ask in the feed: offerable, with the reasons the feed shows and its display fields', async () => {
    const page = await okFeed(ava, { limit: 50 })
    const ask = page.items.find((i) => i.kind === 'ask')!
    const explained = await okExplain(ava, `ask:${ask.id}`)
    expect(explained).toEqual({ item: ask, offerable: true, blockedBy: [], hiddenBecause: [], asksPaused: page.asksPaused })
  })

  test('a give: offerable when published for the caller’s segment', async () => {
    const page = await okFeed(ava, { limit: 50 })
    const give = page.items.find((i) => i.kind === 'content')!
    expect(await okExplain(ava, `content:${give.id}`)).toMatchObject({ item: give, offerable: true, blockedBy: [] })
    const { rows } = await db.query(`select id from public.content_items where title = 'Preview the enterprise audit log'`)
    const enterpriseOnly = await okExplain(ben, `content:${rows[0].id}`)
    expect(enterpriseOnly).toMatchObject({ offerable: false, blockedBy: ['not_available'] })
    expect(enterpriseOnly.item?.reasons.length).toBeGreaterThan(0)
  })

  test('a detractor: not_eligible, and still the reasons the item would fit', async () => {
    const explained = await okExplain(carmen, `ask:${await opportunityId('Rate us on G2')}`)
    expect(explained.offerable).toBe(false)
    expect(explained.blockedBy).toContain('not_eligible')
    expect(explained.asksPaused).toBe(true)
    expect(JSON.stringify(explained)).not.toMatch(/detractor|nps_|health|"eligibility"/i)
    expect(explained.item).toMatchObject({ kind: 'ask', title: 'Rate us on G2', reasons: expect.arrayContaining([expect.any(String)]) })
  })

  test('already taken (Ben accepted the beta); locked by the ladder; another segment, a tier nobody has yet', async () => {
    expect((await okExplain(ben, `ask:${await opportunityId('Try the new dashboards beta')}`)).blockedBy).toContain('already_taken')
    // Ava has completed one ask: medium effort is unlocked, high effort (3) is not.
    expect((await okExplain(ava, `ask:${await opportunityId('Co-write a best-practice guide')}`)).blockedBy).toEqual(['effort_locked'])
    expect((await okExplain(ava, `ask:${await opportunityId('Take a reference call')}`)).blockedBy).toEqual(['not_available'])
    expect((await okExplain(ben, `ask:${await opportunityId('Join the customer advisory board')}`)).blockedBy).toEqual(
      expect.arrayContaining(['effort_locked', 'not_available']),
    )
  })

  test('declined: hidden from the feed, but informational: still offerable from the detail page', async () => {
    const fresh = await signInAs({ name: 'advocate', label: 'feed-explain' })
    try {
      await giveEligibleAccount(fresh.user.id)
      const ask = (await okFeed(fresh.client, { limit: 50 })).items.find((i) => i.kind === 'ask')!
      const { error } = await fresh.client
        .from('interactions')
        .insert({ profile_id: fresh.user.id, item_kind: 'ask', opportunity_id: Number(ask.id), kind: 'declined' })
      expect(error).toBeNull()
      expect((await okFeed(fresh.client, { limit: 50 })).items.some((i) => i.id === ask.id && i.kind === 'ask')).toBe(false)
      expect(await okExplain(fresh.client, `ask:${ask.id}`)).toMatchObject({
        item: { id: ask.id, reasons: ask.reasons },
        offerable: true,
        blockedBy: [],
        hiddenBecause: ['declined_recently'],
      })
    } finally {
      await serviceClient().auth.admin.deleteUser(fresh.user.id)
    }
  })

  test('404 for an item the caller cannot see: a draft, a paused ask, an unpublished give, or no such id', async () => {
    const { rows } = await db.query(
      `select (select id from public.opportunities where status = 'draft' limit 1) as draft,
              (select id from public.opportunities where status = 'paused' limit 1) as paused,
              (select id from public.content_items where published_at is null limit 1) as unpublished`,
    )
    for (const item of [
      `ask:${rows[0].draft}`,
      `ask:${rows[0].paused}`,
      `content:${rows[0].unpublished}`,
      'ask:999999999',
      'content:999999999',
    ]) {
      const res = await explain(ava, item)
      expect(res.status, item).toBe(404)
      expect(res.body).toMatchObject({ error: 'not_found' })
    }
  })

  test('an admin sees a draft explained: no item, not available', async () => {
    const { rows } = await db.query(`select id from public.opportunities where status = 'draft' limit 1`)
    expect(await okExplain(admin.client, `ask:${rows[0].id}`)).toMatchObject({ item: null, offerable: false, blockedBy: ['not_available'] })
  })
})
