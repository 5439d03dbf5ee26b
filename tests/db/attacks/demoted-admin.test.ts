/**
 * Issue 9 §5: privilege changes take effect at once. An admin demoted by the service role keeps
 * an access token that says `role: admin` for up to an hour; the database reads the live role,
 * so that token no longer reviews submissions or reads CRM rows. A newly promoted admin's old
 * token works at once, for the same reason.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { db, serviceClient } from '../../stack/support/stack.ts'
import { insertAcceptedAsk, insertOpportunity, TESTIMONIAL_PAYLOAD } from '../support/matrices/feed.ts'
import { signInAs, type SignedInPrincipal } from '../support/principals.ts'

const TITLE = `rls-feed attack-demoted ${randomUUID().slice(0, 8)}`
let admin: SignedInPrincipal
let advocate: SignedInPrincipal
let submissionId: number

const claimedRole = (principal: SignedInPrincipal) =>
  principal.client.auth.getSession().then(({ data }) => {
    const payload = data.session!.access_token.split('.')[1]
    return JSON.parse(Buffer.from(payload, 'base64url').toString()).app_metadata?.role
  })

beforeAll(async () => {
  ;[admin, advocate] = await Promise.all([
    signInAs({ name: 'admin', label: 'attack-demoted', appMetadata: { role: 'admin' } }),
    signInAs({ name: 'advocate', label: 'attack-demoted' }),
  ])
  await db.query(
    `insert into public.advocate_accounts (profile_id, segment, nps, nps_at, health_score) values ($1, 'enterprise', 9, now(), 80)`,
    [advocate.user.id],
  )
  const ledgerId = await insertAcceptedAsk(advocate.user.id, await insertOpportunity(TITLE, { type: 'testimonial', points: 20 }))
  const { rows } = await db.query<{ id: number }>(
    `insert into public.submissions (profile_id, ask_ledger_id, type, payload) values ($1, $2, 'testimonial', $3) returning id::int`,
    [advocate.user.id, ledgerId, TESTIMONIAL_PAYLOAD],
  )
  submissionId = rows[0].id
})

afterAll(async () => {
  for (const p of [admin, advocate]) if (p) await serviceClient().auth.admin.deleteUser(p.user.id)
  await db.query('delete from public.opportunities where title = $1', [TITLE])
})

describe('a demoted admin with their old token', () => {
  test('before the demotion the token works; after it, review_submission and advocate_accounts refuse it', async () => {
    const before = await admin.client.from('advocate_accounts').select('profile_id, nps').eq('profile_id', advocate.user.id)
    expect(before.data).toEqual([{ profile_id: advocate.user.id, nps: 9 }])

    const demotion = await serviceClient().auth.admin.updateUserById(admin.user.id, { app_metadata: { role: null } })
    expect(demotion.error).toBeNull()
    // The token is the same one: it still claims admin.
    expect(await claimedRole(admin)).toBe('admin')

    const review = await admin.client.rpc('review_submission', { submission_id: submissionId, decision: 'approved' })
    expect(review.status).toBe(403)
    expect(review.error?.code).toBe('42501')
    const crm = await admin.client.from('advocate_accounts').select('profile_id, nps').eq('profile_id', advocate.user.id)
    expect(crm.error).toBeNull()
    expect(crm.data).toEqual([])
    const settings = await admin.client.from('program_settings').update({ page_size: 3 }).eq('id', true).select()
    expect(settings.data).toEqual([])

    const { rows } = await db.query(
      `select status::text, (select count(*)::int from public.points_ledger where submission_id = $1) as points
                                       from public.submissions where id = $1`,
      [submissionId],
    )
    expect(rows[0]).toEqual({ status: 'submitted', points: 0 })
  })

  test('a promotion takes effect without a new token', async () => {
    const promoted = await signInAs({ name: 'advocate', label: 'attack-promoted' })
    try {
      expect((await promoted.client.from('advocate_accounts').select('profile_id').eq('profile_id', advocate.user.id)).data).toEqual([])
      await serviceClient().auth.admin.updateUserById(promoted.user.id, { app_metadata: { role: 'admin' } })
      expect(await claimedRole(promoted)).toBeUndefined()
      expect((await promoted.client.from('advocate_accounts').select('profile_id').eq('profile_id', advocate.user.id)).data).toEqual([
        { profile_id: advocate.user.id },
      ])
    } finally {
      await serviceClient().auth.admin.deleteUser(promoted.user.id)
    }
  })
})
