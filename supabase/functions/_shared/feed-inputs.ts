/**
 * Loads the matching engine's inputs for one advocate (docs/decisions/005-matching-engine.md,
 * "Where these live"), plus the display fields the feed returns with each item.
 *
 * Everything is read with the caller's client (RLS decides the candidates) except the caller's
 * own CRM row, which advocates may not read: that one query uses the service role, filtered by
 * the verified caller id. The catalogue (settings, open asks, published gives: the same for
 * every caller) comes from ./feed-catalogue.ts, from its cache when one is passed, checked
 * against the catalogue version read with the advocate's own rows (goals, latest survey vector,
 * ledger, ranked interactions: one query through their profile). No Deno APIs here, so Node can
 * type-check and reuse it.
 */
import type { TypedSupabaseClient } from './clients.ts'
import type { Database } from './database.types.ts'
import { fail, readCatalogue, weights, type CatalogueCache, type FeedCatalogue } from './feed-catalogue.ts'
import type { AdvocateContext, AskLedgerEntry, Interaction, ItemKey } from './matching.ts'

export { type ContentDisplay, type OpportunityDisplay } from './feed-catalogue.ts'

export interface FeedInputs extends FeedCatalogue {
  advocate: AdvocateContext
  ledger: AskLedgerEntry[]
  interactions: Interaction[]
}

type Row<T extends keyof Database['public']['Tables']> = Database['public']['Tables'][T]['Row']

/**
 * The caller's own rows in one read. Spelt out because postgrest-js types PostgREST 12 selects
 * without computed fields (`feed_catalogue_version`, migration …000500), so it cannot infer this.
 */
interface OwnRows {
  goals: Row<'profiles'>['goals']
  time_zone: Row<'profiles'>['time_zone']
  feed_catalogue_version: string
  personality_results: Pick<Row<'personality_results'>, 'vector' | 'created_at' | 'id'>[]
  ask_ledger: Pick<Row<'ask_ledger'>, 'opportunity_id' | 'type' | 'team' | 'asked_at' | 'state' | 'decided_at' | 'withdrawn_at'>[]
  interactions: Pick<Row<'interactions'>, 'item_kind' | 'item_id' | 'kind' | 'at' | 'snoozed_until' | 'decline_reason'>[]
}

/** The interaction kinds the engine reads (ADR 005); `shown` and `opened` are not needed. */
const RANKED_INTERACTIONS = ['declined', 'snoozed', 'accepted', 'submitted', 'approved', 'rejected'] as const

/**
 * Loads every input in parallel. `now` is the request time (ISO), passed to the engine as-is.
 * With `item` (explaining one item, ADR 006), the catalogue and the interaction log are narrowed
 * to that item and read fresh: the explanation needs the advocate's whole ledger, but nothing
 * else of the rest. Otherwise the catalogue comes from `catalogue` when given.
 */
export async function loadFeedInputs(options: {
  caller: TypedSupabaseClient
  service: TypedSupabaseClient
  profileId: string
  now: string
  item?: ItemKey
  catalogue?: CatalogueCache
}): Promise<FeedInputs> {
  const { caller, service, profileId, now, item } = options
  let ownQuery = caller
    .from('profiles')
    .select(
      `goals,
       time_zone,
       feed_catalogue_version,
       personality_results (vector, created_at, id),
       ask_ledger!ask_ledger_profile_id_fkey (opportunity_id, type, team, asked_at, state, decided_at, withdrawn_at),
       interactions (item_kind, item_id, kind, at, snoozed_until, decline_reason)`,
    )
    .eq('id', profileId)
    .order('created_at', { referencedTable: 'personality_results', ascending: false })
    .order('id', { referencedTable: 'personality_results', ascending: false })
    .limit(1, { referencedTable: 'personality_results' })
    .in('interactions.kind', [...RANKED_INTERACTIONS])
  if (item) ownQuery = ownQuery.eq(item.kind === 'ask' ? 'interactions.opportunity_id' : 'interactions.content_item_id', Number(item.id))

  // Fresh reads run beside the others; the cache needs the version the caller's read returns first.
  const cache = item ? undefined : options.catalogue
  const [fresh, accountRes, ownRes] = await Promise.all([
    cache ? null : readCatalogue(caller, now, item),
    // Admin-only table: the service role, and only the verified caller's row.
    service
      .from('advocate_accounts')
      .select('segment, nps, nps_at, health_score, customer_since, last_active_at')
      .eq('profile_id', profileId)
      .maybeSingle(),
    ownQuery.maybeSingle().overrideTypes<OwnRows, { merge: false }>(),
  ])
  if (accountRes.error) fail('the advocate account', accountRes.error)
  if (ownRes.error || !ownRes.data) fail('the profile', ownRes.error)
  const own = ownRes.data
  const catalogue = fresh ?? (await cache!.get(own.feed_catalogue_version, () => readCatalogue(caller, now)))

  const ledger: AskLedgerEntry[] = own.ask_ledger.map((l) => ({
    opportunityId: l.opportunity_id === null ? null : String(l.opportunity_id),
    type: l.type,
    team: l.team,
    askedAt: l.asked_at,
    state: l.state,
    decidedAt: l.decided_at,
    withdrawnAt: l.withdrawn_at,
  }))

  const account = accountRes.data
  const vector = own.personality_results[0]?.vector
  const advocate: AdvocateContext = {
    id: profileId,
    now,
    timeZone: own.time_zone,
    personalityVector: vector ? weights(vector, 'personality_results.vector') : null,
    goals: own.goals,
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

  const interactions: Interaction[] = own.interactions.flatMap((i) =>
    i.item_id === null
      ? []
      : [
          {
            itemKind: i.item_kind,
            itemId: String(i.item_id),
            kind: i.kind,
            at: i.at,
            snoozedUntil: i.snoozed_until,
            declineReason: i.decline_reason,
          },
        ],
  )

  return { ...catalogue, advocate, ledger, interactions }
}
