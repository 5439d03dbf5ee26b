/**
 * Two rows per exposed table, made over the superuser connection: for per-advocate tables one of
 * advocate A's and one of advocate B's (the victim), for reference data two rows nobody owns
 * (`a` visible to advocates where the table has hidden rows, `b` hidden). The two rows differ in
 * as many columns as possible, so an attack can copy B's value into A's row (or A's into B's) and
 * every value it sends is valid: a refusal then comes from grants or RLS, not a constraint.
 *
 * `tables.test.ts` fails when an exposed table has no entry here.
 */
import { randomUUID } from 'node:crypto'
import { db } from '../../../stack/support/stack.ts'
import { activeSurvey, createInactiveVersion, deleteVersion, insertResult, resultRow } from '../../support/survey.ts'

export interface FixtureContext {
  a: string
  b: string
}

type Key = Record<string, unknown>

export interface TableFixture {
  /** The column naming the row's owner; null for reference data (admins write it, nobody owns it). */
  owner: string | null
  /** Per-advocate rows the owner may read (false: CRM data is for admins only). */
  ownerReads?: boolean
  /** Reference data: row `b` is hidden from advocates (a draft), so reading it is an attack too. */
  bHidden?: boolean
  /** Columns an owner may change on their own row. Every other column must be refused. */
  ownerEditable?: string[]
  /** Advocates add rows of their own here, so inserting for oneself is not an attack. */
  ownerInserts?: boolean
  /** One row shared with other test files (changes are detected by this column, which a trigger stamps). */
  sharedWitness?: string
  arrange(ctx: FixtureContext): Promise<{ a: Key; b: Key }>
}

/** Asks and gives made here target this segment only, so no other file's feed shows them. */
export const ATTACK_SEGMENT = 'attack_suite'
const TITLE = `attack suite ${randomUUID().slice(0, 8)}`
const versions: number[] = []

const one = async <T = Record<string, unknown>>(sql: string, params: unknown[]): Promise<T> => (await db.query(sql, params)).rows[0] as T

/** Memoised per context: several tables point at the same ask, give and ledger rows. */
const shared = new WeakMap<FixtureContext, Promise<Shared>>()
interface Shared {
  openAsk: number
  draftAsk: number
  publishedGive: number
  draftGive: number
  ledgerA: number
  ledgerB: number
  submissionB: number
}

function sharedRows(ctx: FixtureContext): Promise<Shared> {
  if (!shared.has(ctx)) shared.set(ctx, makeShared(ctx))
  return shared.get(ctx)!
}

