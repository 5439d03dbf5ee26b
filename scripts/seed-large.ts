/**
 * `npm run seed:large [-- --db-url <url>] [-- --replace] [-- --anchor <YYYY-MM-DD>] [-- --asks N --gives N]`:
 * program-scale data on top of the demo seed, for measuring the feed (bench/feed.bench.ts) and
 * trying the UI at scale. 10,000 advocates (@large.example.test, password `password123`) with
 * survey results, goals and CRM rows, 1,000 opportunities (`--asks`; about 82 % of them open),
 * 500 gives (`--gives`; about 90 % of them published), ~200,000 interactions and a consistent ask
 * ledger over the last 180 days (scripts/support/large-seed*.ts).
 *
 * Deterministic: the rows come from a fixed PRNG seed and the anchor date (default: today, UTC
 * midnight), so the same day gives the same data. Written in one transaction through multi-row
 * inserts with every check and trigger in force (profiles by on_auth_users_created, results
 * checked by on_personality_results_written, accepted_count by on_ask_ledger_written).
 *
 * Idempotency: refuses when large-seed users already exist, unless `--replace`, which first
 * deletes them (their rows go by cascade) and the large seed's opportunities and gives.
 */
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'
import bcrypt from 'bcryptjs'
import pg from 'pg'
import {
  DAY_MS,
  DEFAULT_SIZE,
  generateLargeSeed,
  LARGE_SEED_ADMIN_ID,
  LARGE_SEED_DOMAIN,
  type LargeSeedSize,
} from './support/large-seed.ts'

export const DEFAULT_DB_URL = 'postgresql://postgres:postgres@127.0.0.1:54322/postgres'
/** bcrypt of `password123` with a fixed salt, so the seed is byte-for-byte repeatable. */
const PASSWORD_HASH = bcrypt.hashSync('password123', '$2a$10$largeseedlargeseedlargu')
const CHUNK = 5_000

export interface SeedLargeResult {
  advocates: number
  opportunities: number
  content: number
  ledger: number
  interactions: number
  ms: number
}

export class LargeSeedPresentError extends Error {}

