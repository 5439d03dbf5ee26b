/**
 * `public.review_submission`: only admins review; approval writes the ask's points into the
 * points ledger exactly once, even when called again or twice at the same moment; rejection
 * awards nothing. Nobody reviews their own submission; an unknown id is a 404.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { db, serviceClient } from '../stack/support/stack.ts'
import { insertAcceptedAsk, insertOpportunity, removeFeedTestItems, TESTIMONIAL_PAYLOAD } from './support/matrices/feed.ts'
import { createPrincipals, signInAs, type Principals } from './support/principals.ts'

let p: Principals
beforeAll(async () => {
  p = await createPrincipals('review')
})
afterAll(async () => {
  // Deleting the users also proves a user with awarded points can be deleted (both cascades).
  await p?.cleanup()
  await removeFeedTestItems()
})

/** A submitted testimonial by the advocate, for a fresh opportunity worth `points`. */
async function submitted(points = 25) {
  const opportunityId = await insertOpportunity(`rls-feed review ${randomUUID().slice(0, 8)}`, { type: 'testimonial', points })
  const ledgerId = await insertAcceptedAsk(p.idOf('advocate'), opportunityId)
  const { rows } = await db.query<{ id: number }>(
    `insert into public.submissions (profile_id, ask_ledger_id, type, payload) values ($1, $2, 'testimonial', $3) returning id::int`,
    [p.idOf('advocate'), ledgerId, TESTIMONIAL_PAYLOAD],
  )
  return { submissionId: rows[0].id, ledgerId }
}

const pointsFor = async (submissionId: number) =>
  (
    await db.query<{ profile_id: string; delta: number; created_by: string }>(
      'select profile_id, delta, created_by from public.points_ledger where submission_id = $1',
      [submissionId],
    )
  ).rows

const stateOf = async (submissionId: number, ledgerId: number) =>
  (
    await db.query<{ status: string; points_awarded: number | null; reviewed_by: string | null; ledger_state: string }>(
      `select s.status::text, s.points_awarded, s.reviewed_by, l.state::text as ledger_state
       from public.submissions s join public.ask_ledger l on l.id = s.ask_ledger_id where s.id = $1 and l.id = $2`,
      [submissionId, ledgerId],
    )
  ).rows[0]

const review = (who: 'advocate' | 'otherAdvocate' | 'admin' | 'anon', submissionId: number, decision: string, note?: string) =>
  p[who].client.rpc('review_submission', { submission_id: submissionId, decision, note })

