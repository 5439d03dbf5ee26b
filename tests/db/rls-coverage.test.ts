/**
 * The safety net for every later migration: each table in `public` has RLS on, and each table
 * and view there has a matrix in `support/rls-registry.ts` and a test file that runs it.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { PROJECT_ROOT } from '../../supabase/local/config.ts'
import { db } from '../stack/support/stack.ts'
import { RLS_MATRICES } from './support/rls-registry.ts'

async function publicRelations() {
  const { rows } = await db.query<{ name: string; kind: string; rls: boolean }>(
    `select c.relname as name, c.relkind::text as kind, c.relrowsecurity as rls
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f')
        and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
      order by 1`,
  )
  return rows
}

test('every table in public has row-level security enabled', async () => {
  const tables = (await publicRelations()).filter((r) => r.kind === 'r' || r.kind === 'p')
  expect(tables.length).toBeGreaterThan(0)
  expect(tables.filter((t) => !t.rls).map((t) => t.name)).toEqual([])
})

test('every table and view in public has an RLS matrix in tests/db/support/rls-registry.ts', async () => {
  const names = (await publicRelations()).map((r) => r.name)
  expect(names.filter((name) => !(name in RLS_MATRICES))).toEqual([])
})

test('the registry lists nothing that no longer exists', async () => {
  const names = new Set((await publicRelations()).map((r) => r.name))
  expect(Object.keys(RLS_MATRICES).filter((name) => !names.has(name))).toEqual([])
})

test('every registered matrix is run by tests/db/<table>.rls.test.ts', () => {
  for (const [name, matrix] of Object.entries(RLS_MATRICES)) {
    expect(matrix.table).toBe(name)
    expect(existsSync(path.join(PROJECT_ROOT, 'tests/db', `${name}.rls.test.ts`)), `tests/db/${name}.rls.test.ts`).toBe(true)
  }
})
