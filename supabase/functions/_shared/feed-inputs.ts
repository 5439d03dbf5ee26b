/**
 * Loads the matching engine's inputs for one advocate (docs/decisions/005-matching-engine.md,
 * "Where these live"), plus the display fields the feed returns with each item.
 *
 * Everything is read with the caller's client (RLS decides the candidates) except the caller's
 * own CRM row, which advocates may not read: that one query uses the service role, filtered by
 * the verified caller id. No Deno APIs here, so Node can type-check and reuse it.
 */
import { z } from 'zod'
import type { TypedSupabaseClient } from './clients.ts'
import {
  OPPORTUNITY_TYPES,
  withFeedSettings,
  type AdvocateContext,
  type AskLedgerEntry,
  type ContentItem,
  type FeedSettings,
  type Interaction,
  type ItemKey,
  type Opportunity,
  type PersonalityWeights,
} from './matching.ts'

/** What the UI shows for an ask, beside the engine's fields. */
export interface OpportunityDisplay {
  title: string
  body: string
  effort: Opportunity['effort']
  points: number
  estimatedMinutes: number | null
}

/** What the UI shows for a give. */
export interface ContentDisplay {
  title: string
  body: string
  kind: ContentItem['kind']
  url: string | null
}

export interface FeedInputs {
  settings: FeedSettings
  advocate: AdvocateContext
  opportunities: Opportunity[]
  content: ContentItem[]
  ledger: AskLedgerEntry[]
  interactions: Interaction[]
  opportunityDisplay: Map<string, OpportunityDisplay>
  contentDisplay: Map<string, ContentDisplay>
}

/** A database or configuration problem; the function answers 500. */
export class FeedInputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FeedInputError'
  }
}

const CooldownSchema = z.object({ maxAsks: z.number().int().min(0), windowDays: z.number().positive() }).strict()
const TypeCooldownsSchema = z.record(z.enum(OPPORTUNITY_TYPES), CooldownSchema)
const ScoreWeightsSchema = z
  .object({
    affinity: z.number().min(0),
    goals: z.number().min(0),
    freshness: z.number().min(0),
    tierProgress: z.number().min(0),
    value: z.number().min(0),
  })
  .partial()
  .strict()

/** The interaction kinds the engine reads (ADR 005); `shown` and `opened` are not needed. */
const RANKED_INTERACTIONS = ['declined', 'snoozed', 'accepted', 'submitted', 'approved', 'rejected'] as const

const weights = (values: number[], what: string): PersonalityWeights => {
  if (values.length !== 4) throw new FeedInputError(`${what} must have 4 weights, got ${values.length}`)
  return [values[0], values[1], values[2], values[3]]
}

function fail(what: string, error: { message: string } | null): never {
  throw new FeedInputError(`could not load ${what}: ${error?.message ?? 'no row'}`)
}

/**
 * Loads every input in parallel. `now` is the request time (ISO), passed to the engine as-is.
 * With `item` (explaining one item, ADR 006), the catalogue and the interaction log are narrowed
 * to that item: the explanation needs the advocate's whole ledger, but nothing else of the rest.
 */
