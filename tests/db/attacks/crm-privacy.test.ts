/**
 * Issue 9 §1: an advocate never learns the program's assessment of them. An advocate with NPS 5
 * and health score 40 reads their feed every way the app offers (the `feed` function's page and
 * `?item=` explanations, the /feed loader's data, the /resources/feed JSON, the ask page's loader)
 * and no answer carries an eligibility reason, an NPS or a health score; only `asksPaused`. The
 * reasons stay on the admin-only path (`?advocate=`), which checks the live role.
 */
import { randomUUID } from 'node:crypto'
import { FunctionsHttpError } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ELIGIBILITY_REASONS } from '../../../supabase/functions/_shared/matching/eligibility.ts'
import { args, asData, CookieJar, createConfirmedUser, formRequest, getRequest, settle } from '../../../app/test/auth-harness.ts'
import { anonClient, db, serviceClient } from '../../stack/support/stack.ts'
import { activeSurvey, insertResult, resultRow } from '../support/survey.ts'
import { signInAs, type SignedInPrincipal, type TypedClient } from '../support/principals.ts'

const login = await import('../../../app/routes/_auth.login.server.ts')
const feedPage = await import('../../../app/routes/_app.feed.server.ts')
const feedResource = await import('../../../app/routes/resources.feed.ts')
const askPage = await import('../../../app/routes/_app.opportunities.$id.server.ts')

const SEGMENT = `attack_crm_${randomUUID().slice(0, 8)}`
const TITLE = `attack-crm ${SEGMENT}`

/** Anything that would tell the advocate how the program rates them. */
function expectNoAssessment(payload: unknown, where: string) {
  const text = JSON.stringify(payload)
  for (const reason of ELIGIBILITY_REASONS) expect(text, `${where} names ${reason}`).not.toContain(reason)
  expect(text, where).not.toMatch(/"(eligibility|eligible|reasons?Eligib\w*|nps\w*|health\w*|csm\w*)"\s*:/i)
  expect(text, where).not.toMatch(/health[_ ]?score|\bnps\b/i)
}

async function invoke(client: TypedClient, query: string) {
  const { data, error, response } = await client.functions.invoke(`feed?${query}`, { method: 'GET' })
  if (error instanceof FunctionsHttpError) {
    const res = error.context as Response
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  }
  if (error) throw error
  return { status: response!.status, body: data as Record<string, unknown> }
}

let advocate: { user: { id: string }; email: string; password: string; client: TypedClient }
let admin: SignedInPrincipal
let demoted: SignedInPrincipal
let askId: number
let giveIds: number[]
let cookie: string

beforeAll(async () => {
  const created = await createConfirmedUser({ displayName: 'Attack CRM Advocate' })
  const client = anonClient()
  const signedIn = await client.auth.signInWithPassword({ email: created.email, password: created.password })
  if (signedIn.error) throw signedIn.error
  advocate = { user: { id: created.id }, email: created.email, password: created.password, client: client as unknown as TypedClient }
  ;[admin, demoted] = await Promise.all([
    signInAs({ name: 'admin', label: 'attack-crm', appMetadata: { role: 'admin' } }),
    signInAs({ name: 'admin', label: 'attack-crm-demoted', appMetadata: { role: 'admin' } }),
  ])
  // The demoted admin keeps a token that still says admin; Auth no longer does.
  const demote = await serviceClient().auth.admin.updateUserById(demoted.user.id, { app_metadata: { role: null } })
  if (demote.error) throw demote.error

  await db.query(
    `insert into public.advocate_accounts (profile_id, segment, nps, nps_at, health_score, customer_since, last_active_at, csm_notes)
     values ($1, $2, 5, now() - interval '5 days', 40, (now() - interval '2 years')::date, now() - interval '1 day', 'Unhappy with support')`,
    [advocate.user.id, SEGMENT],
  )
  await insertResult(resultRow(await activeSurvey(), advocate.user.id, ['educator', 'educator', 'validator', 'educator', 'collaborator']))
  const ask = await db.query<{ id: number }>(
    `insert into public.opportunities (type, title, body, effort, value, affinity, target_segments, team, status)
     values ('review', $1, 'Two minutes.', 'low', 'medium', '{1,0,0,0}', $2, 'marketing', 'open') returning id::int`,
    [`${TITLE} ask`, [SEGMENT]],
  )
  askId = ask.rows[0].id
  // More gives than one page of the feed (12), so /resources/feed has a next page to serve.
  const gives = await db.query<{ id: number }>(
    `insert into public.content_items (kind, title, body, affinity, target_segments, published_at)
     select 'how_to', $1 || ' give ' || n, 'A guide.', '{1,0,0,0}', $2, now() - interval '1 hour'
       from generate_series(1, 14) n returning id::int`,
    [TITLE, [SEGMENT]],
  )
  giveIds = gives.rows.map((r) => r.id)

  const signIn = await settle(() =>
    login.action(args(formRequest('/login', { intent: 'password', email: advocate.email, password: advocate.password }))),
  )
  cookie = new CookieJar().absorb(signIn.headers).header()
}, 60_000)

