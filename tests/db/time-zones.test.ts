/**
 * Issue 10 §5 (ADR 013): an advocate in Sydney sees Sydney's day. The browser's zone reaches the
 * profile through POST /resources/time-zone (validated, 400 otherwise); My activity then shows the
 * Sydney date of an ask taken late in the UTC evening; a snooze ends at Sydney's midnight. In the
 * database, nobody sets another advocate's zone and no one stores a name Postgres does not know.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { args, asData, CookieJar, createConfirmedUser, formRequest, getRequest, settle } from '../../app/test/auth-harness.ts'
import { anonClient, db, serviceClient } from '../stack/support/stack.ts'
import { activeSurvey, insertResult, resultRow } from './support/survey.ts'
import type { TypedClient } from './support/principals.ts'

const login = await import('../../app/routes/_auth.login.server.ts')
const activity = await import('../../app/routes/_app.activity._index.server.ts')
const timeZoneRoute = await import('../../app/routes/resources.time-zone.ts')
const opportunityRoute = await import('../../app/routes/_app.opportunities.$id.server.ts')

const TITLE = `time zone ${randomUUID().slice(0, 8)}`
// 22:30 UTC on 15 June is 08:30 on 16 June in Sydney (AEST, UTC+10).
const TAKEN_AT = '2026-06-15T22:30:00Z'

interface Person {
  id: string
  client: TypedClient
  cookie: string
}

async function person(): Promise<Person> {
  const created = await createConfirmedUser({ displayName: 'Zone Advocate' })
  const client = anonClient()
  const signedIn = await client.auth.signInWithPassword({ email: created.email, password: created.password })
  if (signedIn.error) throw signedIn.error
  const response = await settle(() =>
    login.action(args(formRequest('/login', { intent: 'password', email: created.email, password: created.password }))),
  )
  await insertResult(resultRow(await activeSurvey(), created.id, ['educator', 'educator', 'validator', 'educator', 'collaborator']))
  return { id: created.id, client: client as unknown as TypedClient, cookie: new CookieJar().absorb(response.headers).header() }
}

async function openAsk(title: string): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into public.opportunities (type, title, body, effort, value, affinity, team, status)
     values ('testimonial', $1, 'One line.', 'low', 'medium', '{1,0,0,0}', 'marketing', 'open') returning id::int`,
    [title],
  )
  return rows[0].id
}

const storedZone = async (id: string) =>
  (await db.query<{ time_zone: string }>('select time_zone from public.profiles where id = $1', [id])).rows[0]?.time_zone

/** The route's answer as status and body, whether it returned data() or threw a redirect. */
async function postZone(cookie: string | undefined, timeZone: string): Promise<{ status: number; body: unknown }> {
  try {
    const result = await timeZoneRoute.action(args(formRequest('/resources/time-zone', { timeZone }, { cookie })))
    if (result instanceof Response) return { status: result.status, body: null }
    const { data, init } = asData<unknown>(result)
    return { status: init?.status ?? 200, body: data }
  } catch (error) {
    if (error instanceof Response) return { status: error.status, body: null }
    throw error
  }
}

let a: Person
let b: Person
beforeAll(async () => {
  ;[a, b] = await Promise.all([person(), person()])
}, 60_000)
afterAll(async () => {
  await db.query('delete from public.opportunities where title like $1', [`${TITLE}%`])
  for (const p of [a, b]) if (p) await serviceClient().auth.admin.deleteUser(p.id)
})

describe('POST /resources/time-zone', () => {
  test('a new profile is in UTC until the browser reports a zone', async () => {
    expect(await storedZone(a.id)).toBe('UTC')
  })

  test("stores the browser's zone on the signed-in advocate's own profile, in its canonical spelling", async () => {
    const response = await postZone(a.cookie, 'australia/sydney')
    expect(response).toEqual({ status: 200, body: { timeZone: 'Australia/Sydney' } })
    expect(await storedZone(a.id)).toBe('Australia/Sydney')
    expect(await storedZone(b.id)).toBe('UTC')
  })

  test.each(['Mars/Olympus_Mons', 'abc+3', '', 'x'.repeat(200)])('refuses %j with a 400 and a sentence; nothing changes', async (zone) => {
    const before = await storedZone(b.id)
    const response = await postZone(b.cookie, zone)
    expect(response).toEqual({ status: 400, body: { error: 'invalid_time_zone', message: expect.stringMatching(/time zone/) } })
    expect(await storedZone(b.id)).toBe(before)
  })

  test('signed out it stores nothing; GET is 405', async () => {
    const response = await postZone(undefined, 'Asia/Tokyo')
    expect(response.status).toBeGreaterThanOrEqual(300)
    expect(response.status).toBeLessThan(500)
    expect(asData(await timeZoneRoute.loader()).init?.status).toBe(405)
  })
})