export async function seedLarge(
  options: { dbUrl?: string; replace?: boolean; anchor?: Date; size?: LargeSeedSize; log?: (line: string) => void } = {},
): Promise<SeedLargeResult> {
  const started = performance.now()
  const log = options.log ?? (() => {})
  const anchor = new Date(options.anchor ?? Date.now())
  anchor.setUTCHours(0, 0, 0, 0)
  const data = generateLargeSeed(anchor.getTime(), options.size ?? DEFAULT_SIZE)
  log(`generated in ${Math.round(performance.now() - started)} ms (anchor ${anchor.toISOString().slice(0, 10)})`)

  const client = new pg.Client({ connectionString: options.dbUrl ?? DEFAULT_DB_URL })
  await client.connect()
  const step = async (what: string, run: () => Promise<unknown>) => {
    const t = performance.now()
    await run()
    log(`${what}: ${Math.round(performance.now() - t)} ms`)
  }
  /** Multi-row inserts through unnest(): one array parameter per column, in chunks; `scalars` follow the columns ($n+1…). */
  const insert = async (sql: string, columns: unknown[][], scalars: unknown[] = []) => {
    for (let from = 0; from < columns[0].length; from += CHUNK) {
      await client.query(sql, [...columns.map((c) => c.slice(from, from + CHUNK)), ...scalars])
    }
  }
  const iso = (ms: number | null) => (ms === null ? null : new Date(Math.round(ms)).toISOString())
  const arrayLiteral = (values: readonly (string | number)[]) => `{${values.join(',')}}`

  try {
    await client.query('begin')
    const present = await client.query(`select count(*)::int as n from auth.users where email like '%@' || $1`, [LARGE_SEED_DOMAIN])
    if (present.rows[0].n > 0) {
      if (!options.replace) {
        throw new LargeSeedPresentError(
          `the large seed is already applied (${present.rows[0].n} users @${LARGE_SEED_DOMAIN}); pass --replace to remove and re-apply it`,
        )
      }
      await step('removed the previous large seed', async () => {
        // The advocates first (their rows go by cascade), then what the seed's admin created, then the admin
        // (deleting the admin first would set created_by to null and lose track of the catalogue).
        await client.query(`delete from auth.users where email like '%@' || $1 and id <> $2`, [LARGE_SEED_DOMAIN, LARGE_SEED_ADMIN_ID])
        await client.query('delete from public.opportunities where created_by = $1', [LARGE_SEED_ADMIN_ID])
        await client.query('delete from public.content_items where created_by = $1', [LARGE_SEED_ADMIN_ID])
        await client.query('delete from auth.users where id = $1', [LARGE_SEED_ADMIN_ID])
      })
    }

    const version = await client.query(`select id from public.survey_versions where is_active`)
    if (version.rowCount !== 1) throw new Error('no active survey version: run the migrations (npm run db:reset) first')
    const answerOptions = await client.query(
      `select q.position, o.id as option_id, q.id as question_id, o.personality
         from public.survey_questions q join public.survey_options o on o.question_id = q.id
        where q.survey_version_id = $1`,
      [version.rows[0].id],
    )
    const optionFor = new Map(
      answerOptions.rows.map((r) => [
        `${r.position}:${r.personality}`,
        { question_id: Number(r.question_id), option_id: Number(r.option_id) },
      ]),
    )

    await step('auth users, identities and profiles (trigger)', async () => {
      const people = [
        {
          id: LARGE_SEED_ADMIN_ID,
          email: `seed-admin@${LARGE_SEED_DOMAIN}`,
          app: { provider: 'email', providers: ['email'], role: 'admin' },
          name: 'Large Seed Admin',
          at: anchor.getTime() - 1000 * DAY_MS,
        },
        ...data.advocates.map((a) => ({
          id: a.id,
          email: a.email,
          app: { provider: 'email', providers: ['email'] },
          name: a.displayName,
          at: a.createdAt,
        })),
      ]
      await insert(
        `with users as (
           insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data,
             raw_user_meta_data, created_at, updated_at, confirmation_token, recovery_token, email_change_token_new, email_change)
           select '00000000-0000-0000-0000-000000000000', u.id, 'authenticated', 'authenticated', u.email, $6, u.at,
                  u.app, jsonb_build_object('display_name', u.name, 'email_verified', true), u.at, u.at, '', '', '', ''
             from unnest($1::uuid[], $2::text[], $3::jsonb[], $4::text[], $5::timestamptz[]) as u (id, email, app, name, at)
           returning id, email, created_at
         )
         insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
         select id::text, id, jsonb_build_object('sub', id::text, 'email', email, 'email_verified', true, 'phone_verified', false),
                'email', created_at, created_at, created_at
           from users`,
        [
          people.map((p) => p.id),
          people.map((p) => p.email),
          people.map((p) => JSON.stringify(p.app)),
          people.map((p) => p.name),
          people.map((p) => iso(p.at)),
        ],
        [PASSWORD_HASH],
      )
    })

    const advocates = data.advocates
    await step('profile details and goals', () =>
      insert(
        `update public.profiles p
            set company = u.company, job_title = u.title, industry = u.industry, goals = u.goals::public.advocate_goal[],
                recognition_preference = u.recognition::public.recognition_preference
           from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) as u (id, company, title, industry, goals, recognition)
          where p.id = u.id`,
        [
          advocates.map((a) => a.id),
          advocates.map((a) => a.company),
          advocates.map((a) => a.jobTitle),
          advocates.map((a) => a.industry),
          advocates.map((a) => arrayLiteral(a.goals)),
          advocates.map((a) => a.recognition),
        ],
      ),
    )

    const surveyed = advocates.filter((a) => a.picks)
    await step(`personality results (${surveyed.length}, checked by trigger)`, () =>
      insert(
        `insert into public.personality_results (profile_id, survey_version_id, educator_score, validator_score, status_seeker_score,
           collaborator_score, primary_personality, secondary_personality, label, vector, predicted_recognition, answers, created_at)
         select u.profile_id, $4, r.educator_score, r.validator_score, r.status_seeker_score, r.collaborator_score, r.primary_personality,
                r.secondary_personality, r.label, r.vector, r.predicted_recognition, u.answers, u.created_at
           from unnest($1::uuid[], $2::jsonb[], $3::timestamptz[]) as u (profile_id, answers, created_at)
          cross join lateral private.compute_personality_result($4, u.answers) r`,
        [
          surveyed.map((a) => a.id),
          surveyed.map((a) => JSON.stringify(a.picks!.map((p, i) => optionFor.get(`${i + 1}:${p}`)!))),
          surveyed.map((a) => iso(a.surveyedAt)),
        ],
        [version.rows[0].id],
      ),
    )

    await step('CRM accounts', () =>
      insert(
        `insert into public.advocate_accounts (profile_id, segment, nps, nps_at, health_score, customer_since, last_active_at, csm_name, csm_notes, company, industry)
         select * from unnest($1::uuid[], $2::text[], $3::smallint[], $4::timestamptz[], $5::smallint[], $6::date[], $7::timestamptz[], $8::text[], $9::text[], $10::text[], $11::text[])`,
        [
          advocates.map((a) => a.id),
          advocates.map((a) => a.account.segment),
          advocates.map((a) => a.account.nps),
          advocates.map((a) => iso(a.account.npsAt)),
          advocates.map((a) => a.account.health),
          advocates.map((a) => a.account.customerSince),
          advocates.map((a) => iso(a.account.lastActiveAt)),
          advocates.map((a) => a.account.csmName),
          advocates.map((a) => a.account.csmNotes),
          advocates.map((a) => a.company),
          advocates.map((a) => a.industry),
        ],
      ),
    )

    const opportunityIds: number[] = []
    await step('opportunities', async () => {
      const o = data.opportunities
      const res = await client.query(
        `insert into public.opportunities (type, title, body, effort, value, points, estimated_minutes, affinity, goal_tags, min_tier,
           target_segments, capacity, starts_at, ends_at, team, status, created_by, created_at)
         select u.type::public.opportunity_type, u.title, u.body, u.effort::public.effort, u.value::public.ask_value, u.points, u.minutes,
                u.affinity::real[], u.goals::public.advocate_goal[], u.min_tier::public.tier, u.segments::text[], u.capacity, u.starts_at, u.ends_at,
                u.team::public.requesting_team, u.status::public.opportunity_status, $18, u.created_at
           from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[], $9::text[], $10::text[],
                       $11::text[], $12::int[], $13::timestamptz[], $14::timestamptz[], $15::text[], $16::text[], $17::timestamptz[])
             with ordinality as u (type, title, body, effort, value, points, minutes, affinity, goals, min_tier, segments, capacity, starts_at, ends_at, team, status, created_at, n)
          order by u.n
         returning id`,
        [
          o.map((x) => x.type),
          o.map((x) => x.title),
          o.map((x) => x.body),
          o.map((x) => x.effort),
          o.map((x) => x.value),
          o.map((x) => x.points),
          o.map((x) => x.minutes),
          o.map((x) => arrayLiteral(x.affinity)),
          o.map((x) => arrayLiteral(x.goals)),
          o.map((x) => x.minTier),
          o.map((x) => arrayLiteral(x.segments)),
          o.map((x) => x.capacity),
          o.map((x) => iso(x.startsAt)),
          o.map((x) => iso(x.endsAt)),
          o.map((x) => x.team),
          o.map((x) => x.status),
          o.map((x) => iso(x.createdAt)),
          LARGE_SEED_ADMIN_ID,
        ],
      )
      opportunityIds.push(...res.rows.map((r) => Number(r.id)).sort((a, b) => a - b))
    })

    const contentIds: number[] = []
    await step('content items', async () => {
      const c = data.content
      const res = await client.query(
        `insert into public.content_items (kind, title, body, url, affinity, goal_tags, target_segments, published_at, created_by, created_at)
         select u.kind::public.content_kind, u.title, u.body, u.url, u.affinity::real[], u.goals::public.advocate_goal[], u.segments::text[],
                u.published_at, $10, u.created_at
           from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::timestamptz[])
             with ordinality as u (kind, title, body, url, affinity, goals, segments, published_at, created_at, n)
          order by u.n
         returning id`,
        [
          c.map((x) => x.kind),
          c.map((x) => x.title),
          c.map((x) => x.body),
          c.map((x) => x.url),
          c.map((x) => arrayLiteral(x.affinity)),
          c.map((x) => arrayLiteral(x.goals)),
          c.map((x) => arrayLiteral(x.segments)),
          c.map((x) => iso(x.publishedAt)),
          c.map((x) => iso(x.createdAt)),
          LARGE_SEED_ADMIN_ID,
        ],
      )
      contentIds.push(...res.rows.map((r) => Number(r.id)).sort((a, b) => a - b))
    })

    const l = data.ledger
    await step(`ask ledger (${l.length}, accepted_count by trigger)`, () =>
      insert(
        `insert into public.ask_ledger (profile_id, opportunity_id, type, team, source, asked_by, note, asked_at, state, decided_at, completed_at)
         select u.profile_id, u.opportunity_id, u.type::public.opportunity_type, u.team::public.requesting_team, u.source,
                case when u.source = 'direct' then $11::uuid end, u.note, u.asked_at, u.state::public.ask_state, u.decided_at, u.completed_at
           from unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::text[], $9::timestamptz[], $10::timestamptz[])
             as u (profile_id, opportunity_id, type, team, source, note, asked_at, state, decided_at, completed_at)`,
        [
          l.map((x) => x.profileId),
          l.map((x) => (x.opportunityN === null ? null : opportunityIds[x.opportunityN - 1])),
          l.map((x) => x.type),
          l.map((x) => x.team),
          l.map((x) => x.source),
          l.map((x) => x.note),
          l.map((x) => iso(x.askedAt)),
          l.map((x) => x.state),
          l.map((x) => iso(x.decidedAt)),
          l.map((x) => iso(x.completedAt)),
        ],
        [LARGE_SEED_ADMIN_ID],
      ),
    )

    const i = data.interactions
    await step(`interactions (${i.length})`, () =>
      insert(
        `insert into public.interactions (profile_id, item_kind, opportunity_id, content_item_id, kind, at, snoozed_until, decline_reason)
         select u.profile_id, u.item_kind::public.feed_item_kind, case when u.item_kind = 'ask' then u.item_id end,
                case when u.item_kind = 'content' then u.item_id end, u.kind::public.interaction_kind, u.at, u.snoozed_until, u.decline_reason
           from unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[])
             as u (profile_id, item_kind, item_id, kind, at, snoozed_until, decline_reason)`,
        [
          i.map((x) => x.profileId),
          i.map((x) => x.itemKind),
          i.map((x) => (x.itemKind === 'ask' ? opportunityIds : contentIds)[x.itemN - 1]),
          i.map((x) => x.kind),
          i.map((x) => iso(x.at)),
          i.map((x) => iso(x.snoozedUntil)),
          i.map((x) => x.declineReason),
        ],
      ),
    )

    await step('commit', () => client.query('commit'))
    // Outside the transaction: the ledger trigger rewrote each opportunity row many times over.
    await step('vacuum analyze', () =>
      client.query(
        'vacuum analyze auth.users, public.profiles, public.personality_results, public.advocate_accounts, public.opportunities, public.content_items, public.ask_ledger, public.interactions',
      ),
    )
  } catch (error) {
    await client.query('rollback').catch(() => {})
    throw error
  } finally {
    await client.end()
  }
  return {
    advocates: data.advocates.length,
    opportunities: data.opportunities.length,
    content: data.content.length,
    ledger: data.ledger.length,
    interactions: data.interactions.length,
    ms: performance.now() - started,
  }
}

