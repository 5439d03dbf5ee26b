/**
 * How well an item fits one advocate: the hard filters an ask must pass, and the score that
 * orders what passes (domain.md §4 "rank by personality affinity, freshness, ladder fit and the
 * advocate's stated preferences"). Pure arithmetic on numbers, so it can run 1,000 times a request.
 */
import { ADVOCATE_GOALS, type AdvocateGoal } from '../personality.ts'
import type { PreparedCatalogue } from './catalogue.ts'
import type { FeedSettings } from './settings.ts'
import { DAY_MS, parseTime } from './time.ts'
import { ASK_VALUES, TIERS, type AdvocateContext, type ContentItem, type Opportunity, type PersonalityWeights } from './types.ts'

/** Someone who hasn't taken the survey is ranked as if balanced. */
const NEUTRAL_VECTOR: PersonalityWeights = [0.25, 0.25, 0.25, 0.25]
const GOAL_BIT = Object.fromEntries(ADVOCATE_GOALS.map((goal, i) => [goal, 1 << i])) as Record<AdvocateGoal, number>
const TIER_RANK = Object.fromEntries(TIERS.map((tier, i) => [tier, i])) as Record<(typeof TIERS)[number], number>
const VALUE_SCORE = Object.fromEntries(ASK_VALUES.map((value, i) => [value, i / (ASK_VALUES.length - 1)])) as Record<
  (typeof ASK_VALUES)[number],
  number
>

/** The advocate's side of every comparison, read once per request. */
export interface AdvocateFit {
  vector: PersonalityWeights
  hasSurvey: boolean
  goalMask: number
  /** -1 before the first tier. */
  tierRank: number
  segment: string | null
  completedAskCount: number
  /** 0 when unknown. */
  pointsToNextTier: number
  nextTierName: string | null
}

export function readAdvocateFit(advocate: AdvocateContext): AdvocateFit {
  return {
    vector: advocate.personalityVector ?? NEUTRAL_VECTOR,
    hasSurvey: advocate.personalityVector !== null,
    goalMask: goalMaskOf(advocate.goals),
    tierRank: advocate.tier === null ? -1 : TIER_RANK[advocate.tier],
    segment: advocate.segment,
    completedAskCount: advocate.completedAskCount,
    pointsToNextTier: Math.max(0, advocate.pointsToNextTier ?? 0),
    nextTierName: advocate.nextTierName ?? null,
  }
}

export function goalMaskOf(goals: readonly AdvocateGoal[]): number {
  let mask = 0
  for (const goal of goals) mask |= GOAL_BIT[goal]
  return mask
}

export function affinityOf(vector: PersonalityWeights, weights: PersonalityWeights): number {
  return vector[0] * weights[0] + vector[1] * weights[1] + vector[2] * weights[2] + vector[3] * weights[3]
}

/** `affinityOf` with item `index`'s weights read from a flat array of fours (same arithmetic, same result). */
export function affinityAt(vector: PersonalityWeights, flat: Float64Array, index: number): number {
  const at = 4 * index
  return vector[0] * flat[at] + vector[1] * flat[at + 1] + vector[2] * flat[at + 2] + vector[3] * flat[at + 3]
}

/** 0 with no shared goal, 0.5 with one, 1 with two or more. A tag listed twice is one goal. */
export function goalFitOf(advocateMask: number, tags: readonly AdvocateGoal[]): number {
  return goalFitOfMasks(advocateMask, goalMaskOf(tags))
}

/** `goalFitOf` on masks: the prepared catalogue keeps each item's tags as one. */
export function goalFitOfMasks(advocateMask: number, itemMask: number): number {
  const shared = advocateMask & itemMask
  // Clearing the lowest set bit leaves 0 exactly when at most one goal is shared.
  return shared === 0 ? 0 : (shared & (shared - 1)) === 0 ? 0.5 : 1
}

/** 1 when new, 0.5 after one half-life; a hyperbola, not an exponential, because it is cheaper and just as monotone. */
export function freshnessOf(createdAt: number, now: number, halfLifeDays: number): number {
  const ageDays = Math.max(0, now - createdAt) / DAY_MS
  return 1 / (1 + ageDays / halfLifeDays)
}

export function inSegment(segment: string | null, targets: readonly string[]): boolean {
  return targets.length === 0 || (segment !== null && targets.includes(segment))
}