describe("dates and days in the advocate's zone", () => {
  test('My activity shows the Sydney day of an ask taken late in the UTC evening (UTC shows the day before)', async () => {
    const id = await openAsk(`${TITLE} activity`)
    for (const p of [a, b]) {
      await db.query(
        `insert into public.ask_ledger (profile_id, opportunity_id, type, team, source, state, asked_at, decided_at)
         values ($1, $2, 'testimonial', 'marketing', 'feed', 'accepted', $3, $3)`,
        [p.id, id, TAKEN_AT],
      )
    }
    await postZone(a.cookie, 'Australia/Sydney')
    const entryFor = async (p: Person) => {
      const page = asData<{ entries: { title: string; date: string }[] }>(
        await activity.loader(args(getRequest('/activity', { cookie: p.cookie }))),
      )
      return page.data.entries.find((entry) => entry.title === `${TITLE} activity`)
    }
    expect((await entryFor(a))?.date).toBe('Jun 16, 2026')
    expect((await entryFor(b))?.date).toBe('Jun 15, 2026')
  })

  test('a snooze "until" a date ends at that date\'s midnight in Sydney, as Postgres reads the zone', async () => {
    await postZone(a.cookie, 'Australia/Sydney')
    const id = await openAsk(`${TITLE} snooze`)
    // A week after today in Sydney, whatever the UTC date is now.
    const {
      rows: [{ until }],
    } = await db.query<{ until: string }>(`select to_char((now() at time zone 'Australia/Sydney')::date + 7, 'YYYY-MM-DD') as until`)
    const response = await settle(() =>
      opportunityRoute.action({
        ...args(formRequest(`/opportunities/${id}`, { intent: 'snooze', until }, { cookie: a.cookie })),
        params: { id: String(id) },
      }),
    )
    expect(response.status).toBe(302)
    const { rows } = await db.query<{ local: string }>(
      `select to_char(snoozed_until at time zone 'Australia/Sydney', 'YYYY-MM-DD HH24:MI') as local
         from public.interactions where profile_id = $1 and opportunity_id = $2 and kind = 'snoozed'`,
      [a.id, id],
    )
    expect(rows).toEqual([{ local: `${until} 00:00` }])
  })
})

describe('in the database', () => {
  test("an advocate cannot set another advocate's zone (RLS hides the row)", async () => {
    const before = await storedZone(b.id)
    const { data, error } = await a.client.from('profiles').update({ time_zone: 'Pacific/Auckland' }).eq('id', b.id).select('id')
    expect(error).toBeNull()
    expect(data).toEqual([])
    expect(await storedZone(b.id)).toBe(before)
  })

  test.each(['Mars/Olympus_Mons', 'abc+3', 'EST5EDT,M3.2.0,M11.1.0', '', ' Australia/Sydney'])(
    'no one stores %j, not even through the API directly: a clean 23514',
    async (zone) => {
      const before = await storedZone(a.id)
      const { error } = await a.client.from('profiles').update({ time_zone: zone }).eq('id', a.id)
      expect(error?.code).toBe('23514')
      expect(await storedZone(a.id)).toBe(before)
    },
  )

  test('IANA names Postgres knows are accepted, Etc/GMT offsets and backward links included', async () => {
    for (const zone of ['America/Los_Angeles', 'Etc/GMT+5', 'Asia/Calcutta', 'UTC']) {
      const { error } = await a.client.from('profiles').update({ time_zone: zone }).eq('id', a.id)
      expect(error, zone).toBeNull()
      expect(await storedZone(a.id)).toBe(zone)
    }
  })
})