afterAll(async () => {
  await db.query('delete from public.opportunities where title like $1', [`${TITLE}%`])
  await db.query('delete from public.content_items where title like $1', [`${TITLE}%`])
  for (const p of [advocate, admin, demoted]) if (p) await serviceClient().auth.admin.deleteUser(p.user.id)
})

describe('an advocate with NPS 5 and health 40', () => {
  test('the feed function: told asks are paused, never why', async () => {
    const page = await invoke(advocate.client, 'limit=50')
    expect(page.status).toBe(200)
    expect(page.body.asksPaused).toBe(true)
    expectNoAssessment(page.body, 'feed page')
    const filtered = await invoke(advocate.client, 'kind=content&limit=5')
    expectNoAssessment(filtered.body, 'filtered feed page')
  })

  test('?item= explanations of an ask and a give', async () => {
    const ask = await invoke(advocate.client, `item=ask:${askId}`)
    expect(ask.status).toBe(200)
    expect(ask.body).toMatchObject({ offerable: false, blockedBy: ['not_eligible'], asksPaused: true })
    expectNoAssessment(ask.body, 'ask explanation')
    const give = await invoke(advocate.client, `item=content:${giveIds[0]}`)
    expect(give.status).toBe(200)
    expectNoAssessment(give.body, 'give explanation')
  })

  test('the /feed loader, the /resources/feed page after it, and the ask page loader', async () => {
    const page = asData<{ page: { nextCursor: string | null; asksPaused: boolean } }>(
      await feedPage.loader(args(getRequest('/feed', { cookie }))),
    )
    expect(page.data.page.asksPaused).toBe(true)
    expectNoAssessment(page.data, '/feed loader')
    expect(page.data.page.nextCursor).toEqual(expect.any(String))

    const next = await feedResource.loader(
      args(getRequest(`/resources/feed?cursor=${encodeURIComponent(page.data.page.nextCursor!)}`, { cookie })),
    )
    expectNoAssessment(asData(next).data, '/resources/feed')

    const detail = await askPage.loader({ ...args(getRequest(`/opportunities/${askId}`, { cookie })), params: { id: String(askId) } })
    const detailData = asData<{ blockedBy: string[] }>(detail).data
    expect(detailData.blockedBy).toEqual(['not_eligible'])
    expectNoAssessment(detailData, 'ask page loader')
  })
})

describe('the reasons are for admins only (?advocate=)', () => {
  test('an admin reads them, for the feed and for one item', async () => {
    const page = await invoke(admin.client, `advocate=${advocate.user.id}&limit=5`)
    expect(page.status).toBe(200)
    expect(page.body.eligibility).toEqual({ eligible: false, reasons: expect.arrayContaining(['detractor', 'health_below_threshold']) })
    const item = await invoke(admin.client, `advocate=${advocate.user.id}&item=ask:${askId}`)
    expect(item.status).toBe(200)
    expect(item.body).toMatchObject({ blockedBy: ['not_eligible'], eligibility: { eligible: false } })
  })

  test('the advocate themself, a demoted admin with their old token, and an unknown advocate are refused', async () => {
    for (const [who, client] of [
      ['advocate', advocate.client],
      ['demoted admin', demoted.client],
    ] as const) {
      const res = await invoke(client, `advocate=${advocate.user.id}`)
      expect(res.status, who).toBe(403)
      expect(res.body, who).toMatchObject({ error: 'forbidden' })
      expectNoAssessment(res.body, who)
    }
    const unknown = await invoke(admin.client, `advocate=${randomUUID()}`)
    expect(unknown.status).toBe(404)
    const malformed = await invoke(admin.client, 'advocate=not-a-uuid')
    expect(malformed.status).toBe(400)
  })
})
