/**
 * Program settings the engine obeys. The defaults are the issue's and domain.md §2.3/§5's
 * proposals; they belong in the program-settings row, which admins edit (domain.md §0.5).
 */
import type { OpportunityType } from './types.ts'

export interface TypeCooldown {
  /** Asks of this type (open, accepted or completed) allowed within the window. */
  maxAsks: number
  windowDays: number
}

export interface ScoreWeights {
  /** Personality affinity · the advocate's vector. */
  affinity: number
  /** The advocate's goals against the item's tags. */
  goals: number
  freshness: number
  /** Asks only: how far the points carry the advocate towards the next tier. */
  tierProgress: number
  /** Asks only: the ask's value to the program; small, so the advocate's fit leads. */
  value: number
}

export interface FeedSettings {
  // Eligibility gate (domain.md §2.3).
  minNps: number
  /** NPS at or below this is a detractor, never asked whatever `minNps` says. */
  detractorMaxNps: number
  /** An NPS older than this fails eligibility; null accepts any age. */
  npsMaxAgeDays: number | null
  minHealthScore: number
  minTenureMonths: number
  activeWithinDays: number

  // Ask fatigue, counted from the ledger across all teams (domain.md §5).
  /** Asks open or accepted-but-not-completed at once. */
  maxOpenAsks: number
  maxAcceptedAsks: number
  acceptedAsksWindowDays: number
  typeCooldowns: Partial<Record<OpportunityType, TypeCooldown>>
  /** A declined (or dismissed) item stays out of the feed this long. */
  declinedHiddenDays: number

  // Low-barrier start (domain.md §2.2, §10 "only big asks").
  /** Below this many completed asks an advocate is a newcomer: low-effort asks first, never an ask first on a page. */
  lowBarrierCompletedAsks: number
  mediumEffortUnlockCompletedAsks: number
  highEffortUnlockCompletedAsks: number

  // Composition.
  /** At most one ask in any this-many consecutive items (3 = the rule of thirds); at least 2. */
  askSpacing: number
  pageSize: number

  // Fit.
  freshnessHalfLifeDays: number
  scoreWeights: ScoreWeights

  /** A cursor older than this is refused, so a forgotten tab doesn't page through a stale snapshot. */
  cursorMaxAgeMinutes: number
}

export const DEFAULT_FEED_SETTINGS: FeedSettings = {
  minNps: 9,
  detractorMaxNps: 6,
  npsMaxAgeDays: null,
  minHealthScore: 70,
  minTenureMonths: 3,
  activeWithinDays: 30,

  maxOpenAsks: 2,
  maxAcceptedAsks: 2,
  acceptedAsksWindowDays: 30,
  typeCooldowns: { reference_call: { maxAsks: 2, windowDays: 90 } },
  declinedHiddenDays: 30,

  lowBarrierCompletedAsks: 3,
  mediumEffortUnlockCompletedAsks: 1,
  highEffortUnlockCompletedAsks: 3,

  askSpacing: 3,
  pageSize: 20,

  freshnessHalfLifeDays: 14,
  scoreWeights: { affinity: 0.45, goals: 0.25, freshness: 0.15, tierProgress: 0.1, value: 0.05 },

  cursorMaxAgeMinutes: 60,
}

/** The defaults with an admin's overrides on top (the settings row may omit new fields). */
export function withFeedSettings(overrides: Partial<FeedSettings> = {}): FeedSettings {
  return {
    ...DEFAULT_FEED_SETTINGS,
    ...overrides,
    scoreWeights: { ...DEFAULT_FEED_SETTINGS.scoreWeights, ...overrides.scoreWeights },
  }
}
