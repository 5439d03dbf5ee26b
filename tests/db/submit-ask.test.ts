/**
 * `submit-ask` through the real gateway and Deno (supabase-js `functions.invoke`, signed in as
 * advocates): a valid payload for every type is stored as the schema parsed it, with consent
 * false unless given; bad payloads answer 400 with the form's messages per field; a review of an
 * ask with an incentive stores the disclosure the advocate acknowledged; and the ask must be the
 * caller's, accepted and not yet handed in (ADR 006).
 */
import { FunctionsHttpError } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { SubmitAskError, SubmitAskResponse } from '../../supabase/functions/_shared/ask-contract.ts'
import { OPPORTUNITY_TYPES, type OpportunityType } from '../../supabase/functions/_shared/matching/types.ts'
import { VALID_PAYLOADS } from '../../supabase/functions/_shared/submission-schemas.fixtures.ts'
import { anonClient, db, stack } from '../stack/support/stack.ts'
import { advocateWith, askFor, cleanUpAskFlow, ledgerRow } from './support/ask-flow.ts'
import type { SignedInPrincipal, TypedClient } from './support/principals.ts'

const DISCLOSURE = 'We’ll donate $10 to a charity of your choice for an honest review, whatever you write.'

let advocate: SignedInPrincipal
let other: SignedInPrincipal
beforeAll(async () => {
  ;[advocate, other] = await Promise.all([advocateWith('submit-ask'), advocateWith('submit-ask-other')])
})
afterAll(cleanUpAskFlow)

/** Invokes the function and returns the status and parsed body, whatever the outcome. */
async function submit(client: TypedClient, body: unknown, method: 'POST' | 'GET' | 'PUT' = 'POST') {
  const { data, error, response } = await client.functions.invoke('submit-ask', { body: body as Record<string, unknown>, method })
  if (error instanceof FunctionsHttpError) {
    const res = error.context as Response
    return { status: res.status, body: (await res.json()) as SubmitAskError }
  }
  if (error) throw error
  return { status: response!.status, body: data as SubmitAskResponse }
}

/** An accepted ask of `type` for the advocate (an opportunity of its own, with `extra` columns). */
async function acceptedAsk(type: OpportunityType, owner = advocate, extra: Record<string, unknown> = {}) {
  return ledgerRow(owner.user.id, { opportunityId: await askFor({ type, ...extra }), type })
}

const storedSubmission = async (id: number) =>
  (
    await db.query<{ profile_id: string; ask_ledger_id: number; type: string; status: string; payload: Record<string, unknown> }>(
      'select profile_id, ask_ledger_id::int, type::text, status::text, payload from public.submissions where id = $1',
      [id],
    )
  ).rows[0]

describe('submit-ask: a valid payload for every type', () => {
  test.each(OPPORTUNITY_TYPES)('%s → 201, stored as parsed (consent false unless given)', async (type) => {
    const askId = await acceptedAsk(type)
    const before = Date.now()
    const res = await submit(advocate.client, { askId, payload: VALID_PAYLOADS[type].json })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const { submission } = res.body as SubmitAskResponse
    expect(submission).toEqual({ id: expect.any(Number), status: 'submitted', type, submittedAt: expect.any(String) })
    expect(Date.parse(submission.submittedAt)).toBeGreaterThanOrEqual(before - 5_000)
    expect(await storedSubmission(submission.id)).toEqual({
      profile_id: advocate.user.id,
      ask_ledger_id: askId,
      type,
      status: 'submitted',
      payload: VALID_PAYLOADS[type].parsed,
    })
  })

  test('unknown fields are dropped, and a forged disclosure is not stored', async () => {
    const askId = await acceptedAsk('beta_feedback')
    const res = await submit(advocate.client, {
      askId,
      payload: { ...VALID_PAYLOADS.beta_feedback.json, disclosure: { text: 'forged' }, isAdmin: true },
    })
    expect(res.status).toBe(201)
    expect((await storedSubmission((res.body as SubmitAskResponse).submission.id)).payload).toEqual(VALID_PAYLOADS.beta_feedback.parsed)
  })
})

