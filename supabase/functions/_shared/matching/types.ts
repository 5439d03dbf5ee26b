/**
 * The matching engine's input and output contract (docs/decisions/005-matching-engine.md).
 * Every input field is something the database or the CRM import must provide. Times are ISO 8601
 * strings, as PostgREST returns `timestamptz`; ids are strings, unique within their kind.
 */
import { Constants } from '../database.types.ts'
import type { AdvocateGoal } from '../personality.ts'

/**
 * The enums come from the generated `Constants` (`npm run gen:types`), in the SQL enum's declared
 * order, so a value added by a migration reaches the engine instead of drifting from a copy.
 */
const ENUMS = Constants.public.Enums

/** The program playbook's activity spectrum (domain.md §3). */
export const OPPORTUNITY_TYPES = ENUMS.opportunity_type
export type OpportunityType = (typeof OPPORTUNITY_TYPES)[number]

/** Gives (domain.md §4). Never equal to an opportunity type, so an ask next to a give is always "different". */
export const CONTENT_KINDS = ENUMS.content_kind
export type ContentKind = (typeof CONTENT_KINDS)[number]

export const EFFORTS = ENUMS.effort
export type Effort = (typeof EFFORTS)[number]

/** What an ask is worth to the program (domain.md §3's "value" column). */
export const ASK_VALUES = ENUMS.ask_value
export type AskValue = (typeof ASK_VALUES)[number]

/** Ascending (the SQL enum's order): an opportunity's `minTier` admits that tier and every later one. */
export const TIERS = ENUMS.tier
export type Tier = (typeof TIERS)[number]

export const OPPORTUNITY_STATUSES = ENUMS.opportunity_status
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number]

export const ASK_STATES = ENUMS.ask_state
export type AskState = (typeof ASK_STATES)[number]

export const INTERACTION_KINDS = ENUMS.interaction_kind
export type InteractionKind = (typeof INTERACTION_KINDS)[number]

/** Weights in the personality order E, V, S, C, each 0–1 (ADR 004's `vector` is score / 5). */
export type PersonalityWeights = readonly [number, number, number, number]

export interface AdvocateContext {
  id: string
  /** The request time. The engine never reads a clock, so the caller decides what "now" is. */
  now: string
  /** The advocate's IANA zone (profiles.time_zone): "N days" of a decline are their calendar days (ADR 013). */
  timeZone: string
  /** ADR 004's `vector`; null until the welcome survey is done (ranked as if balanced). */
  personalityVector: PersonalityWeights | null
  goals: readonly AdvocateGoal[]
  /** Null before the advocate reaches the first tier. */
  tier: Tier | null
  segment: string | null
  /** CRM signals for eligibility (domain.md §2.3). Null means "not known", which never passes. */
  nps: number | null
  npsAt: string | null
  healthScore: number | null
  customerSince: string | null
  lastActiveAt: string | null
  /** Asks this advocate has completed, ever: drives the low-barrier start. */
  completedAskCount: number
  /** Tier progress, for reasons such as "You're 40 points from Silver". */
  pointsToNextTier?: number | null
  nextTierName?: string | null
}

export interface Opportunity {
  id: string
  type: OpportunityType
  effort: Effort
  value: AskValue
  points: number
  /** Shown as "2-minute task" on low-effort asks when known. */
  estimatedMinutes?: number | null
  affinity: PersonalityWeights
  goalTags: readonly AdvocateGoal[]
  minTier: Tier | null
  /** Empty means every segment. */
  targetSegments: readonly string[]
  /** Places still free; null means unlimited. */
  capacityLeft: number | null
  startsAt: string | null
  endsAt: string | null
  team: string
  status: OpportunityStatus
  createdAt: string
}

export interface ContentItem {
  id: string
  kind: ContentKind
  affinity: PersonalityWeights
  goalTags: readonly AdvocateGoal[]
  /** Empty means every segment. */
  targetSegments: readonly string[]
  createdAt: string
}

/**
 * One ask made of the advocate, by any team, through the feed or directly. A feed ask enters the
 * ledger when the advocate accepts it; a team's direct ask when it is sent (state `open`).
 */
export interface AskLedgerEntry {
  /** Null for a team's ask outside the catalogue; it still counts towards caps. */
  opportunityId: string | null
  type: OpportunityType
  team: string
  askedAt: string
  state: AskState
  /** When it left `open` (accepted, declined or expired). Completing an ask does not change it. */
  decidedAt: string | null
  /** When the advocate withdrew it (then `declined`); absent or null otherwise. */
  withdrawnAt?: string | null
}

/** The per-advocate interaction log. Append-only: the engine reads it "as of" a time. */
export interface Interaction {
  itemKind: 'ask' | 'content'
  itemId: string
  kind: InteractionKind
  at: string
  /** Set on `snoozed`: the item returns on this date. */
  snoozedUntil?: string | null
  /** Set on `declined` when the advocate gave one; not used for ranking. */
  declineReason?: string | null
}

export interface FeedItem {
  kind: 'ask' | 'content'
  id: string
  type: OpportunityType | ContentKind
  score: number
  /** One to three short sentences a person can read; never empty. */
  reasons: string[]
}
