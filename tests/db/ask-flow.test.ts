/**
 * Accepting, withdrawing, declining and snoozing an ask, and the interactions submissions write
 * (ADR 006), through the real gateway and PostgREST with each advocate's own JWT: the rules must
 * hold for anyone calling the API directly. Also proves PostgREST answers PT409 and PT404 with
 * HTTP 409 and 404 and passes DETAIL through as `details` (P0002, ADR 006's first choice for
 * "not available", would be a 500: see the last test).
 */
import type { PostgrestError } from '@supabase/supabase-js'
import { afterAll, describe, expect, test } from 'vitest'
import { anonClient, db, serviceClient } from '../stack/support/stack.ts'
import { advocateWith, askFor, cleanUpAskFlow, DAY_MS, ledgerRow, type AccountSignals } from './support/ask-flow.ts'
import { TESTIMONIAL_PAYLOAD } from './support/matrices/feed.ts'
import { signInAs, type TypedClient } from './support/principals.ts'

afterAll(cleanUpAskFlow)

const accept = (client: TypedClient, opportunityId: number) => client.rpc('accept_ask', { opportunity_id: opportunityId })
const withdraw = (client: TypedClient, askId: number) => client.rpc('withdraw_ask', { ask_id: askId })

function expectRefused(result: { error: PostgrestError | null; status: number }, status: 404 | 409, code: string) {
  expect(result.error, `expected ${code}`).not.toBeNull()
  expect({ status: result.status, code: result.error?.code, details: result.error?.details }).toEqual({
    status,
    code: status === 409 ? 'PT409' : 'PT404',
    details: code,
  })
  // A sentence for people, not a database message.
  expect(result.error?.message).toMatch(/^[A-Z].*\.$/)
}

const ledgerOf = async (profileId: string) =>
  (
    await db.query<{ id: number; opportunity_id: number | null; state: string }>(
      'select id::int, opportunity_id::int, state::text from public.ask_ledger where profile_id = $1 order by id',
      [profileId],
    )
  ).rows

const acceptedCount = async (opportunityId: number) =>
  (await db.query<{ n: number }>('select accepted_count as n from public.opportunities where id = $1', [opportunityId])).rows[0].n

const interactionsOf = async (profileId: string, opportunityId: number) =>
  (
    await db.query<{ kind: string }>(
      'select kind::text from public.interactions where profile_id = $1 and opportunity_id = $2 order by id',
      [profileId, opportunityId],
    )
  ).rows.map((r) => r.kind)

describe('accept_ask: the happy path', () => {
  test('writes the ledger row (feed, accepted), the accepted interaction, and takes a place', async () => {
    const advocate = await advocateWith('accept')
    const opportunityId = await askFor({ type: 'review', team: 'marketing', capacity: 3 })
    const before = Date.now()
    const result = await accept(advocate.client, opportunityId)
    expect(result.error).toBeNull()
    expect(result.status).toBe(200)
    expect(result.data).toMatchObject({
      profile_id: advocate.user.id,
      opportunity_id: opportunityId,
      type: 'review',
      team: 'marketing',
      source: 'feed',
      state: 'accepted',
      completed_at: null,
    })
    expect(Date.parse(result.data!.decided_at!)).toBeGreaterThanOrEqual(before - 5_000)
    expect(result.data!.decided_at).toBe(result.data!.asked_at)
    expect(await ledgerOf(advocate.user.id)).toEqual([{ id: result.data!.id, opportunity_id: opportunityId, state: 'accepted' }])
    expect(await interactionsOf(advocate.user.id, opportunityId)).toEqual(['accepted'])
    expect(await acceptedCount(opportunityId)).toBe(1)
  })

  test('anon cannot call it (401), and an advocate cannot call the private function behind it', async () => {
    const opportunityId = await askFor()
    const anon = await anonClient().rpc('accept_ask', { opportunity_id: opportunityId })
    expect(anon.status).toBe(401)
    expect(anon.error?.code).toBe('42501')
    const advocate = await advocateWith('accept-private')
    const viaSchema = await (advocate.client as unknown as TypedClient)
      .schema('private' as never)
      .rpc('accept_ask' as never, { opportunity_id: opportunityId } as never)
    expect(viaSchema.error).not.toBeNull()
    expect(await ledgerOf(advocate.user.id)).toEqual([])
  })
})

