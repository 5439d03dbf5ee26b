/**
 * The catalogue in the form the ranking reads (ADR 011's plan, steps 1 and 3): every timestamp
 * parsed once, and the items grouped by the segment they target, so one advocate's ranking only
 * walks the items their segment can be shown. The `feed` function prepares it once per
 * catalogue version and keeps it in its cache beside the rows; a caller without one (tests,
 * explanations, the admin path) gets it prepared per call, with the same result.
 */
import { parseTime } from './time.ts'
import { goalMaskOf, valueScoreOf } from './fit.ts'
import { CONTENT_KINDS, EFFORTS, OPPORTUNITY_TYPES, TIERS, type ContentItem, type Opportunity, type PersonalityWeights } from './types.ts'

export interface PreparedCatalogue {
  /** The arrays this was prepared from: rankFeed refuses a catalogue prepared from other rows. */
  readonly opportunities: readonly Opportunity[]
  readonly content: readonly ContentItem[]
  /** Per opportunity index: epoch ms; startsAt −∞ and endsAt +∞ when unset. */
  readonly askCreatedAt: Float64Array
  readonly askStartsAt: Float64Array
  readonly askEndsAt: Float64Array
  /** Per opportunity index: the tier rank required, −1 for none. */
  readonly askMinTierRank: Int8Array
  /** Per opportunity index: 1 when no place is left. */
  readonly askFull: Uint8Array
  /** Per opportunity index: 0 low, 1 medium, 2 high (fit.ts MEDIUM_EFFORT, HIGH_EFFORT). */
  readonly askEffort: Int8Array
  readonly askPoints: Float64Array
  readonly askValueScore: Float64Array
  /** Per item index: its goal tags as a mask (`goalMaskOf`), its type or kind as an index. */
  readonly askGoalMask: Int32Array
  readonly askTypeIndex: Int8Array
  /** Personality weights, four per item, contiguous: the ranking's hot loop reads no objects. */
  readonly askAffinity: Float64Array
  readonly contentCreatedAt: Float64Array
  readonly contentGoalMask: Int32Array
  readonly contentKindIndex: Int8Array
  readonly contentAffinity: Float64Array
  /** Item index by id, to turn the advocate's hidden ids into marks. */
  readonly askIndexById: ReadonlyMap<string, number>
  readonly contentIndexById: ReadonlyMap<string, number>
  /** Open asks for everyone, and per targeted segment. */
  readonly asks: SegmentIndex
  /** Every give for everyone, and per targeted segment. */
  readonly gives: SegmentIndex
}

/** Indices of items any segment may see (`everyone`) and of items targeting one segment. */
export interface SegmentIndex {
  readonly everyone: Int32Array
  readonly bySegment: ReadonlyMap<string, Int32Array>
}

const TIER_RANK = new Map<string, number>(TIERS.map((tier, i) => [tier, i]))
export const TYPE_INDEX = new Map<string, number>(OPPORTUNITY_TYPES.map((type, i) => [type, i]))
export const KIND_INDEX = new Map<string, number>(CONTENT_KINDS.map((kind, i) => [kind, i]))

