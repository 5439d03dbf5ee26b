/**
 * fast-check arbitraries and small builders for the matching engine's tests. Values are drawn
 * from short lists on purpose (a few days, a few weights) so ties, boundaries and collisions
 * between teams, types and ids come up often.
 */
import fc from 'fast-check'
import {
  ASK_STATES,
  ASK_VALUES,
  CONTENT_KINDS,
  DEFAULT_FEED_SETTINGS,
  EFFORTS,
  INTERACTION_KINDS,
  OPPORTUNITY_STATUSES,
  OPPORTUNITY_TYPES,
  TIERS,
  type AdvocateContext,
  type AskLedgerEntry,
  type AskState,
  type ContentItem,
  type FeedSettings,
  type Interaction,
  type Opportunity,
  type OpportunityType,
  type PersonalityWeights,
  type RankFeedInput,
  type TypeCooldown,
} from './matching.ts'
import { ADVOCATE_GOALS } from './personality.ts'

export const NOW_MS = Date.parse('2027-03-01T12:00:00.000Z')
export const NOW = new Date(NOW_MS).toISOString()
const DAY_MS = 86_400_000
/** Negative days are in the future. */
export const daysAgo = (days: number) => new Date(NOW_MS - days * DAY_MS).toISOString()

export const SEGMENTS = ['smb', 'mid_market', 'enterprise'] as const
export const TEAMS = ['marketing', 'sales', 'product', 'events'] as const

/** Mostly two types, so cooldowns and type-diversity collisions come up often. */
const opportunityTypeArb = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom<OpportunityType>('review', 'reference_call') },
  fc.constantFrom(...OPPORTUNITY_TYPES),
)
const dayOffset = (min: number, max: number) => fc.integer({ min, max }).map(daysAgo)
const weight = fc.constantFrom(0, 0.25, 0.5, 0.75, 1)
const weights: fc.Arbitrary<PersonalityWeights> = fc.tuple(weight, weight, weight, weight)
const goals = fc.subarray([...ADVOCATE_GOALS])
const segments = fc.oneof({ weight: 2, arbitrary: fc.constant([] as string[]) }, fc.subarray([...SEGMENTS], { minLength: 1 }))

/** A survey result's vector: five answers, each adding 1/5 to one personality. */
const surveyVector: fc.Arbitrary<PersonalityWeights> = fc
  .array(fc.integer({ min: 0, max: 3 }), { minLength: 5, maxLength: 5 })
  .map((answers) => {
    const v = [0, 0, 0, 0]
    for (const a of answers) v[a] += 0.2
    return [v[0], v[1], v[2], v[3]] as const
  })

const randomSettingsArb: fc.Arbitrary<FeedSettings> = fc.record({
  minNps: fc.integer({ min: 5, max: 10 }),
  detractorMaxNps: fc.integer({ min: 4, max: 6 }),
  npsMaxAgeDays: fc.option(fc.integer({ min: 30, max: 400 })),
  minHealthScore: fc.integer({ min: 40, max: 90 }),
  minTenureMonths: fc.integer({ min: 0, max: 6 }),
  activeWithinDays: fc.integer({ min: 7, max: 60 }),
  maxOpenAsks: fc.integer({ min: 0, max: 5 }),
  maxAcceptedAsks: fc.integer({ min: 0, max: 5 }),
  acceptedAsksWindowDays: fc.integer({ min: 7, max: 60 }),
  typeCooldowns: fc.dictionary(
    opportunityTypeArb,
    fc.record({ maxAsks: fc.integer({ min: 0, max: 3 }), windowDays: fc.integer({ min: 7, max: 120 }) }),
    { maxKeys: 4 },
  ) as fc.Arbitrary<Partial<Record<OpportunityType, TypeCooldown>>>,
  declinedHiddenDays: fc.integer({ min: 1, max: 60 }),
  lowBarrierCompletedAsks: fc.integer({ min: 0, max: 5 }),
  mediumEffortUnlockCompletedAsks: fc.integer({ min: 0, max: 3 }),
  highEffortUnlockCompletedAsks: fc.integer({ min: 0, max: 5 }),
  askSpacing: fc.integer({ min: 2, max: 4 }),
  pageSize: fc.integer({ min: 1, max: 8 }),
  freshnessHalfLifeDays: fc.integer({ min: 1, max: 30 }),
  scoreWeights: fc.record({ affinity: weight, goals: weight, freshness: weight, tierProgress: weight, value: weight }),
  cursorMaxAgeMinutes: fc.constant(60),
})