describe('submit-ask: a review of an ask with an incentive', () => {
  test('without acknowledging the disclosure: 400 naming disclosureAcknowledged', async () => {
    const askId = await acceptedAsk('review', advocate, { incentive_disclosure: DISCLOSURE })
    const res = await submit(advocate.client, { askId, payload: VALID_PAYLOADS.review.json })
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({
      error: 'invalid_payload',
      fieldErrors: { disclosureAcknowledged: ['Please confirm you’ve read the disclosure'] },
    })
  })

  test('acknowledged: the disclosure text and when it was acknowledged are stored with the review', async () => {
    const askId = await acceptedAsk('review', advocate, { incentive_disclosure: DISCLOSURE })
    const before = Date.now()
    const res = await submit(advocate.client, { askId, payload: { ...VALID_PAYLOADS.review.json, disclosureAcknowledged: true } })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const { payload } = await storedSubmission((res.body as SubmitAskResponse).submission.id)
    expect(payload).toEqual({
      ...VALID_PAYLOADS.review.parsed,
      disclosureAcknowledged: true,
      disclosure: { text: DISCLOSURE, acknowledgedAt: expect.any(String) },
    })
    expect(Date.parse((payload.disclosure as { acknowledgedAt: string }).acknowledgedAt)).toBeGreaterThanOrEqual(before - 5_000)
  })

  test('still required after the ask was closed (the advocate accepted it with the disclosure)', async () => {
    const opportunityId = await askFor({ type: 'review', incentive_disclosure: DISCLOSURE })
    const askId = await ledgerRow(advocate.user.id, { opportunityId, type: 'review' })
    await db.query(`update public.opportunities set status = 'closed' where id = $1`, [opportunityId])
    const refused = await submit(advocate.client, { askId, payload: VALID_PAYLOADS.review.json })
    expect(refused.body).toMatchObject({ error: 'invalid_payload', fieldErrors: { disclosureAcknowledged: expect.any(Array) } })
    const res = await submit(advocate.client, { askId, payload: { ...VALID_PAYLOADS.review.json, disclosureAcknowledged: 'true' } })
    expect(res.status).toBe(201)
    expect((await storedSubmission((res.body as SubmitAskResponse).submission.id)).payload.disclosure).toMatchObject({ text: DISCLOSURE })
  })
})

describe("submit-ask: bad payloads → 400 invalid_payload with the field and the form's message", () => {
  test.each<[OpportunityType, Record<string, unknown>, Record<string, string[]>]>([
    [
      'testimonial',
      { ...VALID_PAYLOADS.testimonial.json, results: 'Good.' },
      { results: ['Tell us a little more (at least 20 characters)'] },
    ],
    [
      'review',
      { rating: 7 },
      { confirmedPosted: ['Please confirm you posted your review'], rating: ['Choose the star rating you gave, from 1 to 5'] },
    ],
    ['video_clip', { clipUrl: 'http://videos.example.com/1' }, { clipUrl: ['Paste the full link, starting with https://'] }],
    [
      'reference_call',
      { availability: [], maxCallsPerQuarter: 5 },
      {
        availability: ['Choose at least one time that suits you'],
        maxCallsPerQuarter: ['Choose one or two calls per quarter'],
      },
    ],
    [
      'referral',
      { ...VALID_PAYLOADS.referral.json, contactAgreed: false },
      { contactAgreed: ['Please confirm they agreed that we may contact them'] },
    ],
    ['social_share', {}, { postUrl: ['Paste the link to your post'] }],
  ])('%s', async (type, payload, fieldErrors) => {
    const askId = await acceptedAsk(type)
    const res = await submit(advocate.client, { askId, payload })
    expect(res.status).toBe(400)
    expect(res.body).toEqual({ error: 'invalid_payload', message: expect.any(String), fieldErrors })
    const { rows } = await db.query('select 1 from public.submissions where ask_ledger_id = $1', [askId])
    expect(rows).toEqual([])
  })

  test.each<[string, unknown]>([
    ['no askId', { payload: {} }],
    ['a string askId', { askId: '12', payload: {} }],
    ['no payload', { askId: 12 }],
    ['a payload that is not an object', { askId: 12, payload: ['x'] }],
    ['extra keys', { askId: 12, payload: {}, profileId: 'someone' }],
  ])('a body with %s → 400 invalid_body', async (_, body) => {
    const res = await submit(advocate.client, body)
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ error: 'invalid_body', message: expect.any(String) })
  })
})

