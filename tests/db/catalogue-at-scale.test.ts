/**
 * The feed sees the whole catalogue past PostgREST's row cap (`max_rows = 1000`, issue 10 §1,
 * ADR 011): 1,200 published gives and more than 1,000 open asks; and a points balance of more
 * than 1,000 ledger rows is summed whole, in SQL. The rows target a segment only
 * this file's advocate has (so the feeds other files compare never show them), go in and out in
 * one statement each, and are deleted after.
 */
import { randomUUID } from 'node:crypto'
import { FunctionsHttpError } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { readCatalogue } from '../../supabase/functions/_shared/feed-catalogue.ts'
import { FEED_MAX_LIMIT, type FeedResponse } from '../../supabase/functions/_shared/feed-contract.ts'
import { db, serviceClient } from '../stack/support/stack.ts'
import { signInAs, type SignedInPrincipal } from './support/principals.ts'

const SEGMENT = `scale_${randomUUID().slice(0, 8)}`
const TITLE = `catalogue at scale ${SEGMENT}`
const GIVES = 1_200
const ASKS = 1_050
const MAX_ROWS = 1_000

let advocate: SignedInPrincipal
let giveIds: string[] = []
let askIds: string[] = []

beforeAll(async () => {
  advocate = await signInAs({ name: 'advocate', label: 'scale' })
  // Eligible (enterprise-style CRM row in a segment of its own), so the feed ranks for them.
  await db.query(
    `insert into public.advocate_accounts (profile_id, segment, nps, nps_at, health_score, customer_since, last_active_at)
     values ($1, $2, 10, now() - interval '10 days', 90, (now() - interval '2 years')::date, now() - interval '1 day')`,
    [advocate.user.id, SEGMENT],
  )
  const gives = await db.query(
    `insert into public.content_items (kind, title, body, affinity, target_segments, published_at)
     select 'how_to', $1 || ' give ' || n, 'A guide.', '{1,1,1,1}', array[$2], now() - interval '1 hour'
       from generate_series(1, $3::int) n
     returning id`,
    [TITLE, SEGMENT, GIVES],
  )
  giveIds = gives.rows.map((r) => String(r.id))
  const asks = await db.query(
    `insert into public.opportunities (type, title, body, effort, value, points, affinity, target_segments, team, status)
     select 'review', $1 || ' ask ' || n, 'Tell us.', 'low', 'medium', 10, '{1,1,1,1}', array[$2], 'marketing', 'open'
       from generate_series(1, $3::int) n
     returning id`,
    [TITLE, SEGMENT, ASKS],
  )
  askIds = asks.rows.map((r) => String(r.id))
}, 60_000)

afterAll(async () => {
  await db.query(`delete from public.content_items where target_segments = array[$1]`, [SEGMENT])
  await db.query(`delete from public.opportunities where target_segments = array[$1]`, [SEGMENT])
  if (advocate) await serviceClient().auth.admin.deleteUser(advocate.user.id)
}, 60_000)

describe('points past the row cap', () => {
  test('points_total sums every ledger row the caller can see, in SQL', async () => {
    const other = await signInAs({ name: 'otherAdvocate', label: 'scale' })
    try {
      await db.query(
        `insert into public.points_ledger (profile_id, delta, reason)
         select $1, case when n = 1 then -30 else 1 end, 'scale test' from generate_series(1, 1101) n`,
        [advocate.user.id],
      )
      const total = async (who: SignedInPrincipal) => {
        const { data, error } = await who.client.from('profiles').select('points_total').eq('id', who.user.id).single()
        expect(error).toBeNull()
        return (data as unknown as { points_total: number }).points_total
      }
      expect(await total(advocate)).toBe(1_070)
      // RLS decides what is summed: another advocate's balance is only their own rows.
      expect(await total(other)).toBe(0)
      const { data } = await advocate.client.from('points_ledger').select('delta').eq('profile_id', advocate.user.id)
      expect(data).toHaveLength(MAX_ROWS)
    } finally {
      await serviceClient().auth.admin.deleteUser(other.user.id)
    }
  })
})

describe('past the row cap', () => {
  test('a plain select stops at max_rows: what the catalogue read used to lose', async () => {
    const { data, error } = await advocate.client.from('content_items').select('id').not('published_at', 'is', null)
    expect(error).toBeNull()
    expect(data).toHaveLength(MAX_ROWS)
    const { count } = await advocate.client
      .from('content_items')
      .select('id', { count: 'exact', head: true })
      .not('published_at', 'is', null)
    expect(count).toBeGreaterThanOrEqual(GIVES)
  })

  test('the catalogue read returns every open ask and published give, more than 1,000 of each', async () => {
    const catalogue = await readCatalogue(advocate.client, new Date().toISOString())
    expect(catalogue.opportunities.length).toBeGreaterThan(MAX_ROWS)
    expect(catalogue.content.length).toBeGreaterThan(MAX_ROWS)
    const asks = new Set(catalogue.opportunities.map((o) => o.id))
    const gives = new Set(catalogue.content.map((c) => c.id))
    expect(askIds.filter((id) => !asks.has(id))).toEqual([])
    expect(giveIds.filter((id) => !gives.has(id))).toEqual([])
    // And it counts what the version counts, so the cache key and the catalogue agree.
    const { rows } = await db.query(`select count(*)::int as n from public.opportunities where status = 'open'`)
    expect(catalogue.opportunities.length).toBeLessThanOrEqual(rows[0].n)
  })

  test('the feed function returns every one of the 1,200 gives published for the advocate', async () => {
    let seen: string[] = []
    let cursor: string | null = null
    let restarts = 0
    for (let page = 0; page < 200; page++) {
      const query: string = new URLSearchParams({
        kind: 'content',
        limit: String(FEED_MAX_LIMIT),
        ...(cursor ? { cursor } : {}),
      }).toString()
      const { data, error } = await advocate.client.functions.invoke(`feed?${query}`, { method: 'GET' })
      if (error instanceof FunctionsHttpError) {
        const res = error.context as Response
        // Another file changing a give everyone sees mid-scroll makes the cursor stale (ADR 005);
        // start again from page 1, as the client does.
        if (res.status === 409 && restarts++ < 3) {
          await res.text()
          seen = []
          cursor = null
          continue
        }
        throw new Error(`feed answered ${res.status}: ${await res.text()}`)
      }
      expect(error).toBeNull()
      const body = data as FeedResponse
      seen.push(...body.items.flatMap((item) => (item.kind === 'content' && item.title.startsWith(`${TITLE} give `) ? [item.id] : [])))
      cursor = body.nextCursor
      if (!cursor) break
    }
    expect(cursor).toBeNull()
    expect(new Set(seen).size).toBe(GIVES)
    expect([...seen].sort()).toEqual([...giveIds].sort())
  }, 120_000)
})
