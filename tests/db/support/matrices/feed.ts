/**
 * Who may do what to the feed's tables (the policies in …_feed-data.sql): the program-settings
 * row, CRM account data, asks and gives (reference data, admin-written), and the per-advocate
 * ask ledger, interactions, submissions and points ledger.
 *
 * Tables keyed by a `generated always` identity are keyed here by a text column unique per case
 * (an insert cannot name the id). Rows these matrices make carry `FEED_TEST_PREFIX` in their
 * title, so the test files can remove them afterwards; per-advocate rows go with the principals.
 */
import { randomUUID } from 'node:crypto'
import { db } from '../../../stack/support/stack.ts'
import { USER_PRINCIPALS, type Principals } from '../principals.ts'
import type { TableMatrix } from '../rls-matrix.ts'

export const FEED_TEST_PREFIX = 'rls-feed '
/** Every unique text this module made (test files are isolated, so: this file's). */
const made: string[] = []
const unique = (what: string) => {
  const text = `${FEED_TEST_PREFIX}${what} ${randomUUID().slice(0, 8)}`
  made.push(text)
  return text
}
const ids = (principals: Principals) => USER_PRINCIPALS.map((name) => principals.idOf(name))

/** Removes the asks and gives this test file made (call from its afterAll); other files' stay. */
export async function removeFeedTestItems(): Promise<void> {
  await db.query('delete from public.opportunities where title = any($1::text[])', [made])
  await db.query('delete from public.content_items where title = any($1::text[])', [made])
}

const refused = { select: 'denied', insert: 'denied', update: 'denied', delete: 'denied' } as const
const everything = { select: 'rows', insert: 'rows', update: 'rows', delete: 'rows' } as const

// ---------------------------------------------------------------------------------------------
// The single program-settings row

export async function restoreProgramSettings(): Promise<void> {
  await db.query('delete from public.program_settings')
  await db.query('insert into public.program_settings default values')
}

export const programSettingsMatrix: TableMatrix = {
  table: 'program_settings',
  async arrange() {
    await restoreProgramSettings()
    return [{ key: 'true', owner: null }]
  },
  async insertRow() {
    // Free the single row's key, so only the grants and policies can refuse the insert.
    await db.query('delete from public.program_settings')
    return { id: true }
  },
  updatePatch: () => ({ page_size: 21 + Math.floor(Math.random() * 70) }),
  expect: {
    anon: refused,
    // Everyone signed in reads the rules; the row is never inserted or deleted through the API.
    advocate: { select: 'rows', insert: 'denied', update: 'none', delete: 'denied' },
    otherAdvocate: { select: 'rows', insert: 'denied', update: 'none', delete: 'denied' },
    admin: { select: 'rows', insert: 'denied', update: 'rows', delete: 'denied' },
    service_role: everything,
  },
}

// ---------------------------------------------------------------------------------------------
// CRM account data

export const advocateAccountsMatrix: TableMatrix = {
  table: 'advocate_accounts',
  key: 'profile_id',
  async arrange(principals) {
    await db.query(
      `insert into public.advocate_accounts (profile_id, segment, nps, nps_at, health_score, customer_since, csm_name)
       select unnest($1::uuid[]), 'smb', 9, now(), 75, current_date - 400, 'Arranged CSM'
       on conflict (profile_id) do update set segment = 'smb', nps = 9, nps_at = now(), health_score = 75, csm_name = 'Arranged CSM'`,
      [ids(principals)],
    )
    return USER_PRINCIPALS.map((name) => ({ key: principals.idOf(name), owner: name }))
  },
  async insertRow(principals, owner) {
    await db.query('delete from public.advocate_accounts where profile_id = $1', [principals.idOf(owner)])
    return { profile_id: principals.idOf(owner), segment: 'enterprise', nps: 10, nps_at: new Date().toISOString(), health_score: 90 }
  },
  updatePatch: () => ({ csm_name: `CSM ${randomUUID().slice(0, 8)}` }),
  expect: {
    anon: refused,
    // Not even their own row: health score, NPS and CSM notes are the program's assessment.
    advocate: { select: 'none', insert: 'denied', update: 'none', delete: 'none' },
    otherAdvocate: { select: 'none', insert: 'denied', update: 'none', delete: 'none' },
    admin: everything,
    service_role: everything,
  },
}

// ---------------------------------------------------------------------------------------------
// Asks and gives: every signed-in user reads the live ones (the arranged rows are live; the
// test files check drafts separately), only admins write.

const reader = { select: 'rows', insert: 'denied', update: 'none', delete: 'none' } as const
const referenceExpectations = { anon: refused, advocate: reader, otherAdvocate: reader, admin: everything, service_role: everything }