describe('accept_ask: refusals (PostgREST maps PT409 → 409 and PT404 → 404, DETAIL → details)', () => {
  test.each<[string, AccountSignals | null]>([
    ['a detractor (NPS 6), whatever min_nps says', { nps: 6 }],
    ['a passive (NPS 8)', { nps: 8 }],
    ['no NPS', { nps: null }],
    ['a low health score', { healthScore: 69 }],
    ['no health score', { healthScore: null }],
    ['a customer for two months', { tenureMonths: 2 }],
    ['no customer_since', { tenureMonths: null }],
    ['inactive for 31 days', { lastActiveDaysAgo: 31 }],
    ['no CRM row at all', null],
  ])('%s: 409 not_eligible', async (_, signals) => {
    const advocate = await advocateWith('ineligible', signals)
    if (signals === null) {
      // Without a CRM row the segment is unknown too, so the ask must be for every segment. Its
      // one place is taken (eligibility is checked first), so no other file's feed offers it.
      const everyone = await askFor({ target_segments: [], capacity: 1 })
      await ledgerRow((await advocateWith('ineligible-place')).user.id, { opportunityId: everyone })
      expectRefused(await accept(advocate.client, everyone), 409, 'not_eligible')
    } else {
      expectRefused(await accept(advocate.client, await askFor()), 409, 'not_eligible')
    }
    expect(await ledgerOf(advocate.user.id)).toEqual([])
  })

  test('two asks in progress (any team, feed or direct): 409 open_asks_cap, with the count in the message', async () => {
    const advocate = await advocateWith('open-cap')
    await ledgerRow(advocate.user.id, { state: 'open', type: 'speaking', askedDaysAgo: 40 })
    await ledgerRow(advocate.user.id, { state: 'accepted', type: 'referral', askedDaysAgo: 50 })
    const result = await accept(advocate.client, await askFor())
    expectRefused(result, 409, 'open_asks_cap')
    expect(result.error?.message).toBe('You already have 2 asks in progress. Finish or withdraw one first.')
  })

  test('two asks accepted in the last 30 days, both done: 409 accepted_asks_cap', async () => {
    const advocate = await advocateWith('accepted-cap')
    await ledgerRow(advocate.user.id, { state: 'completed', askedDaysAgo: 10 })
    await ledgerRow(advocate.user.id, { state: 'completed', askedDaysAgo: 20 })
    expectRefused(await accept(advocate.client, await askFor()), 409, 'accepted_asks_cap')
    // Older than the window, they no longer count.
    const later = await advocateWith('accepted-cap-old')
    await ledgerRow(later.user.id, { state: 'completed', askedDaysAgo: 35 })
    await ledgerRow(later.user.id, { state: 'completed', askedDaysAgo: 40 })
    expect((await accept(later.client, await askFor())).error).toBeNull()
  })

  test('two reference calls in 90 days: 409 type_cooldown for a third, other types still fine', async () => {
    const advocate = await advocateWith('cooldown')
    await ledgerRow(advocate.user.id, { type: 'reference_call', state: 'completed', askedDaysAgo: 80, decidedDaysAgo: 79 })
    await ledgerRow(advocate.user.id, { type: 'reference_call', state: 'completed', askedDaysAgo: 60, decidedDaysAgo: 59 })
    const result = await accept(advocate.client, await askFor({ type: 'reference_call' }))
    expectRefused(result, 409, 'type_cooldown')
    expect(result.error?.message).toMatch(/^You’ve had 2 reference call asks in the last 90 days/)
    expect((await accept(advocate.client, await askFor({ type: 'review' }))).error).toBeNull()
  })

  test('a medium ask before any completed ask, a high one before three: 409 effort_locked', async () => {
    const advocate = await advocateWith('ladder')
    const medium = await accept(advocate.client, await askFor({ effort: 'medium' }))
    expectRefused(medium, 409, 'effort_locked')
    expect(medium.error?.message).toBe('Complete 1 more smaller ask to unlock this one.')
    await ledgerRow(advocate.user.id, { state: 'completed', askedDaysAgo: 100 })
    const high = await accept(advocate.client, await askFor({ effort: 'high' }))
    expectRefused(high, 409, 'effort_locked')
    expect(high.error?.message).toBe('Complete 2 more smaller asks to unlock this one.')
    expect((await accept(advocate.client, await askFor({ effort: 'medium' }))).error).toBeNull()
  })

  test('an ask the advocate already holds: 409 already_taken; the place is not taken twice', async () => {
    const advocate = await advocateWith('taken')
    const opportunityId = await askFor({ capacity: 5 })
    expect((await accept(advocate.client, opportunityId)).error).toBeNull()
    expectRefused(await accept(advocate.client, opportunityId), 409, 'already_taken')
    expect(await acceptedCount(opportunityId)).toBe(1)
    // Completed counts as held too.
    await db.query(`update public.ask_ledger set state = 'completed', completed_at = now() where profile_id = $1`, [advocate.user.id])
    expectRefused(await accept(advocate.client, opportunityId), 409, 'already_taken')
  })

  test('no places left: 409 full', async () => {
    const [first, second] = await Promise.all([advocateWith('full-1'), advocateWith('full-2')])
    const opportunityId = await askFor({ capacity: 1 })
    expect((await accept(first.client, opportunityId)).error).toBeNull()
    const result = await accept(second.client, opportunityId)
    expectRefused(result, 409, 'full')
    expect(result.error?.message).toBe('This ask is full: every place has been taken.')
  })

  test.each<[string, Record<string, unknown> | 'missing']>([
    ['an ask that does not exist', 'missing'],
    ['a draft', { status: 'draft' }],
    ['a paused ask', { status: 'paused' }],
    ['a closed ask', { status: 'closed' }],
    ['an ask that has not started', { starts_at: new Date(Date.now() + DAY_MS).toISOString() }],
    [
      'an ask that has ended',
      { starts_at: new Date(Date.now() - 2 * DAY_MS).toISOString(), ends_at: new Date(Date.now() - 1000).toISOString() },
    ],
    ['an ask for another segment', { target_segments: ['smb'] }],
    ['an ask with a minimum tier (tiers come with recognition)', { min_tier: 'bronze' }],
  ])('%s: 404 not_available', async (_, extra) => {
    const advocate = await advocateWith('unavailable')
    const opportunityId = extra === 'missing' ? 2_000_000_000 : await askFor(extra)
    const result = await accept(advocate.client, opportunityId)
    expectRefused(result, 404, 'not_available')
    // One sentence for all of them: a refusal never tells which segment or tier an ask is for,
    // nor whether it exists (issue 9 §1).
    expect(result.error?.message).toBe('This ask isn’t available any more.')
    expect(await ledgerOf(advocate.user.id)).toEqual([])
  })

  test('not_available comes before the other refusals (a detractor asking for a closed ask)', async () => {
    const advocate = await advocateWith('order', { nps: 3 })
    expectRefused(await accept(advocate.client, await askFor({ status: 'closed' })), 404, 'not_available')
  })
})

