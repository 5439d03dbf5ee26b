/**
 * Issue 9 §7 and §8: the interaction log.
 * - Advocates log only items they can see: a draft or paused ask, an unpublished give and an id
 *   that does not exist all get the same 403, so the log tells nobody which ids exist.
 * - Writes are bounded per advocate (300 an hour; 10 survey results a day): PT429, HTTP 429.
 * - Opening a detail page writes nothing on GET; the page's beacon (POST /resources/opened)
 *   records one `opened` row, and refuses what the advocate cannot see with a 404.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { args, asData, CookieJar, createConfirmedUser, formRequest, getRequest, settle } from '../../../app/test/auth-harness.ts'
import { anonClient, db, serviceClient } from '../../stack/support/stack.ts'
import { activeSurvey, insertResult, resultRow } from '../support/survey.ts'
import type { TypedClient } from '../support/principals.ts'

const login = await import('../../../app/routes/_auth.login.server.ts')
const askPage = await import('../../../app/routes/_app.opportunities.$id.server.ts')
const contentPage = await import('../../../app/routes/_app.content.$id.server.ts')
const opened = await import('../../../app/routes/resources.opened.ts')

const TITLE = `attack-log ${randomUUID().slice(0, 8)}`
const PICKS = ['educator', 'educator', 'validator', 'educator', 'collaborator'] as const

interface Advocate {
  id: string
  client: TypedClient
  cookie: string
}

async function newAdvocate(): Promise<Advocate> {
  const created = await createConfirmedUser({ displayName: 'Attack Log' })
  const client = anonClient()
  const signedIn = await client.auth.signInWithPassword({ email: created.email, password: created.password })
  if (signedIn.error) throw signedIn.error
  const response = await settle(() =>
    login.action(args(formRequest('/login', { intent: 'password', email: created.email, password: created.password }))),
  )
  return { id: created.id, client: client as unknown as TypedClient, cookie: new CookieJar().absorb(response.headers).header() }
}

async function ask(status: string): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into public.opportunities (type, title, body, effort, value, affinity, team, status)
     values ('review', $1, 'Two minutes.', 'low', 'medium', '{1,0,0,0}', 'marketing', $2) returning id::int`,
    [`${TITLE} ${status}`, status],
  )
  return rows[0].id
}

async function give(published: boolean): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into public.content_items (kind, title, body, affinity, published_at)
     values ('how_to', $1, 'A guide.', '{1,0,0,0}', $2) returning id::int`,
    [`${TITLE} give`, published ? new Date(Date.now() - 60_000).toISOString() : null],
  )
  return rows[0].id
}

const logOf = async (profileId: string) =>
  (
    await db.query<{ kind: string; item: string }>(
      `select kind::text, item_kind::text || ':' || item_id as item from public.interactions where profile_id = $1 order by id`,
      [profileId],
    )
  ).rows

let advocate: Advocate
let openAsk: number
let publishedGive: number

beforeAll(async () => {
  advocate = await newAdvocate()
  await insertResult(resultRow(await activeSurvey(), advocate.id, PICKS))
  ;[openAsk, publishedGive] = await Promise.all([ask('open'), give(true)])
}, 60_000)

afterAll(async () => {
  await db.query('delete from public.opportunities where title like $1', [`${TITLE}%`])
  await db.query('delete from public.content_items where title like $1', [`${TITLE}%`])
  if (advocate) await serviceClient().auth.admin.deleteUser(advocate.id)
})

describe('only items the advocate can see', () => {
  test('a draft, a paused ask, an unpublished give and a missing id are refused alike (403, nothing written)', async () => {
    const [draft, paused, unpublished] = await Promise.all([ask('draft'), ask('paused'), give(false)])
    const rows = [
      { item_kind: 'ask', opportunity_id: draft },
      { item_kind: 'ask', opportunity_id: paused },
      { item_kind: 'ask', opportunity_id: 2_000_000_000 },
      { item_kind: 'content', content_item_id: unpublished },
      { item_kind: 'content', content_item_id: 2_000_000_000 },
    ] as const
    const answers = []
    for (const row of rows) {
      const { status, error } = await advocate.client.from('interactions').insert({ profile_id: advocate.id, kind: 'opened', ...row })
      answers.push({ status, code: error?.code, message: error?.message })
    }
    // Existing-but-hidden and missing look the same: no FK error tells the two apart.
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1)
    expect(answers[0]).toMatchObject({ status: 403, code: '42501' })
    expect(await logOf(advocate.id)).toEqual([])
  })

  test('an open ask and a published give can be logged', async () => {
    const fresh = await newAdvocate()
    try {
      expect(
        (
          await fresh.client
            .from('interactions')
            .insert({ profile_id: fresh.id, item_kind: 'ask', opportunity_id: openAsk, kind: 'opened' })
        ).error,
      ).toBeNull()
      expect(
        (
          await fresh.client
            .from('interactions')
            .insert({ profile_id: fresh.id, item_kind: 'content', content_item_id: publishedGive, kind: 'declined' })
        ).error,
      ).toBeNull()
      expect(await logOf(fresh.id)).toEqual([
        { kind: 'opened', item: `ask:${openAsk}` },
        { kind: 'declined', item: `content:${publishedGive}` },
      ])
    } finally {
      await serviceClient().auth.admin.deleteUser(fresh.id)
    }
  })
})

describe('opening a detail page', () => {
  test('the loaders of /opportunities/:id and /content/:id write nothing (a GET never writes)', async () => {
    const reader = await newAdvocate()
    try {
      await insertResult(resultRow(await activeSurvey(), reader.id, PICKS))
      await askPage.loader({ ...args(getRequest(`/opportunities/${openAsk}`, { cookie: reader.cookie })), params: { id: String(openAsk) } })
      const page = asData<{ item: { id: number } }>(
        await contentPage.loader({
          ...args(getRequest(`/content/${publishedGive}`, { cookie: reader.cookie })),
          params: { id: String(publishedGive) },
        }),
      )
      expect(page.data.item.id).toBe(publishedGive)
      expect(await logOf(reader.id)).toEqual([])

      const beacon = await opened.action(
        args(formRequest('/resources/opened', { kind: 'content', id: String(publishedGive) }, { cookie: reader.cookie })),
      )
      expect((beacon as Response).status).toBe(204)
      expect(await logOf(reader.id)).toEqual([{ kind: 'opened', item: `content:${publishedGive}` }])
    } finally {
      await serviceClient().auth.admin.deleteUser(reader.id)
    }
  })

  test('the beacon refuses bad input (400), hidden or missing items (404) and a GET (405), writing nothing', async () => {
    const reader = await newAdvocate()
    try {
      const post = async (fields: Record<string, string>) =>
        asData(await opened.action(args(formRequest('/resources/opened', fields, { cookie: reader.cookie })))).init.status
      expect(await post({ kind: 'ask' })).toBe(400)
      expect(await post({ kind: 'event', id: '1' })).toBe(400)
      expect(await post({ kind: 'ask', id: '-3' })).toBe(400)
      const hidden = asData<{ error: string }>(
        await opened.action(
          args(formRequest('/resources/opened', { kind: 'ask', id: String(await ask('draft')) }, { cookie: reader.cookie })),
        ),
      )
      const missing = asData<{ error: string }>(
        await opened.action(args(formRequest('/resources/opened', { kind: 'ask', id: '2000000000' }, { cookie: reader.cookie }))),
      )
      expect([hidden.init.status, missing.init.status]).toEqual([404, 404])
      expect(hidden.data).toEqual(missing.data)
      expect(asData(await opened.loader()).init.status).toBe(405)
      expect(await logOf(reader.id)).toEqual([])
      // Signed out: the guard sends the visitor to sign in; nothing is written for anyone.
      const anon = await settle(() => opened.action(args(formRequest('/resources/opened', { kind: 'ask', id: String(openAsk) }))))
      expect(anon.status).toBe(302)
    } finally {
      await serviceClient().auth.admin.deleteUser(reader.id)
    }
  })
})

describe('per-advocate write quotas', () => {
  test('the 301st interaction in an hour is refused with 429; older rows do not count', async () => {
    const busy = await newAdvocate()
    try {
      // 299 rows in the last hour and 50 from yesterday, written by the database (not counted as API writes).
      await db.query(
        `insert into public.interactions (profile_id, item_kind, content_item_id, kind, at)
         select $1::uuid, 'content'::public.feed_item_kind, $2::bigint, 'opened'::public.interaction_kind, now() - make_interval(secs => n)
           from generate_series(1, 299) n
         union all
         select $1::uuid, 'content', $2::bigint, 'opened', now() - interval '1 day' from generate_series(1, 50)`,
        [busy.id, publishedGive],
      )
      const log = (kind: 'opened' | 'shown') =>
        busy.client.from('interactions').insert({ profile_id: busy.id, item_kind: 'content', content_item_id: publishedGive, kind })
      expect((await log('shown')).error).toBeNull()
      const refused = await log('opened')
      expect(refused.status).toBe(429)
      expect(refused.error).toMatchObject({ code: 'PT429', details: 'write_quota' })
      const { rows } = await db.query(`select count(*)::int as n from public.interactions where profile_id = $1`, [busy.id])
      expect(rows[0].n).toBe(350)
    } finally {
      await serviceClient().auth.admin.deleteUser(busy.id)
    }
  })

  test('parallel writes cannot overshoot the quota', async () => {
    const racer = await newAdvocate()
    try {
      await db.query(
        `insert into public.interactions (profile_id, item_kind, content_item_id, kind)
         select $1, 'content', $2, 'opened' from generate_series(1, 295)`,
        [racer.id, publishedGive],
      )
      const results = await Promise.all(
        Array.from({ length: 12 }, () =>
          racer.client
            .from('interactions')
            .insert({ profile_id: racer.id, item_kind: 'content', content_item_id: publishedGive, kind: 'shown' }),
        ),
      )
      expect(results.filter((r) => r.error === null)).toHaveLength(5)
      expect(results.filter((r) => r.status === 429)).toHaveLength(7)
    } finally {
      await serviceClient().auth.admin.deleteUser(racer.id)
    }
  })

  test('the 11th survey result in a day is refused with 429, through the survey-submit function too', async () => {
    const survey = await activeSurvey()
    const retaker = await newAdvocate()
    try {
      for (let i = 0; i < 10; i++) await insertResult(resultRow(survey, retaker.id, PICKS))
      const direct = await retaker.client.from('personality_results').insert(resultRow(survey, retaker.id, PICKS) as never)
      expect(direct.status).toBe(429)
      const { error, response } = await retaker.client.functions.invoke('survey-submit', {
        body: {
          surveyVersionId: survey.versionId,
          answers: survey.questions.map((q, i) => ({ questionId: q.id, optionId: q.options.find((o) => o.personality === PICKS[i])!.id })),
        },
      })
      expect(error).not.toBeNull()
      expect(response?.status).toBe(429)
      const { rows } = await db.query(`select count(*)::int as n from public.personality_results where profile_id = $1`, [retaker.id])
      expect(rows[0].n).toBe(10)
    } finally {
      await serviceClient().auth.admin.deleteUser(retaker.id)
    }
  })
})