export function prepareCatalogue(opportunities: readonly Opportunity[], content: readonly ContentItem[]): PreparedCatalogue {
  const askCreatedAt = new Float64Array(opportunities.length)
  const askStartsAt = new Float64Array(opportunities.length)
  const askEndsAt = new Float64Array(opportunities.length)
  const askMinTierRank = new Int8Array(opportunities.length)
  const askGoalMask = new Int32Array(opportunities.length)
  const askTypeIndex = new Int8Array(opportunities.length)
  const askFull = new Uint8Array(opportunities.length)
  const askEffort = new Int8Array(opportunities.length)
  const askPoints = new Float64Array(opportunities.length)
  const askValueScore = new Float64Array(opportunities.length)
  const askAffinity = new Float64Array(4 * opportunities.length)
  const askIndexById = new Map<string, number>()
  for (let i = 0; i < opportunities.length; i++) {
    const opportunity = opportunities[i]
    askIndexById.set(opportunity.id, i)
    askFull[i] = opportunity.capacityLeft !== null && opportunity.capacityLeft <= 0 ? 1 : 0
    askEffort[i] = EFFORTS.indexOf(opportunity.effort)
    askPoints[i] = opportunity.points
    askValueScore[i] = valueScoreOf(opportunity.value)
    setWeights(askAffinity, i, opportunity.affinity)
    askGoalMask[i] = goalMaskOf(opportunity.goalTags)
    askTypeIndex[i] = TYPE_INDEX.get(opportunity.type)!
    askCreatedAt[i] = parseTime(opportunity.createdAt)
    askStartsAt[i] = opportunity.startsAt === null ? -Infinity : parseTime(opportunity.startsAt)
    askEndsAt[i] = opportunity.endsAt === null ? Infinity : parseTime(opportunity.endsAt)
    askMinTierRank[i] = opportunity.minTier === null ? -1 : TIER_RANK.get(opportunity.minTier)!
  }
  const contentCreatedAt = new Float64Array(content.length)
  const contentGoalMask = new Int32Array(content.length)
  const contentKindIndex = new Int8Array(content.length)
  const contentAffinity = new Float64Array(4 * content.length)
  const contentIndexById = new Map<string, number>()
  for (let i = 0; i < content.length; i++) {
    const item = content[i]
    contentIndexById.set(item.id, i)
    contentCreatedAt[i] = parseTime(item.createdAt)
    contentGoalMask[i] = goalMaskOf(item.goalTags)
    contentKindIndex[i] = KIND_INDEX.get(item.kind)!
    setWeights(contentAffinity, i, item.affinity)
  }

  return {
    opportunities,
    content,
    askCreatedAt,
    askStartsAt,
    askEndsAt,
    askMinTierRank,
    askFull,
    askEffort,
    askPoints,
    askValueScore,
    askGoalMask,
    askTypeIndex,
    askAffinity,
    contentCreatedAt,
    contentGoalMask,
    contentKindIndex,
    contentAffinity,
    askIndexById,
    contentIndexById,
    // Only open asks can be offered; the rest (admins' previews aside) never reach a ranking.
    asks: indexBySegment(opportunities, (opportunity) => opportunity.status === 'open'),
    gives: indexBySegment(content, () => true),
  }
}

function setWeights(flat: Float64Array, index: number, weights: PersonalityWeights): void {
  flat.set(weights, 4 * index)
}

function indexBySegment<T extends { targetSegments: readonly string[] }>(items: readonly T[], keep: (item: T) => boolean): SegmentIndex {
  const everyone: number[] = []
  const bySegment = new Map<string, number[]>()
  for (let i = 0; i < items.length; i++) {
    const item = items[i]
    if (!keep(item)) continue
    if (item.targetSegments.length === 0) {
      everyone.push(i)
      continue
    }
    // A segment listed twice must not make the item a candidate twice.
    for (const segment of new Set(item.targetSegments)) {
      const list = bySegment.get(segment)
      if (list) list.push(i)
      else bySegment.set(segment, [i])
    }
  }
  return {
    everyone: Int32Array.from(everyone),
    bySegment: new Map([...bySegment].map(([segment, list]) => [segment, Int32Array.from(list)])),
  }
}

/** The item indices one segment may see: everyone's, then the segment's own (null: everyone's only). */
export function visibleTo(index: SegmentIndex, segment: string | null): Int32Array[] {
  const own = segment === null ? undefined : index.bySegment.get(segment)
  return own ? [index.everyone, own] : [index.everyone]
}

/** Marks, by item index, the ids in `hidden` that the catalogue holds (one lookup per hidden id, not per item). */
export function markHidden(indexById: ReadonlyMap<string, number>, size: number, hidden: ReadonlySet<string>): Uint8Array {
  const marks = new Uint8Array(size)
  for (const id of hidden) {
    const index = indexById.get(id)
    if (index !== undefined) marks[index] = 1
  }
  return marks
}