describe('review_submission', () => {
  test('an admin approves: the points are written once, the ask is completed, a repeat changes nothing', async () => {
    const { submissionId, ledgerId } = await submitted(25)
    const first = await review('admin', submissionId, 'approved', 'Great quote')
    expect(first.error).toBeNull()
    expect(first.data).toMatchObject({
      id: submissionId,
      status: 'approved',
      points_awarded: 25,
      review_note: 'Great quote',
      reviewed_by: p.idOf('admin'),
    })
    expect(await pointsFor(submissionId)).toEqual([{ profile_id: p.idOf('advocate'), delta: 25, created_by: p.idOf('admin') }])
    expect(await stateOf(submissionId, ledgerId)).toMatchObject({ status: 'approved', ledger_state: 'completed' })

    const again = await review('admin', submissionId, 'approved')
    expect(again.error).toBeNull()
    expect(again.data).toMatchObject({ status: 'approved', points_awarded: 25, review_note: 'Great quote' })
    expect(await pointsFor(submissionId)).toHaveLength(1)
  })

  test('approving twice at the same moment still writes the points once', async () => {
    for (let round = 0; round < 3; round++) {
      const { submissionId } = await submitted(40)
      const results = await Promise.all(Array.from({ length: 4 }, () => review('admin', submissionId, 'approved')))
      for (const result of results) {
        expect(result.error).toBeNull()
        expect(result.data).toMatchObject({ status: 'approved', points_awarded: 40 })
      }
      expect(await pointsFor(submissionId)).toEqual([{ profile_id: p.idOf('advocate'), delta: 40, created_by: p.idOf('admin') }])
    }
  })

  test.each(['advocate', 'otherAdvocate'] as const)('%s is refused (42501) and nothing changes', async (who) => {
    const { submissionId, ledgerId } = await submitted()
    const result = await review(who, submissionId, 'approved')
    expect(result.error?.code).toBe('42501')
    expect(result.status).toBe(403)
    expect(await pointsFor(submissionId)).toEqual([])
    expect(await stateOf(submissionId, ledgerId)).toMatchObject({ status: 'submitted', points_awarded: null, ledger_state: 'accepted' })
  })

  test('anon cannot call it at all', async () => {
    const { submissionId } = await submitted()
    const result = await review('anon', submissionId, 'approved')
    expect(result.error?.code).toBe('42501')
    expect(result.status).toBe(401)
    expect(await pointsFor(submissionId)).toEqual([])
  })

  test('rejecting awards nothing and leaves the ask accepted; it cannot be approved afterwards', async () => {
    const { submissionId, ledgerId } = await submitted(100)
    const rejected = await review('admin', submissionId, 'rejected', 'Please add a result')
    expect(rejected.error).toBeNull()
    expect(rejected.data).toMatchObject({ status: 'rejected', points_awarded: null, review_note: 'Please add a result' })
    expect(await pointsFor(submissionId)).toEqual([])
    expect(await stateOf(submissionId, ledgerId)).toMatchObject({ status: 'rejected', ledger_state: 'accepted' })

    expect((await review('admin', submissionId, 'rejected')).error).toBeNull()
    const flip = await review('admin', submissionId, 'approved')
    expect(flip.error?.code).toBe('22023')
    expect(await pointsFor(submissionId)).toEqual([])
  })

  test('an approved submission cannot be rejected afterwards; the points stay', async () => {
    const { submissionId } = await submitted(25)
    expect((await review('admin', submissionId, 'approved')).error).toBeNull()
    expect((await review('admin', submissionId, 'rejected')).error?.code).toBe('22023')
    expect(await pointsFor(submissionId)).toHaveLength(1)
  })

  test('a bad decision (22023, 400) or an unknown submission (PT404, 404) is refused', async () => {
    const { submissionId } = await submitted()
    const bad = await review('admin', submissionId, 'maybe')
    expect(bad.error?.code).toBe('22023')
    expect(bad.status).toBe(400)
    const missing = await review('admin', 2_000_000_000, 'approved')
    expect(missing.error?.code).toBe('PT404')
    expect(missing.status).toBe(404)
    expect(await pointsFor(submissionId)).toEqual([])
  })

  test('an admin cannot review their own submission (403); another admin can', async () => {
    const opportunityId = await insertOpportunity(`rls-feed review own ${randomUUID().slice(0, 8)}`, { type: 'testimonial', points: 30 })
    const ledgerId = await insertAcceptedAsk(p.idOf('admin'), opportunityId)
    const { rows } = await db.query<{ id: number }>(
      `insert into public.submissions (profile_id, ask_ledger_id, type, payload) values ($1, $2, 'testimonial', $3) returning id::int`,
      [p.idOf('admin'), ledgerId, TESTIMONIAL_PAYLOAD],
    )
    const own = await review('admin', rows[0].id, 'approved')
    expect(own.status).toBe(403)
    expect(own.error).toMatchObject({ code: '42501', details: 'own_submission' })
    expect(await pointsFor(rows[0].id)).toEqual([])
    expect(await stateOf(rows[0].id, ledgerId)).toMatchObject({ status: 'submitted', reviewed_by: null, ledger_state: 'accepted' })

    const colleague = await signInAs({ name: 'admin', label: 'review-colleague', appMetadata: { role: 'admin' } })
    try {
      const approved = await colleague.client.rpc('review_submission', { submission_id: rows[0].id, decision: 'approved' })
      expect(approved.error).toBeNull()
      expect(await pointsFor(rows[0].id)).toEqual([{ profile_id: p.idOf('admin'), delta: 30, created_by: colleague.user.id }])
    } finally {
      await serviceClient().auth.admin.deleteUser(colleague.user.id)
    }
  })

  test('points cannot be written twice for a submission, even by the service role', async () => {
    const { submissionId } = await submitted(25)
    expect((await review('admin', submissionId, 'approved')).error).toBeNull()
    await expect(
      db.query(`insert into public.points_ledger (profile_id, delta, reason, submission_id) values ($1, 25, 'again', $2)`, [
        p.idOf('advocate'),
        submissionId,
      ]),
    ).rejects.toMatchObject({ code: '23505' })
  })
})