const DEFAULT_ELIGIBILITY = {
  minNps: DEFAULT_FEED_SETTINGS.minNps,
  detractorMaxNps: DEFAULT_FEED_SETTINGS.detractorMaxNps,
  npsMaxAgeDays: DEFAULT_FEED_SETTINGS.npsMaxAgeDays,
  minHealthScore: DEFAULT_FEED_SETTINGS.minHealthScore,
  minTenureMonths: DEFAULT_FEED_SETTINGS.minTenureMonths,
  activeWithinDays: DEFAULT_FEED_SETTINGS.activeWithinDays,
}

/** The defaults (small pages), or random settings; mostly with the default eligibility thresholds so asks get through. */
export const settingsArb: fc.Arbitrary<FeedSettings> = fc.oneof(
  fc.integer({ min: 1, max: 8 }).map((pageSize) => ({ ...DEFAULT_FEED_SETTINGS, pageSize })),
  fc
    .tuple(randomSettingsArb, fc.integer({ min: 0, max: 3 }))
    .map(([settings, dice]) => (dice > 0 ? { ...settings, ...DEFAULT_ELIGIBILITY } : settings)),
)

const advocateBaseArb = fc.record({
  id: fc.constantFrom('adv-1', 'adv-2'),
  now: fc.constant(NOW),
  // Zones either side of UTC, one that is already tomorrow at most instants, one on the hour.
  timeZone: fc.constantFrom('UTC', 'Australia/Sydney', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Kolkata'),
  personalityVector: fc.option(surveyVector, { freq: 4 }),
  goals,
  tier: fc.option(fc.constantFrom(...TIERS), { freq: 3 }),
  segment: fc.option(fc.constantFrom(...SEGMENTS), { freq: 5 }),
  completedAskCount: fc.integer({ min: 0, max: 6 }),
  pointsToNextTier: fc.option(fc.integer({ min: 1, max: 300 })),
  nextTierName: fc.option(fc.constantFrom('Silver', 'Gold')),
})

const anySignalsArb = fc.record({
  nps: fc.option(fc.integer({ min: 0, max: 10 }), { freq: 8 }),
  npsAt: fc.option(dayOffset(0, 500), { freq: 6 }),
  healthScore: fc.option(fc.integer({ min: 0, max: 100 }), { freq: 8 }),
  customerSince: fc.option(dayOffset(0, 900), { freq: 8 }),
  lastActiveAt: fc.option(dayOffset(0, 90), { freq: 8 }),
})

/** Passes the default thresholds (a promoter, healthy, established, active). */
const promoterSignalsArb = fc.record({
  nps: fc.integer({ min: 9, max: 10 }),
  npsAt: dayOffset(0, 60),
  healthScore: fc.integer({ min: 70, max: 100 }),
  customerSince: dayOffset(100, 900),
  lastActiveAt: dayOffset(0, 20),
})

/** Biased towards eligible advocates, so the ask paths get exercised, with every failure mode reachable. */
export const advocateArb: fc.Arbitrary<AdvocateContext> = fc
  .tuple(advocateBaseArb, fc.oneof({ weight: 3, arbitrary: promoterSignalsArb }, anySignalsArb))
  .map(([base, signals]) => ({ ...base, ...signals }))

const opportunityArb: fc.Arbitrary<Opportunity> = fc.record({
  id: fc.integer({ min: 0, max: 60 }).map((n) => `opp-${n}`),
  type: opportunityTypeArb,
  effort: fc.constantFrom(...EFFORTS),
  value: fc.constantFrom(...ASK_VALUES),
  points: fc.constantFrom(0, 10, 25, 50, 100, 250),
  estimatedMinutes: fc.option(fc.integer({ min: 1, max: 90 })),
  affinity: weights,
  goalTags: goals,
  minTier: fc.option(fc.constantFrom(...TIERS), { freq: 4 }),
  targetSegments: segments,
  capacityLeft: fc.option(fc.integer({ min: 0, max: 5 })),
  startsAt: fc.option(dayOffset(-10, 30)),
  endsAt: fc.option(dayOffset(-60, 10)),
  team: fc.constantFrom(...TEAMS),
  status: fc.oneof({ weight: 5, arbitrary: fc.constant('open' as const) }, fc.constantFrom(...OPPORTUNITY_STATUSES)),
  createdAt: dayOffset(-3, 200),
})

const contentArb: fc.Arbitrary<ContentItem> = fc.record({
  id: fc.integer({ min: 0, max: 60 }).map((n) => `content-${n}`),
  kind: fc.constantFrom(...CONTENT_KINDS),
  affinity: weights,
  goalTags: goals,
  targetSegments: segments,
  createdAt: dayOffset(-3, 200),
})

function ledgerArb(opportunities: Opportunity[]): fc.Arbitrary<AskLedgerEntry[]> {
  const target = fc.option(fc.constantFrom(...(opportunities.length ? opportunities : [null])), { freq: 4 })
  const entry = fc
    .record({
      target,
      type: opportunityTypeArb,
      team: fc.constantFrom(...TEAMS),
      askedDaysAgo: fc.integer({ min: -2, max: 150 }),
      decidedAfterDays: fc.integer({ min: 0, max: 5 }),
      state: fc.constantFrom<AskState>(...ASK_STATES, 'completed', 'declined', 'expired', 'completed', 'declined'),
    })
    .map(({ target, type, team, askedDaysAgo, decidedAfterDays, state }) => ({
      opportunityId: target?.id ?? null,
      type: target?.type ?? type,
      team,
      askedAt: daysAgo(askedDaysAgo),
      state,
      decidedAt: state === 'open' ? null : daysAgo(askedDaysAgo - decidedAfterDays),
    }))
  return fc.array(entry, { maxLength: 8 })
}

function interactionsArb(opportunities: Opportunity[], content: ContentItem[]): fc.Arbitrary<Interaction[]> {
  const items = [
    ...opportunities.map((o) => ({ itemKind: 'ask' as const, itemId: o.id })),
    ...content.map((c) => ({ itemKind: 'content' as const, itemId: c.id })),
  ]
  if (items.length === 0) return fc.constant([])
  const interaction = fc
    .record({
      item: fc.constantFrom(...items),
      kind: fc.constantFrom(...INTERACTION_KINDS),
      at: dayOffset(-2, 60),
      snoozedUntil: dayOffset(-30, 10),
    })
    .map(({ item, kind, at, snoozedUntil }) => ({ ...item, kind, at, snoozedUntil: kind === 'snoozed' ? snoozedUntil : null }))
  return fc.array(interaction, { maxLength: 15 })
}

export const feedInputArb: fc.Arbitrary<Required<Omit<RankFeedInput, 'cursor' | 'filter' | 'catalogue'>>> = fc
  .record({
    advocate: advocateArb,
    settings: settingsArb,
    opportunities: fc.uniqueArray(opportunityArb, { selector: (o) => o.id, maxLength: 25, size: 'medium' }),
    content: fc.uniqueArray(contentArb, { selector: (c) => c.id, maxLength: 25, size: 'medium' }),
  })
  .chain((base) =>
    fc
      .record({
        ledger: ledgerArb(base.opportunities),
        interactions: interactionsArb(base.opportunities, base.content),
      })
      .map((history) => ({ ...base, ...history })),
  )

/** A deterministic Fisher–Yates shuffle, seeded by fast-check so failures replay. */
export function shuffled<T>(list: readonly T[], seed: number): T[] {
  const copy = [...list]
  let state = seed | 0
  for (let i = copy.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) | 0
    const j = (state >>> 0) % (i + 1)
    ;[copy[i], copy[j]] = [copy[j], copy[i]]
  }
  return copy
}

