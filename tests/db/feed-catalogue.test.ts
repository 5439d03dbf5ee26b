/**
 * The feed function keeps the catalogue between requests (supabase/functions/_shared/feed-catalogue.ts),
 * which is sound only if (1) every signed-in caller reads the same catalogue, and (2)
 * `public.feed_catalogue_version` changes with every change to it. Rows made here target a
 * segment only this file's advocate has, so the feeds other files compare never see them.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { readCatalogue } from '../../supabase/functions/_shared/feed-catalogue.ts'
import type { FeedResponse } from '../../supabase/functions/_shared/feed-contract.ts'
import { db, serviceClient } from '../stack/support/stack.ts'
import { signInAs, type SignedInPrincipal, type TypedClient } from './support/principals.ts'

const SEGMENT = 'catalogue_test'
const TITLE = `catalogue test ${randomUUID().slice(0, 8)}`

let advocate: SignedInPrincipal
let otherAdvocate: SignedInPrincipal
let admin: SignedInPrincipal

beforeAll(async () => {
  ;[advocate, otherAdvocate, admin] = await Promise.all([
    signInAs({ name: 'advocate', label: 'catalogue' }),
    signInAs({ name: 'otherAdvocate', label: 'catalogue' }),
    signInAs({ name: 'admin', label: 'catalogue', appMetadata: { role: 'admin' } }),
  ])
  await db.query(
    `insert into public.advocate_accounts (profile_id, segment, nps, nps_at, health_score, customer_since, last_active_at)
     values ($1, $2, 10, now() - interval '10 days', 90, (now() - interval '2 years')::date, now() - interval '1 day')`,
    [advocate.user.id, SEGMENT],
  )
})

afterAll(async () => {
  await db.query(`delete from public.opportunities where title like $1`, [`${TITLE}%`])
  await db.query(`delete from public.content_items where title like $1`, [`${TITLE}%`])
  for (const principal of [advocate, otherAdvocate, admin]) if (principal) await serviceClient().auth.admin.deleteUser(principal.user.id)
})

async function version(principal: SignedInPrincipal): Promise<string> {
  const { data, error } = await principal.client.from('profiles').select('feed_catalogue_version').eq('id', principal.user.id).single()
  expect(error).toBeNull()
  return (data as unknown as { feed_catalogue_version: string }).feed_catalogue_version
}

async function feedTitles(client: TypedClient): Promise<string[]> {
  const { data, error } = await client.functions.invoke('feed?limit=50', { method: 'GET' })
  expect(error).toBeNull()
  return (data as FeedResponse).items.map((item) => item.title)
}

async function insertGive(title: string, publishedAt = 'now()') {
  const { rows } = await db.query(
    `insert into public.content_items (kind, title, body, affinity, target_segments, published_at)
     values ('how_to', $1, 'A guide.', '{1,1,1,1}', $2, ${publishedAt}) returning id`,
    [title, [SEGMENT]],
  )
  return Number(rows[0].id)
}

describe('the catalogue is the same whoever reads it', () => {
  test('two advocates and an admin read the same settings, asks and gives, and the same version', async () => {
    // Other test files add and remove asks while this runs, so three reads can straddle a change.
    // The claim is about a quiet moment: read until the version is the same before and after the
    // three reads (nothing changed in between), then the three must agree exactly.
    const principals = [advocate, otherAdvocate, admin]
    for (let attempt = 1; ; attempt++) {
      const before = await version(advocate)
      const now = new Date().toISOString()
      const [a, b, c] = await Promise.all(principals.map((p) => readCatalogue(p.client, now)))
      const versions = await Promise.all(principals.map(version))
      if (attempt < 20 && versions.some((v) => v !== before)) continue
      const keys = (x: typeof a) => ({
        settings: x.settings,
        asks: x.opportunities.map((o) => o.id).sort(),
        gives: x.content.map((g) => g.id).sort(),
      })
      expect(keys(b)).toEqual(keys(a))
      expect(keys(c)).toEqual(keys(a))
      expect(a.opportunities.length).toBeGreaterThan(0)
      expect(new Set(versions).size).toBe(1)
      return
    }
  })
})

describe('the version changes with every change to the catalogue', () => {
  test('asks opened, accepted (capacity), closed and deleted; a give published, edited and scheduled; the settings', async () => {
    const changes: [string, () => Promise<unknown>][] = []
    let askId = 0
    let giveId = 0
    const addAsk = async () => {
      const { rows } = await db.query(
        `insert into public.opportunities (type, title, body, effort, value, affinity, target_segments, capacity, team, status)
         values ('review', $1, 'Two minutes.', 'low', 'medium', '{0,1,0,0}', $2, 1, 'marketing', 'open') returning id`,
        [`${TITLE} ask`, [SEGMENT]],
      )
      askId = Number(rows[0].id)
    }
    changes.push(['an open ask added', addAsk])
    changes.push([
      'its last place taken (the ask is full)',
      () =>
        db.query(
          `insert into public.ask_ledger (profile_id, opportunity_id, type, team, source, state, decided_at)
         values ($1, $2, 'review', 'marketing', 'feed', 'accepted', now())`,
          [otherAdvocate.user.id, askId],
        ),
    ])
    changes.push(['the ask closed', () => db.query(`update public.opportunities set status = 'closed' where id = $1`, [askId])])
    changes.push(['another open ask added', addAsk])
    changes.push(['an open ask deleted', () => db.query(`delete from public.opportunities where id = $1`, [askId])])
    changes.push(['a give published', async () => (giveId = await insertGive(`${TITLE} give`))])
    changes.push(['the give edited', () => db.query(`update public.content_items set body = 'A better guide.' where id = $1`, [giveId])])
    changes.push(['a scheduled give going live', () => insertGive(`${TITLE} scheduled`, `now() - interval '1 second'`)])
    changes.push(['the settings', () => db.query(`update public.program_settings set page_size = page_size`)])
    for (const [what, change] of changes) {
      const before = await version(advocate)
      await change()
      expect(await version(advocate), what).not.toBe(before)
    }
  })

  test('one advocate taking or giving back a place on a roomy ask does not change it (issue 9 §8)', async () => {
    const { rows } = await db.query(
      `insert into public.opportunities (type, title, body, effort, value, affinity, target_segments, capacity, team, status)
       values ('review', $1, 'Two minutes.', 'low', 'medium', '{0,1,0,0}', $2, 5, 'marketing', 'open') returning id, updated_at`,
      [`${TITLE} roomy ask`, [SEGMENT]],
    )
    // One repeatable-read snapshot: other test files adding asks meanwhile cannot move the version.
    const client = await db.connect()
    const versionNow = async () =>
      (await client.query('select public.feed_catalogue_version(p) as v from public.profiles p where p.id = $1', [advocate.user.id]))
        .rows[0].v
    try {
      await client.query('begin isolation level repeatable read')
      const before = await versionNow()
      const { rows: ledger } = await client.query(
        `insert into public.ask_ledger (profile_id, opportunity_id, type, team, source, state, decided_at)
         values ($1, $2, 'review', 'marketing', 'feed', 'accepted', now()) returning id`,
        [otherAdvocate.user.id, rows[0].id],
      )
      expect(
        (await client.query('select accepted_count from public.opportunities where id = $1', [rows[0].id])).rows[0].accepted_count,
      ).toBe(1)
      expect(await versionNow()).toBe(before)
      await client.query(`update public.ask_ledger set state = 'declined', withdrawn_at = now() where id = $1`, [ledger[0].id])
      const after = await client.query('select accepted_count, updated_at from public.opportunities where id = $1', [rows[0].id])
      expect(after.rows[0]).toEqual({ accepted_count: 0, updated_at: rows[0].updated_at })
      expect(await versionNow()).toBe(before)
    } finally {
      await client.query('rollback')
      client.release()
    }
  })
})

describe('the feed function serves changes at once', () => {
  test('a give published between two reads is in the second, and gone from the third once unpublished', async () => {
    const title = `${TITLE} at once ${randomUUID().slice(0, 8)}`
    expect(await feedTitles(advocate.client)).not.toContain(title)
    const id = await insertGive(title)
    expect(await feedTitles(advocate.client)).toContain(title)
    await db.query(`update public.content_items set published_at = null where id = $1`, [id])
    expect(await feedTitles(advocate.client)).not.toContain(title)
  })
})