/**
 * The hard filters that depend on the opportunity and the advocate alone (history and caps are
 * applied separately): live, in its window, places left, tier and segment, and an effort the
 * advocate has unlocked by completing smaller asks. For an ask taken from the prepared
 * catalogue's segment index (`visibleTo`), which holds only open asks of the advocate's segment:
 * the rest is read from the catalogue's arrays, parsed once per catalogue rather than per request.
 */
export function isOfferable(catalogue: PreparedCatalogue, index: number, fit: AdvocateFit, settings: FeedSettings, now: number): boolean {
  if (catalogue.askCreatedAt[index] > now || catalogue.askFull[index]) return false
  if (catalogue.askStartsAt[index] > now || catalogue.askEndsAt[index] <= now) return false
  if (fit.tierRank < catalogue.askMinTierRank[index]) return false
  const effort = catalogue.askEffort[index]
  if (effort === MEDIUM_EFFORT && fit.completedAskCount < settings.mediumEffortUnlockCompletedAsks) return false
  if (effort === HIGH_EFFORT && fit.completedAskCount < settings.highEffortUnlockCompletedAsks) return false
  return true
}
export const MEDIUM_EFFORT = 1
export const HIGH_EFFORT = 2

/**
 * The same filters as `isOfferable`, named (for `explainItem` and the accept RPC's codes):
 * `full` (no places left), `effort_locked` (not yet unlocked by completed asks) and
 * `not_available` (not open or not yet created, outside its window, another segment, a tier the
 * advocate lacks). `isOfferable` is this returning nothing; a property test holds them together.
 */
export function opportunityFilterBlockers(
  opportunity: Opportunity,
  createdAt: number,
  fit: AdvocateFit,
  settings: FeedSettings,
  now: number,
): { notAvailable: boolean; full: boolean; effortLocked: boolean } {
  const notAvailable =
    opportunity.status !== 'open' ||
    createdAt > now ||
    (opportunity.startsAt !== null && parseTime(opportunity.startsAt) > now) ||
    (opportunity.endsAt !== null && parseTime(opportunity.endsAt) <= now) ||
    (opportunity.minTier !== null && fit.tierRank < TIER_RANK[opportunity.minTier]) ||
    !inSegment(fit.segment, opportunity.targetSegments)
  const full = opportunity.capacityLeft !== null && opportunity.capacityLeft <= 0
  const effortLocked =
    (opportunity.effort === 'medium' && fit.completedAskCount < settings.mediumEffortUnlockCompletedAsks) ||
    (opportunity.effort === 'high' && fit.completedAskCount < settings.highEffortUnlockCompletedAsks)
  return { notAvailable, full, effortLocked }
}

export function scoreOpportunity(
  opportunity: Opportunity,
  createdAt: number,
  fit: AdvocateFit,
  settings: FeedSettings,
  now: number,
): number {
  const affinity = affinityOf(fit.vector, opportunity.affinity)
  const goalFit = goalFitOf(fit.goalMask, opportunity.goalTags)
  return opportunityScore(affinity, goalFit, createdAt, opportunity.points, valueScoreOf(opportunity.value), fit, settings, now)
}

/** `scoreOpportunity` from its parts (the prepared catalogue's arrays give them): the one formula. */
export function opportunityScore(
  affinity: number,
  goalFit: number,
  createdAt: number,
  points: number,
  valueScore: number,
  fit: AdvocateFit,
  settings: FeedSettings,
  now: number,
): number {
  const w = settings.scoreWeights
  const tierProgress = fit.pointsToNextTier > 0 ? Math.min(1, points / fit.pointsToNextTier) : 0
  return (
    w.affinity * affinity +
    w.goals * goalFit +
    w.freshness * freshnessOf(createdAt, now, settings.freshnessHalfLifeDays) +
    w.tierProgress * tierProgress +
    w.value * valueScore
  )
}

export const valueScoreOf = (value: Opportunity['value']): number => VALUE_SCORE[value]

export function scoreContent(item: ContentItem, createdAt: number, fit: AdvocateFit, settings: FeedSettings, now: number): number {
  return contentScore(affinityOf(fit.vector, item.affinity), goalFitOf(fit.goalMask, item.goalTags), createdAt, settings, now)
}

/** `scoreContent` from its parts (the prepared catalogue's arrays give them): the one formula. */
export function contentScore(affinity: number, goalFit: number, createdAt: number, settings: FeedSettings, now: number): number {
  const w = settings.scoreWeights
  return w.affinity * affinity + w.goals * goalFit + w.freshness * freshnessOf(createdAt, now, settings.freshnessHalfLifeDays)
}
