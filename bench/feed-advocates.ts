/**
 * The large-seed advocates bench/feed.bench.ts signs in as: mostly ones the feed may ask (the
 * expensive path: asks and gives ranked together), plus heavy users of the log and people it may
 * not ask (no survey, detractor, inactive). Chosen by SQL in a fixed order, signed in through the
 * Auth API with the seed's password.
 */
import type pg from 'pg'
import { ANON_KEY } from '../supabase/local/keys.ts'
import { LARGE_SEED_DOMAIN } from '../scripts/support/large-seed.ts'

export interface BenchAdvocate {
  label: string
  id: string
  email: string
  headers: Record<string, string>
}

const CHOOSE = `
  with adv as (
    select u.id, u.email, a.nps, a.last_active_at,
           exists (select 1 from public.personality_results r where r.profile_id = u.id) as surveyed,
           (select count(*) from public.interactions i where i.profile_id = u.id) as logged,
           a.nps >= 9 and a.health_score >= 70 and a.customer_since <= (now() - interval '3 months')::date
             and a.last_active_at >= now() - interval '30 days'
             and (select count(*) from public.ask_ledger l where l.profile_id = u.id and l.state in ('open', 'accepted')) < 2
             and (select count(*) from public.ask_ledger l where l.profile_id = u.id and l.state in ('accepted', 'completed')
                    and l.decided_at >= now() - interval '30 days') < 2 as askable
      from auth.users u join public.advocate_accounts a on a.profile_id = u.id
     where u.email like '%@' || $1
  )
  (select 'eligible-' || row_number() over (order by email) as label, id, email from adv where askable and surveyed order by email limit 4)
  union all (select 'eligible-heavy', id, email from adv where askable and surveyed order by logged desc, email limit 1)
  union all (select 'heaviest-log', id, email from adv order by logged desc, email limit 1)
  union all (select 'no-survey', id, email from adv where not surveyed order by email limit 1)
  union all (select 'detractor', id, email from adv where nps <= 6 order by email limit 1)
  union all (select 'inactive', id, email from adv where last_active_at < now() - interval '30 days' order by email limit 1)`

export async function pickAdvocates(db: pg.Client, apiUrl: string): Promise<BenchAdvocate[]> {
  const { rows } = await db.query<{ label: string; id: string; email: string }>(CHOOSE, [LARGE_SEED_DOMAIN])
  if (rows.length < 5) throw new Error(`expected the large seed's advocates, found ${rows.length}: run npm run seed:large`)
  return Promise.all(
    rows.map(async (row) => {
      const res = await fetch(`${apiUrl}/auth/v1/token?grant_type=password`, {
        method: 'POST',
        headers: { apikey: ANON_KEY, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: row.email, password: 'password123' }),
      })
      const session = (await res.json()) as { access_token?: string }
      if (!res.ok || !session.access_token) throw new Error(`could not sign in ${row.email}: ${res.status}`)
      return {
        label: row.label,
        id: row.id,
        email: row.email,
        headers: { apikey: ANON_KEY, Authorization: `Bearer ${session.access_token}` },
      }
    }),
  )
}
