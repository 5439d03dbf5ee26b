/**
 * Arranging the ask flow (ADR 006) for tests: fresh advocates with a CRM row, asks and ledger
 * rows. Asks made here target a segment only these advocates have, so the feeds other test files
 * compare in parallel never see them; call `cleanUpAskFlow` from afterAll.
 */
import { randomUUID } from 'node:crypto'
import { db, serviceClient } from '../../stack/support/stack.ts'
import { FEED_TEST_PREFIX, opportunityRow } from './matrices/feed.ts'
import { signInAs, type SignedInPrincipal } from './principals.ts'

export const ASK_FLOW_SEGMENT = 'ask_flow_test'
export const DAY_MS = 86_400_000

const titles: string[] = []
const users: string[] = []

/** An open, low-effort review for the test segment, unless `extra` says otherwise. Returns its id. */
export async function askFor(extra: Record<string, unknown> = {}): Promise<number> {
  const title = `${FEED_TEST_PREFIX}ask flow ${randomUUID().slice(0, 8)}`
  titles.push(title)
  const row = opportunityRow(title, { target_segments: [ASK_FLOW_SEGMENT], ...extra })
  const columns = Object.keys(row)
  const { rows } = await db.query<{ id: number }>(
    `insert into public.opportunities (${columns.join(', ')})
     select ${columns.map((c) => `r.${c}`).join(', ')}
       from jsonb_populate_record(null::public.opportunities, $1::jsonb) r returning id::int`,
    [JSON.stringify(row)],
  )
  return rows[0].id
}

export interface AccountSignals {
  segment?: string | null
  nps?: number | null
  npsDaysAgo?: number
  healthScore?: number | null
  /** Months as a customer (calendar months, UTC); null = unknown. */
  tenureMonths?: number | null
  lastActiveDaysAgo?: number | null
}

/** Upserts the CRM row: by default an eligible one (NPS 10, health 90, two years, active yesterday). */
export async function setAccount(profileId: string, signals: AccountSignals = {}) {
  const s = { segment: ASK_FLOW_SEGMENT, nps: 10, npsDaysAgo: 10, healthScore: 90, tenureMonths: 24, lastActiveDaysAgo: 1, ...signals }
  await db.query(
    `insert into public.advocate_accounts (profile_id, segment, nps, nps_at, health_score, customer_since, last_active_at)
     values ($1, $2, $3::smallint, case when $3::smallint is null then null else now() - make_interval(days => $4::int) end, $5::smallint,
             (now() - make_interval(months => $6::int))::date, now() - make_interval(days => $7::int))
     on conflict (profile_id) do update set segment = excluded.segment, nps = excluded.nps, nps_at = excluded.nps_at,
       health_score = excluded.health_score, customer_since = excluded.customer_since, last_active_at = excluded.last_active_at`,
    [profileId, s.segment, s.nps, s.npsDaysAgo, s.healthScore, s.tenureMonths, s.lastActiveDaysAgo],
  )
}

/** A fresh signed-in advocate with a CRM row (eligible unless `signals` say otherwise). */
export async function advocateWith(label: string, signals: AccountSignals | null = {}): Promise<SignedInPrincipal> {
  const advocate = await signInAs({ name: 'advocate', label })
  users.push(advocate.user.id)
  if (signals) await setAccount(advocate.user.id, signals)
  return advocate
}

export interface LedgerRow {
  opportunityId?: number | null
  type?: string
  state?: 'open' | 'accepted' | 'completed' | 'declined' | 'expired'
  askedDaysAgo?: number
  /** Defaults to askedDaysAgo for a decided row. */
  decidedDaysAgo?: number
}

/** A ledger row as a team (direct) or the feed left it; completed ones completed when decided. */
export async function ledgerRow(profileId: string, row: LedgerRow = {}): Promise<number> {
  const state = row.state ?? 'accepted'
  const asked = row.askedDaysAgo ?? 1
  const decided = state === 'open' ? null : (row.decidedDaysAgo ?? asked)
  const { rows } = await db.query<{ id: number }>(
    `insert into public.ask_ledger (profile_id, opportunity_id, type, team, source, state, asked_at, decided_at, completed_at)
     values ($1, $2::bigint, $3::public.opportunity_type, 'sales', case when $2::bigint is null then 'direct' else 'feed' end,
             $4::public.ask_state, now() - make_interval(secs => $5::float8 * 86400), now() - make_interval(secs => $6::float8 * 86400),
             case when $4::public.ask_state = 'completed' then now() - make_interval(secs => $6::float8 * 86400) end)
     returning id::int`,
    [profileId, row.opportunityId ?? null, row.type ?? 'testimonial', state, asked, decided],
  )
  return rows[0].id
}

/** Deletes the users and asks this file made (ledger rows, interactions and submissions go with them). */
export async function cleanUpAskFlow(): Promise<void> {
  const admin = serviceClient()
  for (const id of users.splice(0)) await admin.auth.admin.deleteUser(id)
  await db.query('delete from public.opportunities where title = any($1::text[])', [titles.splice(0)])
}
