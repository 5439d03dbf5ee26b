/**
 * The feed's catalogue: the program settings, the open asks and the published gives, with the
 * display fields the feed returns. It is the same for every signed-in user (program_settings is
 * readable by all; opportunities_select_open_or_admin and content_items_select_published_or_admin
 * show everyone the open and published rows, and public.feed_catalogue's filters keep admins to
 * the same set), and it is the bulk of the feed's reads: at program scale thousands of rows, most
 * of a request's database and JSON work. It is read whole, as one JSON value from one RPC, so
 * PostgREST's row cap cannot drop rows (ADR 011). So the `feed` function keeps it in a short-lived cache
 * shared by its callers (`CatalogueCache`), filled with the caller's client so RLS still bounds
 * the read; feed-catalogue.test.ts (tests/db) checks that every kind of caller reads the same
 * catalogue. Per-advocate rows are never cached. No Deno APIs here, so Node can reuse it.
 */
import { z } from 'zod'
import type { TypedSupabaseClient } from './clients.ts'
import type { Database } from './database.types.ts'
import {
  OPPORTUNITY_TYPES,
  prepareCatalogue,
  withFeedSettings,
  type ContentItem,
  type PreparedCatalogue,
  type FeedSettings,
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

export interface FeedCatalogue {
  settings: FeedSettings
  opportunities: Opportunity[]
  content: ContentItem[]
  /** The rows in the ranking's form, prepared once per read and cached with them (ADR 015). */
  prepared: PreparedCatalogue
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

export function fail(what: string, error: { message: string } | null): never {
  throw new FeedInputError(`could not load ${what}: ${error?.message ?? 'no row'}`)
}

export const weights = (values: number[], what: string): PersonalityWeights => {
  if (values.length !== 4) throw new FeedInputError(`${what} must have 4 weights, got ${values.length}`)
  return [values[0], values[1], values[2], values[3]]
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

type Row<T extends keyof Database['public']['Tables']> = Database['public']['Tables'][T]['Row']

/**
 * What `public.feed_catalogue` returns (migration …000500): one JSON value, so PostgREST's
 * `max_rows` cannot truncate it (ADR 011). Spelt out because the generated types call it `Json`.
 */
interface CatalogueRows {
  settings: Row<'program_settings'> | null
  opportunities: Pick<
    Row<'opportunities'>,
    | 'id'
    | 'type'
    | 'title'
    | 'body'
    | 'effort'
    | 'value'
    | 'points'
    | 'estimated_minutes'
    | 'affinity'
    | 'goal_tags'
    | 'min_tier'
    | 'target_segments'
    | 'capacity'
    | 'accepted_count'
    | 'starts_at'
    | 'ends_at'
    | 'team'
    | 'status'
    | 'created_at'
  >[]
  content: Pick<
    Row<'content_items'>,
    'id' | 'kind' | 'title' | 'body' | 'url' | 'affinity' | 'goal_tags' | 'target_segments' | 'published_at'
  >[]
}

/**
 * Reads the catalogue as of `now`, whole, in one RPC (no row cap: ADR 011). With `item`
 * (explaining one item), only that row of its kind, and nothing of the other: always fresh,
 * never from the cache.
 */
export async function readCatalogue(caller: TypedSupabaseClient, now: string, item?: ItemKey): Promise<FeedCatalogue> {
  const itemId = item ? Number(item.id) : null
  if (item && !Number.isSafeInteger(itemId)) throw new FeedInputError(`item id must be an integer, got ${item.id}`)
  // RLS decides what the caller sees (invoker rights); the function's own filters keep admins to
  // the open asks and published gives too.
  const res = await caller.rpc('feed_catalogue', {
    as_of: now,
    ...(item && itemId !== null ? (item.kind === 'ask' ? { only_ask: itemId } : { only_content: itemId }) : {}),
  })
  if (res.error) fail('the catalogue', res.error)
  const rows = res.data as unknown as CatalogueRows
  if (!rows.settings) fail('the program settings', null)

  const row = rows.settings
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

  const opportunityDisplay = new Map<string, OpportunityDisplay>()
  const opportunities: Opportunity[] = rows.opportunities.map((o) => {
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
  const content: ContentItem[] = rows.content.map((c) => {
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

  return { settings, opportunities, content, prepared: prepareCatalogue(opportunities, content), opportunityDisplay, contentDisplay }
}

/**
 * The last catalogue read, kept while its version holds (`public.feed_catalogue_version`, read
 * with the caller's own rows, changes with any change to the settings, the open asks or the
 * published gives the caller can see). A request whose version matches is served from memory;
 * one with another version reads afresh, concurrent ones sharing that read. A read is keyed by
 * the version read *before* it, so a change racing with it leaves a stale key that the next
 * request's newer version replaces. `maxAgeMs` bounds what a version cannot see (a transaction
 * that commits a change stamped earlier than the newest one). A failed read is not kept.
 */
export class CatalogueCache {
  private entry: { version: string; readAt: number; catalogue: Promise<FeedCatalogue> } | null = null

  constructor(
    readonly maxAgeMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  get(version: string, read: () => Promise<FeedCatalogue>): Promise<FeedCatalogue> {
    const at = this.clock()
    const entry = this.entry
    if (entry && entry.version === version && at - entry.readAt < this.maxAgeMs) return entry.catalogue
    const next = { version, readAt: at, catalogue: read() }
    this.entry = next
    next.catalogue.catch(() => {
      if (this.entry === next) this.entry = null
    })
    return next.catalogue
  }
}