export function opportunityRow(title: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'review',
    title,
    body: 'Arranged by an RLS test.',
    effort: 'low',
    value: 'medium',
    points: 25,
    affinity: [0.2, 1, 0.3, 0.2],
    team: 'marketing',
    status: 'open',
    ...extra,
  }
}

export async function insertOpportunity(title: string, extra: Record<string, unknown> = {}): Promise<number> {
  const row = opportunityRow(title, extra)
  const columns = Object.keys(row)
  const { rows } = await db.query<{ id: number }>(
    `insert into public.opportunities (${columns.join(', ')})
     select ${columns.map((c) => `r.${c}`).join(', ')}
       from jsonb_populate_record(null::public.opportunities, $1::jsonb) r returning id::int`,
    [JSON.stringify(row)],
  )
  return rows[0].id
}

const arrangedTitles = new WeakMap<Principals, string[]>()

export const opportunitiesMatrix: TableMatrix = {
  table: 'opportunities',
  key: 'title',
  async arrange(principals) {
    const previous = arrangedTitles.get(principals) ?? []
    await db.query('delete from public.opportunities where title = any($1::text[])', [previous])
    const titles = [unique('ask'), unique('ask')]
    for (const title of titles) await insertOpportunity(title)
    arrangedTitles.set(principals, titles)
    return titles.map((key) => ({ key, owner: null }))
  },
  insertRow: () => opportunityRow(unique('inserted ask')),
  updatePatch: () => ({ title: unique('renamed ask') }),
  expect: referenceExpectations,
}

export async function insertContentItem(title: string, publishedAt: string | null = new Date(Date.now() - 60_000).toISOString()) {
  const { rows } = await db.query<{ id: number }>(
    `insert into public.content_items (kind, title, body, affinity, published_at)
     values ('how_to', $1, 'Arranged by an RLS test.', '{1,0.2,0.2,0.2}', $2) returning id::int`,
    [title, publishedAt],
  )
  return rows[0].id
}

export const contentItemsMatrix: TableMatrix = {
  table: 'content_items',
  key: 'title',
  async arrange(principals) {
    const previous = arrangedTitles.get(principals) ?? []
    await db.query('delete from public.content_items where title = any($1::text[])', [previous])
    const titles = [unique('give'), unique('give')]
    for (const title of titles) await insertContentItem(title)
    arrangedTitles.set(principals, titles)
    return titles.map((key) => ({ key, owner: null }))
  },
  insertRow: () => ({
    kind: 'early_access',
    title: unique('inserted give'),
    body: 'Inserted by an RLS test.',
    affinity: [0.1, 0.1, 0.1, 1],
    published_at: new Date(Date.now() - 60_000).toISOString(),
  }),
  updatePatch: () => ({ title: unique('renamed give') }),
  expect: referenceExpectations,
}

// ---------------------------------------------------------------------------------------------
// Per-advocate history

export const askLedgerMatrix: TableMatrix = {
  table: 'ask_ledger',
  key: 'note',
  async arrange(principals) {
    await db.query('delete from public.ask_ledger where profile_id = any($1::uuid[])', [ids(principals)])
    const notes = USER_PRINCIPALS.map(() => unique('note'))
    await db.query(
      `insert into public.ask_ledger (profile_id, type, team, note)
       select unnest($1::uuid[]), 'reference_call', 'sales', unnest($2::text[])`,
      [ids(principals), notes],
    )
    return USER_PRINCIPALS.map((name, i) => ({ key: notes[i], owner: name }))
  },
  insertRow: (principals, owner) => ({
    profile_id: principals.idOf(owner),
    type: 'review',
    team: 'marketing',
    note: unique('inserted note'),
  }),
  updatePatch: () => ({ note: unique('changed note') }),
  expect: {
    anon: refused,
    // Advocates read the asks made of them; only admins record and move asks; nobody deletes history.
    advocate: { select: 'own-rows', insert: 'denied', update: 'none', delete: 'denied' },
    otherAdvocate: { select: 'own-rows', insert: 'denied', update: 'none', delete: 'denied' },
    admin: { select: 'rows', insert: 'rows', update: 'rows', delete: 'denied' },
    service_role: everything,
  },
}

const interactionTargets = new WeakMap<Principals, number>()
async function interactionTarget(principals: Principals): Promise<number> {
  if (!interactionTargets.has(principals)) interactionTargets.set(principals, await insertOpportunity(unique('interaction target')))
  return interactionTargets.get(principals)!
}