// ---- Builders for the example-based tests: an eligible advocate and plain items, overridable.

export function advocate(overrides: Partial<AdvocateContext> = {}): AdvocateContext {
  return {
    id: 'adv-1',
    now: NOW,
    timeZone: 'UTC',
    personalityVector: [0.6, 0.4, 0, 0],
    goals: [],
    tier: 'bronze',
    segment: 'mid_market',
    nps: 10,
    npsAt: daysAgo(10),
    healthScore: 85,
    customerSince: daysAgo(400),
    lastActiveAt: daysAgo(1),
    completedAskCount: 5,
    ...overrides,
  }
}

export function opportunity(id: string, overrides: Partial<Opportunity> = {}): Opportunity {
  return {
    id,
    type: 'review',
    effort: 'low',
    value: 'medium',
    points: 25,
    affinity: [0, 1, 0, 0],
    goalTags: [],
    minTier: null,
    targetSegments: [],
    capacityLeft: null,
    startsAt: null,
    endsAt: null,
    team: 'marketing',
    status: 'open',
    createdAt: daysAgo(30),
    ...overrides,
  }
}

export function contentItem(id: string, overrides: Partial<ContentItem> = {}): ContentItem {
  return { id, kind: 'how_to', affinity: [1, 0, 0, 0], goalTags: [], targetSegments: [], createdAt: daysAgo(30), ...overrides }
}

/** Five gives of alternating kinds, enough to carry a couple of asks under the rule of thirds. */
export function someContent(count = 6): ContentItem[] {
  return Array.from({ length: count }, (_, i) =>
    contentItem(`content-${i}`, { kind: CONTENT_KINDS[i % CONTENT_KINDS.length], createdAt: daysAgo(20 + i) }),
  )
}