async function makeShared(ctx: FixtureContext): Promise<Shared> {
  const opportunity = (title: string, extra: string) =>
    one<{ id: number }>(
      `insert into public.opportunities (type, title, body, effort, value, points, affinity, team, status, target_segments, capacity, min_tier,
                                         starts_at, ends_at, action_url, incentive_disclosure, estimated_minutes, goal_tags)
       select * from (values ${extra}) v returning id::int`,
      [title, [ATTACK_SEGMENT]],
    )
  const openAsk = (
    await opportunity(
      `${TITLE} open`,
      `('review'::public.opportunity_type, $1, 'Open ask.', 'low'::public.effort, 'medium'::public.ask_value, 10, '{0.2,1,0.3,0.2}'::real[],
      'marketing'::public.requesting_team, 'open'::public.opportunity_status, $2::text[], 5, null::public.tier, null::timestamptz, null::timestamptz,
      null, null, 15, '{learn}'::public.advocate_goal[])`,
    )
  ).id
  const draftAsk = (
    await opportunity(
      `${TITLE} draft`,
      `('testimonial'::public.opportunity_type, $1, 'Draft ask.', 'high'::public.effort, 'very_high'::public.ask_value, 50, '{1,0.1,0.1,0.1}'::real[],
      'sales'::public.requesting_team, 'draft'::public.opportunity_status, $2::text[], 1, 'gold'::public.tier, now() - interval '1 day', now() + interval '30 days',
      'https://example.com/do', 'A $20 gift card.', 90, '{grow_network,advance_career}'::public.advocate_goal[])`,
    )
  ).id
  const give = (title: string, kind: string, publishedAt: string, url: string | null) =>
    one<{ id: number }>(
      `insert into public.content_items (kind, title, body, url, affinity, goal_tags, target_segments, published_at)
       values ($1, $2, 'A give.', $3, $4, $5, $6, ${publishedAt}) returning id::int`,
      [
        kind,
        title,
        url,
        kind === 'how_to' ? [1, 0.2, 0.2, 0.2] : [0.1, 0.1, 0.1, 1],
        kind === 'how_to' ? ['learn'] : ['grow_network'],
        [ATTACK_SEGMENT],
      ],
    )
  const publishedGive = (await give(`${TITLE} published`, 'how_to', `now() - interval '1 minute'`, null)).id
  const draftGive = (await give(`${TITLE} draft`, 'early_access', 'null', 'https://example.com/give')).id
  const ledgerA = (
    await one<{ id: number }>(
      `insert into public.ask_ledger (profile_id, opportunity_id, type, team, source, state, asked_at, decided_at)
     values ($1, $2, 'review', 'marketing', 'feed', 'accepted', now() - interval '2 days', now() - interval '2 days') returning id::int`,
      [ctx.a, openAsk],
    )
  ).id
  const ledgerB = (
    await one<{ id: number }>(
      `insert into public.ask_ledger (profile_id, opportunity_id, type, team, source, asked_by, note, state, asked_at, decided_at, completed_at)
     values ($1, null, 'review', 'sales', 'direct', $2, 'Asked by phone.', 'completed', now() - interval '9 days', now() - interval '8 days', now() - interval '7 days')
     returning id::int`,
      [ctx.b, ctx.a],
    )
  ).id
  const submissionB = (
    await one<{ id: number }>(
      `insert into public.submissions (profile_id, ask_ledger_id, type, payload, status, reviewed_at, review_note, points_awarded)
     values ($1, $2, 'review', '{"site": "g2", "url": "https://example.com/review"}', 'approved', now() - interval '7 days', 'Thanks!', 40)
     returning id::int`,
      [ctx.b, ledgerB],
    )
  ).id
  return { openAsk, draftAsk, publishedGive, draftGive, ledgerA, ledgerB, submissionB }
}