export const interactionsMatrix: TableMatrix = {
  table: 'interactions',
  key: 'decline_reason',
  async arrange(principals) {
    const target = await interactionTarget(principals)
    await db.query('delete from public.interactions where profile_id = any($1::uuid[])', [ids(principals)])
    const reasons = USER_PRINCIPALS.map(() => unique('reason'))
    await db.query(
      `insert into public.interactions (profile_id, item_kind, opportunity_id, kind, decline_reason)
       select unnest($1::uuid[]), 'ask', $2, 'declined', unnest($3::text[])`,
      [ids(principals), target, reasons],
    )
    return USER_PRINCIPALS.map((name, i) => ({ key: reasons[i], owner: name }))
  },
  insertRow: async (principals, owner) => ({
    profile_id: principals.idOf(owner),
    item_kind: 'ask',
    opportunity_id: await interactionTarget(principals),
    kind: 'declined',
    decline_reason: unique('inserted reason'),
  }),
  updatePatch: () => ({ decline_reason: unique('changed reason') }),
  expect: {
    anon: refused,
    // An append-only log: users add their own rows and never change or remove one.
    advocate: { select: 'own-rows', insert: 'own-rows', update: 'denied', delete: 'denied' },
    otherAdvocate: { select: 'own-rows', insert: 'own-rows', update: 'denied', delete: 'denied' },
    admin: { select: 'rows', insert: 'own-rows', update: 'denied', delete: 'denied' },
    service_role: everything,
  },
}

/** An accepted testimonial ask in the ledger, ready for a submission. */
export async function insertAcceptedAsk(profileId: string, opportunityId: number | null = null): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into public.ask_ledger (profile_id, opportunity_id, type, team, source, state, decided_at)
     values ($1, $2, 'testimonial', 'marketing', 'feed', 'accepted', now()) returning id::int`,
    [profileId, opportunityId],
  )
  return rows[0].id
}

/** A testimonial as submit-ask stores it (supabase/functions/_shared/submission-schemas.ts). */
export const TESTIMONIAL_PAYLOAD = {
  results: 'Halved our reporting time in a month.',
  story: 'Weekly reports moved into scheduled exports.',
  recommendation: 'Operations teams.',
  consentToPublish: false,
}

export const submissionsMatrix: TableMatrix = {
  table: 'submissions',
  key: 'ask_ledger_id',
  async arrange(principals) {
    // Removing the ledger rows removes their submissions (cascade).
    await db.query('delete from public.ask_ledger where profile_id = any($1::uuid[])', [ids(principals)])
    const rows = []
    for (const name of USER_PRINCIPALS) {
      const ledgerId = await insertAcceptedAsk(principals.idOf(name))
      await db.query(`insert into public.submissions (profile_id, ask_ledger_id, type, payload) values ($1, $2, 'testimonial', $3)`, [
        principals.idOf(name),
        ledgerId,
        TESTIMONIAL_PAYLOAD,
      ])
      rows.push({ key: String(ledgerId), owner: name })
    }
    return rows
  },
  async insertRow(principals, owner) {
    const ledgerId = await insertAcceptedAsk(principals.idOf(owner))
    return { profile_id: principals.idOf(owner), ask_ledger_id: ledgerId, type: 'testimonial', payload: TESTIMONIAL_PAYLOAD }
  },
  updatePatch: () => ({ review_note: `Note ${randomUUID().slice(0, 8)}` }),
  expect: {
    anon: refused,
    // Advocates read their own; they hand in through submit-ask, which validates the payload
    // and calls the service-role-only record_submission() (ADR 006), never by a direct insert.
    // Only admins review.
    advocate: { select: 'own-rows', insert: 'denied', update: 'none', delete: 'denied' },
    otherAdvocate: { select: 'own-rows', insert: 'denied', update: 'none', delete: 'denied' },
    admin: { select: 'rows', insert: 'denied', update: 'rows', delete: 'denied' },
    service_role: everything,
  },
}

export const pointsLedgerMatrix: TableMatrix = {
  table: 'points_ledger',
  key: 'reason',
  async arrange(principals) {
    await db.query('delete from public.points_ledger where profile_id = any($1::uuid[])', [ids(principals)])
    const reasons = USER_PRINCIPALS.map(() => unique('points'))
    await db.query(`insert into public.points_ledger (profile_id, delta, reason) select unnest($1::uuid[]), 10, unnest($2::text[])`, [
      ids(principals),
      reasons,
    ])
    return USER_PRINCIPALS.map((name, i) => ({ key: reasons[i], owner: name }))
  },
  insertRow: (principals, owner) => ({ profile_id: principals.idOf(owner), delta: 5, reason: unique('inserted points') }),
  updatePatch: () => ({ reason: unique('changed points') }),
  expect: {
    anon: refused,
    // Append-only: advocates read their own history; admins read all and award points.
    advocate: { select: 'own-rows', insert: 'denied', update: 'denied', delete: 'denied' },
    otherAdvocate: { select: 'own-rows', insert: 'denied', update: 'denied', delete: 'denied' },
    admin: { select: 'rows', insert: 'rows', update: 'denied', delete: 'denied' },
    service_role: everything,
  },
}
