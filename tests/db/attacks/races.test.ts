/**
 * §9 attack suite, races: the same request fired in parallel through the real API must have the
 * effect of exactly one. Extends tests/db/ask-flow.test.ts (one advocate on six asks; six
 * advocates on two places) and tests/db/review-submission.test.ts (four approvals by one admin)
 * with the attacks an advocate or a careless admin console can mount: ten accepts of one ask, two
 * advocates on the last place, five approvals by two admins with rejections in between, double
 * withdrawals, and a withdrawal racing the hand-in.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { db, serviceClient } from '../../stack/support/stack.ts'
import { advocateWith, askFor, cleanUpAskFlow, ledgerRow } from '../support/ask-flow.ts'
import { TESTIMONIAL_PAYLOAD } from '../support/matrices/feed.ts'
import { signInAs, type SignedInPrincipal, type TypedClient } from '../support/principals.ts'

const ROUNDS = 3
let admins: SignedInPrincipal[] = []

beforeAll(async () => {
  admins = await Promise.all(
    [1, 2].map((n) => signInAs({ name: 'admin', label: `attack-race-admin-${n}`, appMetadata: { role: 'admin' } })),
  )
})
afterAll(async () => {
  for (const admin of admins) await serviceClient().auth.admin.deleteUser(admin.user.id)
  await cleanUpAskFlow()
})

const accept = (client: TypedClient, opportunityId: number) => client.rpc('accept_ask', { opportunity_id: opportunityId })
const withdraw = (client: TypedClient, askId: number) => client.rpc('withdraw_ask', { ask_id: askId })

async function ledgerFor(opportunityId: number) {
  const { rows } = await db.query<{ profile_id: string; state: string }>(
    'select profile_id::text, state::text from public.ask_ledger where opportunity_id = $1 order by id',
    [opportunityId],
  )
  return rows
}
async function acceptedCount(opportunityId: number) {
  return (await db.query<{ n: number }>('select accepted_count as n from public.opportunities where id = $1', [opportunityId])).rows[0].n
}
const refusals = (results: Array<{ error: { details?: string } | null; status: number }>) =>
  results.filter((r) => r.error !== null).map((r) => `${r.status} ${r.error?.details}`)

describe('accept_ask in parallel', () => {
  test('ten accepts of one ask by one advocate: one ledger row, one place, one accepted interaction', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const advocate = await advocateWith(`attack-race-ten-${round}`)
      const opportunityId = await askFor({ capacity: 5 })
      const results = await Promise.all(Array.from({ length: 10 }, () => accept(advocate.client, opportunityId)))
      expect(results.filter((r) => r.error === null)).toHaveLength(1)
      expect(refusals(results)).toEqual(Array(9).fill('409 already_taken'))
      expect(await ledgerFor(opportunityId)).toEqual([{ profile_id: advocate.user.id, state: 'accepted' }])
      expect(await acceptedCount(opportunityId)).toBe(1)
      const { rows } = await db.query(
        `select 1 from public.interactions where profile_id = $1 and opportunity_id = $2 and kind = 'accepted'`,
        [advocate.user.id, opportunityId],
      )
      expect(rows).toHaveLength(1)
    }
  }, 120_000)

  test('two advocates on the last place: exactly one gets it, the other hears it is full', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const pair = await Promise.all([advocateWith(`attack-race-pair-${round}-1`), advocateWith(`attack-race-pair-${round}-2`)])
      const opportunityId = await askFor({ capacity: 1 })
      const results = await Promise.all(pair.map((advocate) => accept(advocate.client, opportunityId)))
      expect(results.filter((r) => r.error === null)).toHaveLength(1)
      expect(refusals(results)).toEqual(['409 full'])
      expect((await ledgerFor(opportunityId)).map((r) => r.state)).toEqual(['accepted'])
      expect(await acceptedCount(opportunityId)).toBe(1)
    }
  }, 120_000)
})

describe('withdraw_ask in parallel', () => {
  test('five withdrawals of one ask: one succeeds, the place is freed once, and it cannot be re-taken at once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [holder, waiting] = await Promise.all([
        advocateWith(`attack-race-withdraw-${round}`),
        advocateWith(`attack-race-waiting-${round}`),
      ])
      const opportunityId = await askFor({ capacity: 1 })
      const accepted = await accept(holder.client, opportunityId)
      expect(accepted.error).toBeNull()
      const results = await Promise.all(Array.from({ length: 5 }, () => withdraw(holder.client, accepted.data!.id)))
      expect(results.filter((r) => r.error === null)).toHaveLength(1)
      expect(refusals(results)).toEqual(Array(4).fill('409 not_accepted'))
      expect(await acceptedCount(opportunityId)).toBe(0)
      // The freed place goes to someone else; the one who withdrew cannot loop back in.
      const [again, other] = await Promise.all([accept(holder.client, opportunityId), accept(waiting.client, opportunityId)])
      expect(other.error).toBeNull()
      expect(again.status).toBe(409)
      expect(await acceptedCount(opportunityId)).toBe(1)
    }
  }, 120_000)

  test('a withdrawal racing the hand-in: either withdrawn with nothing handed in, or handed in and still accepted', async () => {
    for (let round = 0; round < ROUNDS * 2; round++) {
      const advocate = await advocateWith(`attack-race-submit-${round}`)
      const askId = await ledgerRow(advocate.user.id, { opportunityId: await askFor({ type: 'testimonial' }), type: 'testimonial' })
      const [withdrawn, recorded] = await Promise.all([
        withdraw(advocate.client, askId),
        serviceClient().rpc('record_submission', { profile_id: advocate.user.id, ask_id: askId, payload: TESTIMONIAL_PAYLOAD }),
      ])
      expect([withdrawn.error, recorded.error].filter((e) => e === null)).toHaveLength(1)
      for (const refused of [withdrawn, recorded].filter((r) => r.error !== null)) {
        expect(refused.status).toBe(409)
        expect(['already_submitted', 'not_accepted']).toContain(refused.error?.details)
      }
      const { rows } = await db.query<{ state: string; submissions: number }>(
        `select l.state::text, (select count(*)::int from public.submissions s where s.ask_ledger_id = l.id) as submissions
           from public.ask_ledger l where l.id = $1`,
        [askId],
      )
      expect([
        { state: 'declined', submissions: 0 },
        { state: 'accepted', submissions: 1 },
      ]).toContainEqual(rows[0])
    }
  }, 120_000)
})

describe('review_submission in parallel', () => {
  /** A submitted testimonial for a fresh ask worth `points`. */
  async function submitted(points: number) {
    const advocate = await advocateWith('attack-race-review')
    const opportunityId = await askFor({ type: 'testimonial', points })
    const askId = await ledgerRow(advocate.user.id, { opportunityId, type: 'testimonial' })
    const { rows } = await db.query<{ id: number }>(
      `insert into public.submissions (profile_id, ask_ledger_id, type, payload) values ($1, $2, 'testimonial', $3) returning id::int`,
      [advocate.user.id, askId, TESTIMONIAL_PAYLOAD],
    )
    return { submissionId: rows[0].id, advocate }
  }
  const pointsFor = async (submissionId: number) =>
    (await db.query<{ delta: number }>('select delta from public.points_ledger where submission_id = $1', [submissionId])).rows

  test('five approvals by two admins at once: one points row, one decision, every call answers the same', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { submissionId } = await submitted(30)
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          admins[i % 2].client.rpc('review_submission', { submission_id: submissionId, decision: 'approved' }),
        ),
      )
      for (const result of results) {
        expect(result.error).toBeNull()
        expect(result.data).toMatchObject({ status: 'approved', points_awarded: 30 })
      }
      expect(await pointsFor(submissionId)).toEqual([{ delta: 30 }])
    }
  }, 120_000)

  test('approvals racing rejections: one decision wins; points exist exactly when it is an approval', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { submissionId } = await submitted(20)
      const decisions = ['approved', 'rejected', 'approved', 'rejected', 'approved']
      const results = await Promise.all(
        decisions.map((decision, i) => admins[i % 2].client.rpc('review_submission', { submission_id: submissionId, decision })),
      )
      const { rows } = await db.query<{ status: string }>('select status::text from public.submissions where id = $1', [submissionId])
      const winner = rows[0].status
      expect(['approved', 'rejected']).toContain(winner)
      results.forEach((result, i) => {
        if (decisions[i] === winner) expect(result.error).toBeNull()
        else expect({ status: result.status, code: result.error?.code }).toEqual({ status: 400, code: '22023' })
      })
      expect(await pointsFor(submissionId)).toEqual(winner === 'approved' ? [{ delta: 20 }] : [])
    }
  }, 120_000)
})