describe('accept_ask: serialised', () => {
  test('one advocate accepting six asks at once ends with exactly the open cap (2), round after round', async () => {
    for (let round = 0; round < 3; round++) {
      const advocate = await advocateWith(`race-one-${round}`)
      const asks = await Promise.all(Array.from({ length: 6 }, () => askFor()))
      const results = await Promise.all(asks.map((id) => accept(advocate.client, id)))
      expect(results.filter((r) => r.error === null)).toHaveLength(2)
      for (const refused of results.filter((r) => r.error !== null)) {
        expect(refused.status).toBe(409)
        expect(['open_asks_cap', 'accepted_asks_cap']).toContain(refused.error?.details)
      }
      expect((await ledgerOf(advocate.user.id)).filter((r) => r.state === 'accepted')).toHaveLength(2)
    }
  })

  test('six advocates racing for two places: exactly two get one', async () => {
    const advocates = await Promise.all(Array.from({ length: 6 }, (_, i) => advocateWith(`race-many-${i}`)))
    const opportunityId = await askFor({ capacity: 2 })
    const results = await Promise.all(advocates.map((a) => accept(a.client, opportunityId)))
    expect(results.filter((r) => r.error === null)).toHaveLength(2)
    for (const refused of results.filter((r) => r.error !== null)) {
      expect({ status: refused.status, details: refused.error?.details }).toEqual({ status: 409, details: 'full' })
    }
    expect(await acceptedCount(opportunityId)).toBe(2)
    const { rows } = await db.query<{ n: number }>(
      `select count(*)::int as n from public.ask_ledger where opportunity_id = $1 and state = 'accepted'`,
      [opportunityId],
    )
    expect(rows[0].n).toBe(2)
  })
})

