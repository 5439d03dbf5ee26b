/**
 * Issue 9 §5: an admin may not review their own submission. The database refuses it (see
 * review-submission.test.ts); the admin page says why instead of offering the buttons, and its
 * action answers a forged post with a clear 403, not a 500.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { args, asData, CookieJar, createConfirmedUser, formRequest, getRequest, settle } from '../../../app/test/auth-harness.ts'
import { db, serviceClient } from '../../stack/support/stack.ts'
import { insertAcceptedAsk, insertOpportunity, TESTIMONIAL_PAYLOAD } from '../support/matrices/feed.ts'

const login = await import('../../../app/routes/_auth.login.server.ts')
const review = await import('../../../app/routes/_app.admin.submissions.server.ts')

const TITLE = `rls-feed attack-self-review ${randomUUID().slice(0, 8)}`
let adminId: string
let cookie: string
let submissionId: number

beforeAll(async () => {
  const admin = await createConfirmedUser({ role: 'admin', displayName: 'Self Reviewer' })
  adminId = admin.id
  const signIn = await settle(() =>
    login.action(args(formRequest('/login', { intent: 'password', email: admin.email, password: admin.password }))),
  )
  cookie = new CookieJar().absorb(signIn.headers).header()
  const ledgerId = await insertAcceptedAsk(admin.id, await insertOpportunity(TITLE, { type: 'testimonial', points: 50 }))
  const { rows } = await db.query<{ id: number }>(
    `insert into public.submissions (profile_id, ask_ledger_id, type, payload) values ($1, $2, 'testimonial', $3) returning id::int`,
    [admin.id, ledgerId, TESTIMONIAL_PAYLOAD],
  )
  submissionId = rows[0].id
})

afterAll(async () => {
  if (adminId) await serviceClient().auth.admin.deleteUser(adminId)
  await db.query('delete from public.opportunities where title = $1', [TITLE])
})

test('the review page marks the admin’s own submission, and the action refuses it with 403', async () => {
  const page = asData<{ submissions: { id: number; isOwn: boolean }[] }>(
    await review.loader(args(getRequest('/admin/submissions', { cookie }))),
  )
  expect(page.data.submissions.find((s) => s.id === submissionId)).toMatchObject({ isOwn: true })

  const forged = asData<{ error: string }>(
    await review.action(args(formRequest('/admin/submissions', { submissionId: String(submissionId), decision: 'approved' }, { cookie }))),
  )
  expect(forged.init.status).toBe(403)
  expect(forged.data.error).toBe('That one is yours: another admin has to review it.')
  const { rows } = await db.query(`select status::text from public.submissions where id = $1`, [submissionId])
  expect(rows[0].status).toBe('submitted')

  const missing = asData<{ error: string }>(
    await review.action(args(formRequest('/admin/submissions', { submissionId: '2000000000', decision: 'approved' }, { cookie }))),
  )
  expect(missing.init.status).toBe(404)
})