/** The seed's size from `--asks N` (opportunities) and `--gives N` (content items); the defaults otherwise. */
export function sizeFromOptions(values: { asks?: string; gives?: string }): LargeSeedSize {
  const count = (flag: string, value: string | undefined, fallback: number) => {
    if (value === undefined) return fallback
    const n = Number(value)
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${flag} must be a whole number ≥ 1, got ${value}`)
    return n
  }
  return {
    ...DEFAULT_SIZE,
    opportunities: count('asks', values.asks, DEFAULT_SIZE.opportunities),
    content: count('gives', values.gives, DEFAULT_SIZE.content),
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      'db-url': { type: 'string' },
      replace: { type: 'boolean', default: false },
      anchor: { type: 'string' },
      asks: { type: 'string' },
      gives: { type: 'string' },
    },
  })
  const anchor = values.anchor ? new Date(`${values.anchor}T00:00:00Z`) : undefined
  if (anchor && Number.isNaN(anchor.getTime())) throw new Error(`--anchor must be a date (YYYY-MM-DD), got ${values.anchor}`)
  const size = sizeFromOptions(values)
  const result = await seedLarge({
    dbUrl: values['db-url'],
    replace: values.replace,
    anchor,
    size,
    log: (line) => console.log(`  ${line}`),
  })
  console.log(
    `seed:large: ${result.advocates} advocates, ${result.opportunities} opportunities, ${result.content} gives, ` +
      `${result.ledger} ledger rows, ${result.interactions} interactions in ${(result.ms / 1000).toFixed(1)} s`,
  )
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(error instanceof LargeSeedPresentError ? `seed:large: ${error.message}` : error)
    process.exit(1)
  })
}