describe('withdraw_ask', () => {
  test('an accepted ask with nothing handed in becomes declined; decided_at stays; the place is freed', async () => {
    const advocate = await advocateWith('withdraw')
    const opportunityId = await askFor({ capacity: 1 })
    const accepted = await accept(advocate.client, opportunityId)
    expect(await acceptedCount(opportunityId)).toBe(1)
    const result = await withdraw(advocate.client, accepted.data!.id)
    expect(result.error).toBeNull()
    expect(result.data).toMatchObject({ id: accepted.data!.id, state: 'declined', decided_at: accepted.data!.decided_at })
    expect(await acceptedCount(opportunityId)).toBe(0)
    // Once withdrawn, it is no longer accepted.
    expectRefused(await withdraw(advocate.client, accepted.data!.id), 409, 'not_accepted')
  })

  test('a withdrawn ask cannot be re-accepted for a day (no accept → withdraw loop); after that it can', async () => {
    const advocate = await advocateWith('withdraw-loop')
    const opportunityId = await askFor({ capacity: 3 })
    const first = await accept(advocate.client, opportunityId)
    expect(first.error).toBeNull()
    expect((await withdraw(advocate.client, first.data!.id)).error).toBeNull()
    const again = await accept(advocate.client, opportunityId)
    expectRefused(again, 409, 'withdrawn_recently')
    expect(await ledgerOf(advocate.user.id)).toEqual([{ id: first.data!.id, opportunity_id: opportunityId, state: 'declined' }])
    expect(await interactionsOf(advocate.user.id, opportunityId)).toEqual(['accepted'])

    await db.query(`update public.ask_ledger set withdrawn_at = withdrawn_at - interval '25 hours' where id = $1`, [first.data!.id])
    const later = await accept(advocate.client, opportunityId)
    expect(later.error).toBeNull()
    expect(later.data).toMatchObject({ opportunity_id: opportunityId, state: 'accepted' })
  })

  test("someone else's ask, or none: 404 not_found; anon: 401", async () => {
    const [owner, other] = await Promise.all([advocateWith('withdraw-owner'), advocateWith('withdraw-other')])
    const askId = await ledgerRow(owner.user.id, { opportunityId: await askFor() })
    expectRefused(await withdraw(other.client, askId), 404, 'not_found')
    expectRefused(await withdraw(other.client, 2_000_000_000), 404, 'not_found')
    expect((await anonClient().rpc('withdraw_ask', { ask_id: askId })).status).toBe(401)
    expect((await ledgerOf(owner.user.id))[0].state).toBe('accepted')
  })

  test('after handing in: 409 already_submitted; after a rejection it may be withdrawn', async () => {
    const advocate = await advocateWith('withdraw-submitted')
    const askId = await ledgerRow(advocate.user.id, { opportunityId: await askFor({ type: 'testimonial' }) })
    const { rows } = await db.query<{ id: number }>(
      `insert into public.submissions (profile_id, ask_ledger_id, type, payload) values ($1, $2, 'testimonial', $3) returning id::int`,
      [advocate.user.id, askId, TESTIMONIAL_PAYLOAD],
    )
    expectRefused(await withdraw(advocate.client, askId), 409, 'already_submitted')
    await db.query(`update public.submissions set status = 'rejected', reviewed_at = now() where id = $1`, [rows[0].id])
    expect((await withdraw(advocate.client, askId)).data).toMatchObject({ state: 'declined' })
  })

  test('an open direct ask is not withdrawn (409 not_accepted)', async () => {
    const advocate = await advocateWith('withdraw-open')
    expectRefused(await withdraw(advocate.client, await ledgerRow(advocate.user.id, { state: 'open' })), 409, 'not_accepted')
  })
})

describe("declining and snoozing: the advocate's own interactions (RLS)", () => {
  test('a decline with a reason and a snooze up to 90 days are logged; accepted/submitted cannot be forged', async () => {
    const advocate = await advocateWith('decline')
    const opportunityId = await askFor()
    const log = (row: Record<string, unknown>) =>
      advocate.client
        .from('interactions')
        .insert({ profile_id: advocate.user.id, item_kind: 'ask', opportunity_id: opportunityId, ...row } as never)
    expect((await log({ kind: 'declined', decline_reason: 'Too busy this month.' })).error).toBeNull()
    expect((await log({ kind: 'snoozed', snoozed_until: new Date(Date.now() + 30 * DAY_MS).toISOString() })).error).toBeNull()
    expect((await log({ kind: 'snoozed', snoozed_until: new Date(Date.now() + 91 * DAY_MS).toISOString() })).error?.code).toBe('23514')
    for (const kind of ['accepted', 'submitted', 'approved', 'rejected']) expect((await log({ kind })).error?.code).toBe('42501')
    expect(await interactionsOf(advocate.user.id, opportunityId)).toEqual(['declined', 'snoozed'])
    // A decline does not stop an explicit accept later (the feed only hides the ask).
    expect((await accept(advocate.client, opportunityId)).error).toBeNull()
  })
})

