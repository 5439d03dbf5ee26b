/**
 * The cost of checking the admin role live (issue 9 §5): `private.is_admin()` now reads the
 * caller's auth.users row instead of trusting the token's claim. This times policy queries as
 * the API role `authenticated`, with the real RLS policies, once with today's live check and once
 * with the claim-only check it replaced, interleaved round by round because these machines are
 * noisy. The claim-only version is swapped in inside a transaction that is rolled back, so other
 * sessions never see it (DDL is transactional in Postgres) and a shared test database is safe.
 */
import type pg from 'pg'

const CLAIM_ONLY_IS_ADMIN = `
  create or replace function private.is_admin() returns boolean language sql stable security definer set search_path = ''
  as $$ select coalesce((nullif(current_setting('request.jwt.claims', true), '')::jsonb -> 'app_metadata' ->> 'role') = 'admin', false) $$`

export interface PolicyQuery {
  label: string
  /** Whose token the query runs with. */
  as: 'admin' | 'advocate'
  sql: string
}

/** Policies that call is_admin(): own-or-admin reads, and admin-only tables. */
export const POLICY_QUERIES: PolicyQuery[] = [
  {
    label: 'advocate: own interactions, newest 50',
    as: 'advocate',
    sql: 'select id, kind, at from public.interactions order by at desc limit 50',
  },
  { label: 'advocate: own ask ledger', as: 'advocate', sql: 'select id, state from public.ask_ledger' },
  { label: 'admin: count CRM rows (admin-only)', as: 'admin', sql: 'select count(*) from public.advocate_accounts' },
  {
    label: 'admin: open asks incl. drafts',
    as: 'admin',
    sql: "select id, title from public.opportunities where status <> 'closed' limit 100",
  },
]

export interface PolicyCost {
  label: string
  claimP50: number
  liveP50: number
  ratio: number
}

const p50 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor((sorted.length - 1) / 2)]
}

/** Median per query, in ms, for each check; `ratio` is live / claim-only. */
export async function measurePolicyCost(
  client: pg.ClientBase,
  who: { adminId: string; advocateId: string },
  options: { rounds: number; iterations: number },
): Promise<PolicyCost[]> {
  const claims = {
    admin: JSON.stringify({ sub: who.adminId, role: 'authenticated', app_metadata: { role: 'admin' } }),
    advocate: JSON.stringify({ sub: who.advocateId, role: 'authenticated', app_metadata: {} }),
  }
  const timings = POLICY_QUERIES.map(() => ({ claim: [] as number[], live: [] as number[] }))
  const timeOnce = async (query: PolicyQuery, claimOnly: boolean) => {
    await client.query('begin')
    try {
      if (claimOnly) await client.query(CLAIM_ONLY_IS_ADMIN)
      await client.query(`select set_config('request.jwt.claims', $1, true), set_config('role', 'authenticated', true)`, [claims[query.as]])
      const started = performance.now()
      await client.query(query.sql)
      return performance.now() - started
    } finally {
      await client.query('rollback')
    }
  }
  for (let round = 0; round < options.rounds; round++) {
    for (const [i, query] of POLICY_QUERIES.entries()) {
      // Alternate which goes first, so neither always runs on a warmer cache.
      for (const claimOnly of round % 2 === 0 ? [true, false] : [false, true]) {
        for (let n = 0; n < options.iterations; n++) timings[i][claimOnly ? 'claim' : 'live'].push(await timeOnce(query, claimOnly))
      }
    }
  }
  return POLICY_QUERIES.map((query, i) => {
    const claimP50 = p50(timings[i].claim)
    const liveP50 = p50(timings[i].live)
    return { label: query.label, claimP50, liveP50, ratio: liveP50 / claimP50 }
  })
}
