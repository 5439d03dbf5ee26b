/**
 * The smoke run of `npm run bench:policy` (bench/policy-cost.ts): the same measurement, a few
 * iterations on the test stack, so the benchmark cannot rot between full runs. It asserts what
 * the benchmark needs to be meaningful (both checks answer, with the real policies), never a
 * timing. Also proves the claim-only swap stays inside its rolled-back transaction.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import { measurePolicyCost, POLICY_QUERIES } from '../../bench/policy-cost.ts'
import { db, serviceClient } from '../stack/support/stack.ts'
import { signInAs, type SignedInPrincipal } from './support/principals.ts'

let admin: SignedInPrincipal
let advocate: SignedInPrincipal
beforeAll(async () => {
  ;[admin, advocate] = await Promise.all([
    signInAs({ name: 'admin', label: 'policy-bench', appMetadata: { role: 'admin' } }),
    signInAs({ name: 'advocate', label: 'policy-bench' }),
  ])
})
afterAll(async () => {
  for (const p of [admin, advocate]) if (p) await serviceClient().auth.admin.deleteUser(p.user.id)
})

test('bench:policy smoke: every policy query runs under both checks; the live check is left in place', async () => {
  const client = await db.connect()
  try {
    const results = await measurePolicyCost(client, { adminId: admin.user.id, advocateId: advocate.user.id }, { rounds: 2, iterations: 2 })
    expect(results.map((r) => r.label)).toEqual(POLICY_QUERIES.map((q) => q.label))
    for (const r of results) expect(Number.isFinite(r.ratio) && r.ratio > 0).toBe(true)
    const { rows } = await client.query(`select pg_get_functiondef('private.is_admin()'::regprocedure) as def`)
    expect(rows[0].def).toContain('auth.users')
  } finally {
    client.release()
  }
})
