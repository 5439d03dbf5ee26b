/** Who may do what to `public.profiles` through the API (the policies in …_profiles.sql). */
import { randomUUID } from 'node:crypto'
import { db } from '../../../stack/support/stack.ts'
import { USER_PRINCIPALS } from '../principals.ts'
import type { TableMatrix } from '../rls-matrix.ts'

const refused = { select: 'denied', insert: 'denied', update: 'denied', delete: 'denied' } as const
const advocate = { select: 'own-rows', insert: 'denied', update: 'own-rows', delete: 'denied' } as const

export const profilesMatrix: TableMatrix = {
  table: 'profiles',
  async arrange(principals) {
    // Back to what the sign-up trigger made, whatever the previous case changed or deleted.
    for (const name of USER_PRINCIPALS) {
      const { user, displayName } = principals[name]
      await db.query(
        `insert into public.profiles (id, display_name) values ($1, $2)
         on conflict (id) do update set display_name = excluded.display_name, avatar_url = null`,
        [user.id, displayName],
      )
    }
    return USER_PRINCIPALS.map((name) => ({ key: principals.idOf(name), owner: name }))
  },
  async insertRow(principals, owner) {
    // Free the primary key, so that only the policies and grants can refuse the insert.
    const id = principals.idOf(owner)
    await db.query('delete from public.profiles where id = $1', [id])
    return { id, display_name: `Inserted ${owner}` }
  },
  updatePatch: () => ({ display_name: `Renamed ${randomUUID().slice(0, 8)}` }),
  expect: {
    // No grants at all: anon cannot even learn which profiles exist.
    anon: refused,
    advocate,
    otherAdvocate: advocate,
    // Admins read everyone to run the program, but edit only their own profile.
    admin: { ...advocate, select: 'rows' },
    // Server-side jobs and the admin API bypass RLS.
    service_role: { select: 'rows', insert: 'rows', update: 'rows', delete: 'rows' },
  },
}