export async function loadFeedInputs(options: {
  caller: TypedSupabaseClient
  service: TypedSupabaseClient
  profileId: string
  now: string
  item?: ItemKey
}): Promise<FeedInputs> {
  const { caller, service, profileId, now, item } = options
  const itemId = item ? Number(item.id) : null
  if (item && !Number.isSafeInteger(itemId)) throw new FeedInputError(`item id must be an integer, got ${item.id}`)

  // RLS shows advocates open asks only; the explicit filter keeps admins' drafts out too.
  let opportunitiesQuery = caller
    .from('opportunities')
    .select(
      'id, type, title, body, effort, value, points, estimated_minutes, affinity, goal_tags, min_tier, target_segments, capacity, accepted_count, starts_at, ends_at, team, status, created_at',
    )
    .eq('status', 'open')
  // RLS shows advocates published gives only; the explicit filter keeps admins' drafts out too.
  let contentQuery = caller
    .from('content_items')
    .select('id, kind, title, body, url, affinity, goal_tags, target_segments, published_at')
    .not('published_at', 'is', null)
    .lte('published_at', now)
  let interactionsQuery = caller
    .from('interactions')
    .select('item_kind, item_id, kind, at, snoozed_until, decline_reason')
    .eq('profile_id', profileId)
    .in('kind', [...RANKED_INTERACTIONS])
  if (item && itemId !== null) {
    opportunitiesQuery = opportunitiesQuery.eq('id', item.kind === 'ask' ? itemId : 0)
    contentQuery = contentQuery.eq('id', item.kind === 'content' ? itemId : 0)
    interactionsQuery = interactionsQuery.eq(item.kind === 'ask' ? 'opportunity_id' : 'content_item_id', itemId)
  }
  const skip = { data: [], error: null } as const

  const [settingsRes, accountRes, profileRes, personalityRes, opportunitiesRes, contentRes, ledgerRes, interactionsRes] = await Promise.all([
    caller.from('program_settings').select('*').eq('id', true).maybeSingle(),
    // Admin-only table: the service role, and only the verified caller's row.
    service
      .from('advocate_accounts')
      .select('segment, nps, nps_at, health_score, customer_since, last_active_at')
      .eq('profile_id', profileId)
      .maybeSingle(),
    caller.from('profiles').select('goals').eq('id', profileId).maybeSingle(),
    caller
      .from('personality_results')
      .select('vector')
      .eq('profile_id', profileId)
      .order('created_at', { ascending: false })
      .order('id', { ascending: false })
      .limit(1)
      .maybeSingle(),
    item?.kind === 'content' ? skip : opportunitiesQuery,
    item?.kind === 'ask' ? skip : contentQuery,
    caller.from('ask_ledger').select('opportunity_id, type, team, asked_at, state, decided_at').eq('profile_id', profileId),
    interactionsQuery,
  ])

  if (settingsRes.error || !settingsRes.data) fail('the program settings', settingsRes.error)
  if (accountRes.error) fail('the advocate account', accountRes.error)
  if (profileRes.error || !profileRes.data) fail('the profile', profileRes.error)
  if (personalityRes.error) fail('the personality result', personalityRes.error)
  if (opportunitiesRes.error) fail('the opportunities', opportunitiesRes.error)
  if (contentRes.error) fail('the content items', contentRes.error)
  if (ledgerRes.error) fail('the ask ledger', ledgerRes.error)
  if (interactionsRes.error) fail('the interactions', interactionsRes.error)

  const row = settingsRes.data
  const cooldowns = TypeCooldownsSchema.safeParse(row.type_cooldowns)
  if (!cooldowns.success) throw new FeedInputError(`program_settings.type_cooldowns is invalid: ${cooldowns.error.message}`)
  const scoreWeights = ScoreWeightsSchema.safeParse(row.score_weights)
  if (!scoreWeights.success) throw new FeedInputError(`program_settings.score_weights is invalid: ${scoreWeights.error.message}`)
  const settings = withFeedSettings({
    minNps: row.min_nps,
    detractorMaxNps: row.detractor_max_nps,
    npsMaxAgeDays: row.nps_max_age_days,
    minHealthScore: row.min_health_score,
    minTenureMonths: row.min_tenure_months,
    activeWithinDays: row.active_within_days,
    maxOpenAsks: row.max_open_asks,
    maxAcceptedAsks: row.max_accepted_asks,
    acceptedAsksWindowDays: row.accepted_asks_window_days,
    typeCooldowns: cooldowns.data,
    declinedHiddenDays: row.declined_hidden_days,
    lowBarrierCompletedAsks: row.low_barrier_completed_asks,
    mediumEffortUnlockCompletedAsks: row.medium_effort_unlock_completed_asks,
    highEffortUnlockCompletedAsks: row.high_effort_unlock_completed_asks,
    askSpacing: row.ask_spacing,
    pageSize: row.page_size,
    freshnessHalfLifeDays: row.freshness_half_life_days,
    scoreWeights: { ...withFeedSettings().scoreWeights, ...scoreWeights.data },
    cursorMaxAgeMinutes: row.cursor_max_age_minutes,
  })

  const ledger: AskLedgerEntry[] = (ledgerRes.data ?? []).map((l) => ({
    opportunityId: l.opportunity_id === null ? null : String(l.opportunity_id),
    type: l.type,
    team: l.team,
    askedAt: l.asked_at,
    state: l.state,
    decidedAt: l.decided_at,
  }))

  const account = accountRes.data
  const vector = personalityRes.data?.vector
  const advocate: AdvocateContext = {
    id: profileId,
    now,
    personalityVector: vector ? weights(vector, 'personality_results.vector') : null,
    goals: profileRes.data.goals,
    // Tiers and their thresholds come with recognition (ADR 005 "Not yet in the database").
    tier: null,
    pointsToNextTier: null,
    nextTierName: null,
    segment: account?.segment ?? null,
    nps: account?.nps ?? null,
    npsAt: account?.nps_at ?? null,
    healthScore: account?.health_score ?? null,
    customerSince: account?.customer_since ?? null,
    lastActiveAt: account?.last_active_at ?? null,
    completedAskCount: ledger.filter((l) => l.state === 'completed').length,
  }

  const opportunityDisplay = new Map<string, OpportunityDisplay>()
  const opportunities: Opportunity[] = (opportunitiesRes.data ?? []).map((o) => {
    const id = String(o.id)
    opportunityDisplay.set(id, { title: o.title, body: o.body, effort: o.effort, points: o.points, estimatedMinutes: o.estimated_minutes })
    return {
      id,
      type: o.type,
      effort: o.effort,
      value: o.value,
      points: o.points,
      estimatedMinutes: o.estimated_minutes,
      affinity: weights(o.affinity, `opportunity ${id} affinity`),
      goalTags: o.goal_tags,
      minTier: o.min_tier,
      targetSegments: o.target_segments,
      capacityLeft: o.capacity === null ? null : Math.max(0, o.capacity - o.accepted_count),
      startsAt: o.starts_at,
      endsAt: o.ends_at,
      team: o.team,
      status: o.status,
      createdAt: o.created_at,
    }
  })

  const contentDisplay = new Map<string, ContentDisplay>()
  const content: ContentItem[] = (contentRes.data ?? []).map((c) => {
    const id = String(c.id)
    contentDisplay.set(id, { title: c.title, body: c.body, kind: c.kind, url: c.url })
    return {
      id,
      kind: c.kind,
      affinity: weights(c.affinity, `content item ${id} affinity`),
      goalTags: c.goal_tags,
      targetSegments: c.target_segments,
      // A give is "new" from when it was published; the query only returns published ones.
      createdAt: c.published_at!,
    }
  })

  const interactions: Interaction[] = (interactionsRes.data ?? []).flatMap((i) =>
    i.item_id === null
      ? []
      : [{ itemKind: i.item_kind, itemId: String(i.item_id), kind: i.kind, at: i.at, snoozedUntil: i.snoozed_until, declineReason: i.decline_reason }],
  )

  return { settings, advocate, opportunities, content, ledger, interactions, opportunityDisplay, contentDisplay }
}