export const TABLE_FIXTURES: Record<string, TableFixture> = {
  'public.profiles': {
    owner: 'id',
    ownerReads: true,
    ownerEditable: [
      'display_name',
      'avatar_url',
      'company',
      'job_title',
      'industry',
      'time_zone',
      'recognition_preference',
      'goals',
      'show_on_wall',
      'wall_show_name',
      'wall_show_company',
      'wall_show_photo',
    ],
    async arrange(ctx) {
      await db.query(
        `update public.profiles set company = 'Northwind', job_title = 'Engineer', industry = 'Retail', recognition_preference = 'thank_you_letter',
                goals = '{learn}', time_zone = 'Australia/Sydney' where id = $1`,
        [ctx.a],
      )
      await db.query(
        `update public.profiles set company = 'Globex', job_title = 'Director', industry = 'Energy', recognition_preference = 'small_gift',
                goals = '{grow_network,advance_career}', avatar_url = 'https://example.com/b.png', show_on_wall = true,
                wall_show_name = true, wall_show_company = true, wall_show_photo = true, time_zone = 'America/Los_Angeles' where id = $1`,
        [ctx.b],
      )
      return { a: { id: ctx.a }, b: { id: ctx.b } }
    },
  },
  'public.survey_responses': {
    owner: 'profile_id',
    ownerReads: true,
    ownerInserts: true,
    // Answering and changing an answer (the upsert); the policies keep it to the active version.
    ownerEditable: ['survey_version_id', 'question_id', 'option_id'],
    async arrange(ctx) {
      await TABLE_FIXTURES['public.personality_results'].arrange(ctx) // recording a result clears responses: results first
      const survey = await activeSurvey()
      const [first] = survey.questions
      for (const [profile, option] of [
        [ctx.a, first.options[0].id],
        [ctx.b, first.options[1].id],
      ] as const) {
        await db.query(
          `insert into public.survey_responses (profile_id, survey_version_id, question_id, option_id) values ($1, $2, $3, $4)
           on conflict (profile_id, question_id) do update set option_id = excluded.option_id`,
          [profile, survey.versionId, first.id, option],
        )
      }
      return { a: { profile_id: ctx.a, question_id: first.id }, b: { profile_id: ctx.b, question_id: first.id } }
    },
  },
  'public.personality_results': {
    owner: 'profile_id',
    ownerReads: true,
    ownerInserts: true, // checked against the answers by on_personality_results_written
    async arrange(ctx) {
      const existing = await db.query<{ profile_id: string; id: number }>(
        'select profile_id::text, min(id)::int as id from public.personality_results where profile_id = any($1::uuid[]) group by 1',
        [[ctx.a, ctx.b]],
      )
      const ids = new Map(existing.rows.map((r) => [r.profile_id, r.id]))
      const survey = await activeSurvey()
      if (!ids.has(ctx.a))
        ids.set(ctx.a, await insertResult(resultRow(survey, ctx.a, ['educator', 'educator', 'educator', 'validator', 'collaborator'])))
      if (!ids.has(ctx.b))
        ids.set(
          ctx.b,
          await insertResult(resultRow(survey, ctx.b, ['status_seeker', 'status_seeker', 'status_seeker', 'status_seeker', 'validator'])),
        )
      return { a: { id: ids.get(ctx.a) }, b: { id: ids.get(ctx.b) } }
    },
  },
  'public.advocate_accounts': {
    owner: 'profile_id',
    ownerReads: false,
    async arrange(ctx) {
      const insert = (id: string, values: string) =>
        db.query(
          `insert into public.advocate_accounts (profile_id, segment, nps, nps_at, health_score, customer_since, last_active_at, csm_name, csm_notes, company, industry)
           select $1::uuid, ${values} on conflict (profile_id) do nothing`,
          [id],
        )
      await insert(
        ctx.a,
        `'attack_a', 9, now() - interval '3 days', 85, current_date - 700, now() - interval '1 day', 'Casey', 'Happy customer.', 'Northwind', 'Retail'`,
      )
      await insert(
        ctx.b,
        `'attack_b', 3, now() - interval '40 days', 35, current_date - 60, now() - interval '50 days', 'Robin', 'Churn risk: unhappy with support.', 'Globex', 'Energy'`,
      )
      return { a: { profile_id: ctx.a }, b: { profile_id: ctx.b } }
    },
  },
  'public.opportunities': {
    owner: null,
    bHidden: true,
    async arrange(ctx) {
      const s = await sharedRows(ctx)
      return { a: { id: s.openAsk }, b: { id: s.draftAsk } }
    },
  },
  'public.content_items': {
    owner: null,
    bHidden: true,
    async arrange(ctx) {
      const s = await sharedRows(ctx)
      return { a: { id: s.publishedGive }, b: { id: s.draftGive } }
    },
  },
  'public.ask_ledger': {
    owner: 'profile_id',
    ownerReads: true,
    async arrange(ctx) {
      const s = await sharedRows(ctx)
      return { a: { id: s.ledgerA }, b: { id: s.ledgerB } }
    },
  },
  'public.submissions': {
    owner: 'profile_id',
    ownerReads: true,
    async arrange(ctx) {
      const s = await sharedRows(ctx)
      const a = await one<{ id: number }>(
        `insert into public.submissions (profile_id, ask_ledger_id, type, payload) values ($1, $2, 'review', '{"site": "capterra"}') returning id::int`,
        [ctx.a, s.ledgerA],
      )
      return { a: { id: a.id }, b: { id: s.submissionB } }
    },
  },
  'public.points_ledger': {
    owner: 'profile_id',
    ownerReads: true,
    async arrange(ctx) {
      const s = await sharedRows(ctx)
      const a = await one<{ id: number }>(
        `insert into public.points_ledger (profile_id, delta, reason) values ($1, 5, 'Welcome bonus') returning id::int`,
        [ctx.a],
      )
      const b = await one<{ id: number }>(
        `insert into public.points_ledger (profile_id, delta, reason, submission_id, created_by) values ($1, 40, 'Approved review', $2, $3) returning id::int`,
        [ctx.b, s.submissionB, ctx.a],
      )
      return { a: { id: a.id }, b: { id: b.id } }
    },
  },
  'public.interactions': {
    owner: 'profile_id',
    ownerReads: true,
    ownerInserts: true, // shown/opened/declined/snoozed only (tests/db/ask-flow.test.ts forges the others)
    async arrange(ctx) {
      const s = await sharedRows(ctx)
      const a = await one<{ id: number }>(
        `insert into public.interactions (profile_id, item_kind, opportunity_id, kind, decline_reason) values ($1, 'ask', $2, 'declined', 'Too busy.') returning id::int`,
        [ctx.a, s.openAsk],
      )
      const b = await one<{ id: number }>(
        `insert into public.interactions (profile_id, item_kind, content_item_id, kind, snoozed_until, at)
         values ($1, 'content', $2, 'snoozed', now() + interval '10 days', now() - interval '1 hour') returning id::int`,
        [ctx.b, s.publishedGive],
      )
      return { a: { id: a.id }, b: { id: b.id } }
    },
  },
  'public.saved_items': {
    owner: 'profile_id',
    ownerReads: true,
    ownerInserts: true,
    async arrange(ctx) {
      const s = await sharedRows(ctx)
      await db.query(
        `insert into public.saved_items (profile_id, content_item_id, saved_at) values ($1, $3, now()), ($2, $3, now() - interval '2 days')
         on conflict do nothing`,
        [ctx.a, ctx.b, s.publishedGive],
      )
      return { a: { profile_id: ctx.a, content_item_id: s.publishedGive }, b: { profile_id: ctx.b, content_item_id: s.publishedGive } }
    },
  },
  'public.survey_versions': {
    owner: null,
    async arrange(ctx) {
      const [a, b] = await surveyVersions(ctx)
      return { a: { id: a.versionId }, b: { id: b.versionId } }
    },
  },
  'public.survey_questions': {
    owner: null,
    async arrange(ctx) {
      const [a, b] = await surveyVersions(ctx)
      return { a: { id: a.questions[0].id }, b: { id: b.questions[1].id } }
    },
  },
  'public.survey_options': {
    owner: null,
    async arrange(ctx) {
      const [a, b] = await surveyVersions(ctx)
      return { a: { id: a.questions[0].options[0].id }, b: { id: b.questions[1].options[2].id } }
    },
  },
  'public.program_settings': {
    owner: null,
    // The one row: other files change it in parallel, so only the stamp its trigger writes
    // (updated_by := auth.uid()) tells whether an attacker's update went through.
    sharedWitness: 'updated_by',
    async arrange() {
      return { a: { id: true }, b: { id: true } }
    },
  },
}

const surveys = new WeakMap<FixtureContext, ReturnType<typeof makeVersions>>()
function surveyVersions(ctx: FixtureContext) {
  if (!surveys.has(ctx)) surveys.set(ctx, makeVersions())
  return surveys.get(ctx)!
}
async function makeVersions() {
  const made = [await createInactiveVersion('attack a'), await createInactiveVersion('attack b')]
  versions.push(...made.map((v) => v.versionId))
  return made
}

/** Removes the asks, gives and survey versions this file made (call after deleting its users). */
export async function cleanUpFixtures(): Promise<void> {
  await db.query('delete from public.opportunities where title like $1', [`${TITLE}%`])
  await db.query('delete from public.content_items where title like $1', [`${TITLE}%`])
  for (const id of versions.splice(0)) await deleteVersion(id)
}
