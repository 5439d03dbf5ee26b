/**
 * Issue 10 §2: advocates keep their own history. Once an ask they accepted, handed in or
 * completed is closed (or paused, or back in draft), they can still read it, and My activity
 * still names it; another advocate cannot, nor can the one who withdrew.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { args, asData, CookieJar, createConfirmedUser, formRequest, getRequest, settle } from '../../app/test/auth-harness.ts'
import { anonClient, db, serviceClient } from '../stack/support/stack.ts'
import { activeSurvey, insertResult, resultRow } from './support/survey.ts'
import type { TypedClient } from './support/principals.ts'

const login = await import('../../app/routes/_auth.login.server.ts')
const activity = await import('../../app/routes/_app.activity._index.server.ts')

const TITLE = `history ${randomUUID().slice(0, 8)}`

interface Person {
  id: string
  client: TypedClient
  cookie: string
}

async function person(): Promise<Person> {
  const created = await createConfirmedUser({ displayName: 'History Advocate' })
  const client = anonClient()
  const signedIn = await client.auth.signInWithPassword({ email: created.email, password: created.password })
  if (signedIn.error) throw signedIn.error
  const response = await settle(() =>
    login.action(args(formRequest('/login', { intent: 'password', email: created.email, password: created.password }))),
  )
  await insertResult(resultRow(await activeSurvey(), created.id, ['educator', 'educator', 'validator', 'educator', 'collaborator']))
  return { id: created.id, client: client as unknown as TypedClient, cookie: new CookieJar().absorb(response.headers).header() }
}

async function askTakenBy(profileId: string, state: 'accepted' | 'completed' | 'declined', title: string): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into public.opportunities (type, title, body, effort, value, affinity, team, status)
     values ('testimonial', $1, 'One line.', 'low', 'medium', '{1,0,0,0}', 'marketing', 'open') returning id::int`,
    [title],
  )
  await db.query(
    `insert into public.ask_ledger (profile_id, opportunity_id, type, team, source, state, decided_at, completed_at)
     values ($1, $2, 'testimonial', 'marketing', 'feed', $3::public.ask_state, now(), case when $3::text = 'completed' then now() end)`,
    [profileId, rows[0].id, state],
  )
  return rows[0].id
}

const readable = async (client: TypedClient, id: number) => (await client.from('opportunities').select('id, title').eq('id', id)).data

let owner: Person
let other: Person
beforeAll(async () => {
  ;[owner, other] = await Promise.all([person(), person()])
}, 60_000)
afterAll(async () => {
  await db.query('delete from public.opportunities where title like $1', [`${TITLE}%`])
  for (const p of [owner, other]) if (p) await serviceClient().auth.admin.deleteUser(p.id)
})

describe('an ask the advocate took on, once it is no longer open', () => {
  test.each(['closed', 'paused', 'draft'])('%s: the owner still reads it; another advocate does not', async (status) => {
    const id = await askTakenBy(owner.id, 'completed', `${TITLE} ${status}`)
    await db.query('update public.opportunities set status = $2 where id = $1', [id, status])
    expect(await readable(owner.client, id)).toEqual([{ id, title: `${TITLE} ${status}` }])
    expect(await readable(other.client, id)).toEqual([])
  })

  test('an ask the advocate withdrew from is not kept', async () => {
    const id = await askTakenBy(owner.id, 'declined', `${TITLE} withdrawn`)
    await db.query(`update public.opportunities set status = 'closed' where id = $1`, [id])
    expect(await readable(owner.client, id)).toEqual([])
  })

  test('My activity names a completed ask after it closed', async () => {
    const title = `${TITLE} in activity`
    const id = await askTakenBy(owner.id, 'completed', title)
    await db.query(`update public.opportunities set status = 'closed' where id = $1`, [id])
    const page = asData<{ entries: { title: string; status: string }[] }>(
      await activity.loader(args(getRequest('/activity', { cookie: owner.cookie }))),
    )
    expect(page.data.entries).toContainEqual(expect.objectContaining({ title, status: 'done' }))
  })
})