describe('record_submission (service role only) and the interactions submissions write', () => {
  const record = (askId: number, profileId: string) =>
    serviceClient().rpc('record_submission', { profile_id: profileId, ask_id: askId, payload: TESTIMONIAL_PAYLOAD })

  test('advocates and admins cannot call it', async () => {
    const advocate = await advocateWith('record-denied')
    const admin = await signInAs({ name: 'admin', label: 'record-denied', appMetadata: { role: 'admin' } })
    try {
      const askId = await ledgerRow(advocate.user.id, { opportunityId: await askFor({ type: 'testimonial' }) })
      for (const client of [advocate.client, admin.client]) {
        const result = await client.rpc('record_submission', { profile_id: advocate.user.id, ask_id: askId, payload: TESTIMONIAL_PAYLOAD })
        expect({ status: result.status, code: result.error?.code }).toEqual({ status: 403, code: '42501' })
      }
      expect((await anonClient().rpc('record_submission', { profile_id: advocate.user.id, ask_id: askId, payload: {} })).status).toBe(401)
    } finally {
      await serviceClient().auth.admin.deleteUser(admin.user.id)
    }
  })

  test('refuses a missing or foreign ask (404), one not accepted, and a second live submission (409)', async () => {
    const [owner, other] = await Promise.all([advocateWith('record-owner'), advocateWith('record-other')])
    const askId = await ledgerRow(owner.user.id, { opportunityId: await askFor({ type: 'testimonial' }) })
    expectRefused(await record(askId, other.user.id), 404, 'not_found')
    expectRefused(await record(2_000_000_000, owner.user.id), 404, 'not_found')
    expectRefused(await record(await ledgerRow(owner.user.id, { state: 'open' }), owner.user.id), 409, 'not_accepted')
    const first = await record(askId, owner.user.id)
    expect(first.error).toBeNull()
    expect(first.data).toMatchObject({
      profile_id: owner.user.id,
      ask_ledger_id: askId,
      type: 'testimonial',
      status: 'submitted',
      payload: TESTIMONIAL_PAYLOAD,
    })
    expectRefused(await record(askId, owner.user.id), 409, 'already_submitted')
  })

  test('submitting logs submitted; approving logs approved; rejecting logs rejected', async () => {
    const advocate = await advocateWith('triggers')
    const admin = await signInAs({ name: 'admin', label: 'triggers', appMetadata: { role: 'admin' } })
    try {
      const approvedAsk = await askFor({ type: 'testimonial' })
      const rejectedAsk = await askFor({ type: 'testimonial' })
      const approvedId = (await record(await ledgerRow(advocate.user.id, { opportunityId: approvedAsk }), advocate.user.id)).data!.id
      const rejectedId = (await record(await ledgerRow(advocate.user.id, { opportunityId: rejectedAsk }), advocate.user.id)).data!.id
      expect(await interactionsOf(advocate.user.id, approvedAsk)).toEqual(['submitted'])
      expect((await admin.client.rpc('review_submission', { submission_id: approvedId, decision: 'approved' })).error).toBeNull()
      expect((await admin.client.rpc('review_submission', { submission_id: rejectedId, decision: 'rejected' })).error).toBeNull()
      // Repeating a decision changes nothing, so logs nothing.
      expect((await admin.client.rpc('review_submission', { submission_id: approvedId, decision: 'approved' })).error).toBeNull()
      expect(await interactionsOf(advocate.user.id, approvedAsk)).toEqual(['submitted', 'approved'])
      expect(await interactionsOf(advocate.user.id, rejectedAsk)).toEqual(['submitted', 'rejected'])
      // The advocate reads their own log, written by the triggers.
      const own = await advocate.client.from('interactions').select('kind').eq('opportunity_id', approvedAsk).order('id')
      expect(own.data?.map((r) => r.kind)).toEqual(['submitted', 'approved'])
    } finally {
      await serviceClient().auth.admin.deleteUser(admin.user.id)
    }
  })

  test('a direct ask outside the catalogue logs nothing (it is no feed item)', async () => {
    const advocate = await advocateWith('triggers-direct')
    expect((await record(await ledgerRow(advocate.user.id), advocate.user.id)).error).toBeNull()
    const { rows } = await db.query('select 1 from public.interactions where profile_id = $1', [advocate.user.id])
    expect(rows).toEqual([])
  })
})