describe('submit-ask: whose ask, in which state', () => {
  test("someone else's ask, or none: 404 not_found, nothing stored", async () => {
    const theirs = await acceptedAsk('beta_feedback', other)
    const res = await submit(advocate.client, { askId: theirs, payload: VALID_PAYLOADS.beta_feedback.json })
    expect(res).toEqual({ status: 404, body: { error: 'not_found', message: expect.any(String) } })
    expect((await submit(advocate.client, { askId: 2_000_000_000, payload: {} })).status).toBe(404)
    const { rows } = await db.query('select 1 from public.submissions where ask_ledger_id = $1', [theirs])
    expect(rows).toEqual([])
  })

  test.each(['open', 'declined', 'expired'] as const)('an ask %s, not accepted: 409 not_accepted', async (state) => {
    const askId = await ledgerRow(advocate.user.id, {
      opportunityId: await askFor({ type: 'beta_feedback' }),
      type: 'beta_feedback',
      state,
    })
    const res = await submit(advocate.client, { askId, payload: VALID_PAYLOADS.beta_feedback.json })
    expect(res).toEqual({ status: 409, body: { error: 'not_accepted', message: 'Only an ask you’ve accepted can be handed in.' } })
  })

  test('handed in already: 409 already_submitted; after a rejection it may be handed in again', async () => {
    const askId = await acceptedAsk('beta_feedback')
    const first = await submit(advocate.client, { askId, payload: VALID_PAYLOADS.beta_feedback.json })
    expect(first.status).toBe(201)
    const again = await submit(advocate.client, { askId, payload: VALID_PAYLOADS.beta_feedback.json })
    expect(again).toEqual({ status: 409, body: { error: 'already_submitted', message: 'You’ve already handed this ask in.' } })
    await db.query(`update public.submissions set status = 'rejected', reviewed_at = now() where id = $1`, [
      (first.body as SubmitAskResponse).submission.id,
    ])
    expect((await submit(advocate.client, { askId, payload: VALID_PAYLOADS.beta_feedback.json })).status).toBe(201)
  })

  test('two submissions at the same moment: one is stored, the other is 409', async () => {
    const askId = await acceptedAsk('beta_feedback')
    const results = await Promise.all([1, 2, 3].map(() => submit(advocate.client, { askId, payload: VALID_PAYLOADS.beta_feedback.json })))
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409])
    const { rows } = await db.query('select 1 from public.submissions where ask_ledger_id = $1', [askId])
    expect(rows).toHaveLength(1)
  })
})

describe('submit-ask: method and identity', () => {
  test.each(['GET', 'PUT'] as const)('%s → 405', async (method) => {
    const res = await submit(advocate.client, method === 'GET' ? undefined : {}, method)
    expect(res.status).toBe(405)
    expect(res.body).toMatchObject({ error: 'method_not_allowed' })
  })

  test('the anon key passes the gateway but is not a user: 401 from the function', async () => {
    const res = await submit(anonClient() as unknown as TypedClient, { askId: 1, payload: {} })
    expect(res).toEqual({ status: 401, body: { error: 'unauthorized', message: 'sign in to hand in an ask' } })
  })

  test('without a JWT the gateway answers 401 (verify_jwt is on)', async () => {
    const res = await fetch(`${stack.apiUrl}/functions/v1/submit-ask`, { method: 'POST', headers: { apikey: stack.anonKey }, body: '{}' })
    expect(res.status).toBe(401)
    await res.body?.cancel()
  })

  test('a body that is not JSON → 400 invalid_body', async () => {
    const token = (await advocate.client.auth.getSession()).data.session!.access_token
    const res = await fetch(`${stack.apiUrl}/functions/v1/submit-ask`, {
      method: 'POST',
      headers: { apikey: stack.anonKey, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: 'not json',
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: 'invalid_body' })
  })
})
