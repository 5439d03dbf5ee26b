/**
 * Who may do what to `public.saved_items` (the policies in …_ask-flow.sql): advocates save,
 * list and unsave their own gives; admins read everyone's; nobody edits a saved row.
 *
 * The composite key (profile_id, content_item_id) is addressed by content_item_id: every row
 * here saves a give of its own, made for it (titles carry FEED_TEST_PREFIX and are removed by
 * removeSavedItemsTestContent).
 */
import { randomUUID } from 'node:crypto'
import { db } from '../../../stack/support/stack.ts'
import { USER_PRINCIPALS, type Principals, type UserPrincipal } from '../principals.ts'
import type { TableMatrix } from '../rls-matrix.ts'
import { FEED_TEST_PREFIX } from './feed.ts'

const made: string[] = []

/**
 * A give made for this file, published a minute ago unless told otherwise. It targets a segment
 * no real advocate has, so feeds that other test files compare in parallel never show it.
 */
export async function savedItemsTestGive(publishedAt: string | null = new Date(Date.now() - 60_000).toISOString()): Promise<number> {
  const title = `${FEED_TEST_PREFIX}saved give ${randomUUID().slice(0, 8)}`
  made.push(title)
  const { rows } = await db.query<{ id: number }>(
    `insert into public.content_items (kind, title, body, affinity, target_segments, published_at)
     values ('how_to', $1, 'Arranged by a saved_items test.', '{1,0.2,0.2,0.2}', '{test_only}', $2) returning id::int`,
    [title, publishedAt],
  )
  return rows[0].id
}

/** Removes the gives this file made (their saved rows go with them). */
export async function removeSavedItemsTestContent(): Promise<void> {
  await db.query('delete from public.content_items where title = any($1::text[])', [made])
}

const arrangedGives = new WeakMap<Principals, Map<UserPrincipal, number>>()

const refused = { select: 'denied', insert: 'denied', update: 'denied', delete: 'denied' } as const
const owner = { select: 'own-rows', insert: 'own-rows', update: 'denied', delete: 'own-rows' } as const

export const savedItemsMatrix: TableMatrix = {
  table: 'saved_items',
  key: 'content_item_id',
  async arrange(principals) {
    if (!arrangedGives.has(principals)) {
      const gives = new Map<UserPrincipal, number>()
      for (const name of USER_PRINCIPALS) gives.set(name, await savedItemsTestGive())
      arrangedGives.set(principals, gives)
    }
    const gives = arrangedGives.get(principals)!
    const ids = USER_PRINCIPALS.map((name) => principals.idOf(name))
    await db.query('delete from public.saved_items where profile_id = any($1::uuid[])', [ids])
    await db.query(`insert into public.saved_items (profile_id, content_item_id) select unnest($1::uuid[]), unnest($2::bigint[])`, [
      ids,
      USER_PRINCIPALS.map((name) => gives.get(name)),
    ])
    return USER_PRINCIPALS.map((name) => ({ key: String(gives.get(name)), owner: name }))
  },
  insertRow: async (principals, rowOwner) => ({ profile_id: principals.idOf(rowOwner), content_item_id: await savedItemsTestGive() }),
  updatePatch: () => ({ saved_at: new Date(Date.now() - Math.floor(Math.random() * 1e9)).toISOString() }),
  expect: {
    anon: refused,
    // A private list: save, see and unsave your own; saving again is a no-op, so no update.
    advocate: owner,
    otherAdvocate: owner,
    // Admins read what resonates across the program, but don't curate anyone's list.
    admin: { ...owner, select: 'rows' },
    service_role: { select: 'rows', insert: 'rows', update: 'rows', delete: 'rows' },
  },
}
