/**
 * Declarative RLS tests through the real API (gateway → PostgREST → Postgres):
 * table × principal × operation → expected outcome.
 *
 * | Outcome    | select                      | insert                        | update / delete                         |
 * |------------|-----------------------------|-------------------------------|-----------------------------------------|
 * | `rows`     | every arranged row          | rows for anyone are accepted  | every arranged row changes              |
 * | `own-rows` | exactly the actor's rows    | own accepted, others' refused | exactly the actor's rows change         |
 * | `none`     | 200 `[]`                    | (not meaningful)              | no error, 0 rows change                 |
 * | `denied`   | 401 (anon) / 403, `42501`   | 401 / 403, `42501`            | 401 / 403, `42501`, nothing changes     |
 *
 * Writes are never trusted from the response: the runner re-reads the table over the
 * superuser connection, because PostgREST reports a write hidden by `USING` as a silent success.
 */
import { describe, expect, test, beforeAll, afterAll } from 'vitest'
import type { PostgrestError, SupabaseClient } from '@supabase/supabase-js'
import { db } from '../../stack/support/stack.ts'
import { createPrincipals, PRINCIPALS, type Principal, type Principals, type UserPrincipal } from './principals.ts'

export const OPERATIONS = ['select', 'insert', 'update', 'delete'] as const
export type Operation = (typeof OPERATIONS)[number]
export type Outcome = 'rows' | 'own-rows' | 'none' | 'denied'

/** A row the cases act on, and whose it is (`null`: nobody's, e.g. reference data). */
export interface ArrangedRow {
  key: string
  owner: UserPrincipal | null
}

export interface TableMatrix {
  /** A table (or view) in `public`. */
  table: string
  /** Primary-key column used to target and re-read rows. Default `id`. */
  key?: string
  /**
   * Puts the rows every case acts on into a known state over the superuser connection (`db`),
   * undoing whatever the previous case did (inserted, changed or deleted rows). Touch only rows
   * belonging to these principals: other test files share the database.
   */
  arrange(principals: Principals): Promise<ArrangedRow[]>
  /**
   * The row an insert case sends on behalf of `owner`. May prepare the database so that the row
   * would be accepted if the policies allow it (e.g. free a unique key); `arrange` undoes that.
   */
  insertRow(principals: Principals, owner: UserPrincipal): Promise<Record<string, unknown>> | Record<string, unknown>
  /** A change every column-level grant involved allows; must differ from the arranged values. */
  updatePatch(): Record<string, unknown>
  expect: Record<Principal, Record<Operation, Outcome>>
}

/** Registers one `describe` with a test per principal × operation. */
export function describeRlsMatrix(matrix: TableMatrix): void {
  describe(`${matrix.table}: RLS matrix`, () => {
    let principals: Principals
    beforeAll(async () => {
      principals = await createPrincipals(`rls-${matrix.table}`)
    })
    afterAll(async () => {
      await principals?.cleanup()
    })
    for (const principal of PRINCIPALS) {
      for (const operation of OPERATIONS) {
        const outcome = matrix.expect[principal][operation]
        test(`${principal} ${operation} → ${outcome}`, async () => {
          await runCase(matrix, principals, principal, operation, outcome)
        })
      }
    }
  })
}

export async function runCase(
  matrix: TableMatrix,
  principals: Principals,
  principal: Principal,
  operation: Operation,
  outcome: Outcome,
): Promise<void> {
  const key = matrix.key ?? 'id'
  // Untyped on purpose (a widening, not a cast): the runner addresses any table by name.
  const client: SupabaseClient = principals[principal].client
  const from = () => client.from(matrix.table)
  const rows = await matrix.arrange(principals)
  const keys = rows.map((row) => row.key)
  const expected = expectedKeys(rows, principal, outcome)

  if (operation === 'select') {
    const result = await from().select('*').in(key, keys)
    if (outcome === 'denied') return expectDenied(principal, result)
    expect(result.error, describeError(result.error)).toBeNull()
    expect(sorted((result.data ?? []).map((row) => String(row[key])))).toEqual(expected)
    return
  }

  if (operation === 'insert') {
    if (outcome === 'none') throw new Error(`${matrix.table}: "none" is not an insert outcome; use "denied"`)
    const owners: UserPrincipal[] = isUser(principal) ? [principal, otherThan(principal)] : ['advocate']
    for (const owner of owners) {
      const row = await matrix.insertRow(principals, owner)
      const result = await from().insert(row)
      const accepted = outcome === 'rows' || (outcome === 'own-rows' && owner === principal)
      const stored = await existingKeys(matrix.table, key, [String(row[key])])
      if (accepted) {
        expect(result.error, describeError(result.error)).toBeNull()
        expect(result.status).toBe(201)
        expect(stored).toEqual([String(row[key])])
      } else {
        expectDenied(principal, result)
        expect(stored).toEqual([])
      }
    }
    return
  }

  const before = await snapshot(matrix.table, key, keys)
  const result = operation === 'update' ? await from().update(matrix.updatePatch()).in(key, keys) : await from().delete().in(key, keys)
  const after = await snapshot(matrix.table, key, keys)
  const affected = sorted(keys.filter((k) => before.get(k) !== after.get(k)))
  if (outcome === 'denied') {
    expectDenied(principal, result)
    expect(affected, 'a refused write must change nothing').toEqual([])
    return
  }
  expect(result.error, describeError(result.error)).toBeNull()
  expect(affected).toEqual(expected)
}

function expectedKeys(rows: ArrangedRow[], principal: Principal, outcome: Outcome): string[] {
  if (outcome === 'rows') return sorted(rows.map((r) => r.key))
  if (outcome === 'own-rows') {
    if (!isUser(principal)) throw new Error(`"own-rows" needs a signed-in principal, not ${principal}`)
    const own = rows.filter((r) => r.owner === principal)
    if (own.length === 0) throw new Error(`arrange() returned no rows owned by ${principal}`)
    return sorted(own.map((r) => r.key))
  }
  return []
}

/** PostgREST maps 42501 to 401 for anon and 403 for a signed-in role. */
function expectDenied(principal: Principal, result: { error: PostgrestError | null; status: number }) {
  expect(result.error, 'expected the request to be refused').not.toBeNull()
  expect(result.error?.code, describeError(result.error)).toBe('42501')
  expect(result.status).toBe(principal === 'anon' ? 401 : 403)
}

async function snapshot(table: string, key: string, keys: string[]): Promise<Map<string, string>> {
  const { rows } = await db.query<{ key: string; row: string }>(
    `select t.${ident(key)}::text as key, to_jsonb(t)::text as row from public.${ident(table)} t
      where t.${ident(key)}::text = any($1::text[])`,
    [keys],
  )
  return new Map(rows.map((r) => [r.key, r.row]))
}

async function existingKeys(table: string, key: string, keys: string[]): Promise<string[]> {
  return sorted([...(await snapshot(table, key, keys)).keys()])
}

const isUser = (p: Principal): p is UserPrincipal => p === 'advocate' || p === 'otherAdvocate' || p === 'admin'
const otherThan = (p: UserPrincipal): UserPrincipal => (p === 'advocate' ? 'otherAdvocate' : 'advocate')
const sorted = (values: string[]) => [...values].sort()
const ident = (name: string) => `"${name.replaceAll('"', '""')}"`
const describeError = (error: PostgrestError | null) => (error ? `${error.code}: ${error.message}` : undefined)
