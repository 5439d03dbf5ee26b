/**
 * The personalised feed's matching engine (docs/decisions/005-matching-engine.md): who may be
 * asked, what they see, in which order, and why. Pure and deterministic: no clock, no I/O, no
 * randomness, no runtime-specific API, so the `feed` edge function (Deno), loaders and vitest
 * (Node) all run the same code. The pieces live in `./matching/`; this file is the entry.
 *
 * Pipeline: eligibility gate → ask history (caps, cooldowns, declines, snoozes) → hard filters
 * and scores per candidate → pick asks within headroom → interleave with gives → the advocate's
 * filter, if any → one page. `explainItem` answers the same rules for one item ("why am I
 * seeing this", "why can't I accept it"), in `./matching/explain.ts`.
 */
import { interleave, rankContent, selectAsks, decodeContent } from './matching/compose.ts'
import { decodeCursor, encodeCursor, Fingerprint, FeedCursorError } from './matching/cursor.ts'
import { evaluateEligibilityAt } from './matching/eligibility.ts'
import { readAskHistory } from './matching/fatigue.ts'
import { inSegment, isOfferable, readAdvocateFit, scoreContent, scoreOpportunity, type AdvocateFit } from './matching/fit.ts'
import { contentReasons, opportunityReasons } from './matching/reasons.ts'
import { DEFAULT_FEED_SETTINGS, type FeedSettings } from './matching/settings.ts'
import { MINUTE_MS, parseTime } from './matching/time.ts'
import type { AdvocateContext, AskLedgerEntry, ContentItem, ContentKind, FeedItem, Interaction, Opportunity, OpportunityType } from './matching/types.ts'

export * from './matching/types.ts'
export { DEFAULT_FEED_SETTINGS, withFeedSettings, type FeedSettings, type ScoreWeights, type TypeCooldown } from './matching/settings.ts'
export { evaluateEligibility, ELIGIBILITY_REASONS, type EligibilityReason, type EligibilityResult } from './matching/eligibility.ts'
export { evaluateAskFatigue, FATIGUE_REASONS, type AskFatigueResult, type FatigueReason } from './matching/fatigue.ts'
export { CURSOR_VERSION, FeedCursorError, type FeedCursorErrorCode } from './matching/cursor.ts'
export { explainItem, ASK_BLOCKERS, HIDDEN_REASONS, type AskBlocker, type ExplainInput, type HiddenReason, type ItemExplanation, type ItemKey } from './matching/explain.ts'

/**
 * The advocate's own narrowing of the feed (ADR 006 "Filters"): applied to the composed order,
 * after the rule of thirds, so an "asks only" view has no thirds to keep. Both fields optional;
 * `{}` is no filter.
 */
export interface FeedFilter {
  kind?: 'ask' | 'content'
  /** An opportunity type or a content kind (they never share a name). */
  type?: OpportunityType | ContentKind
}

export interface RankFeedInput {
  advocate: AdvocateContext
  opportunities: readonly Opportunity[]
  content: readonly ContentItem[]
  /** Every ask made of this advocate by any team (only the last ~90 days matter with the defaults). */
  ledger: readonly AskLedgerEntry[]
  /** This advocate's interactions (only the last `declinedHiddenDays` and open snoozes matter). */
  interactions: readonly Interaction[]
  settings?: FeedSettings
  /** The previous page's `nextCursor`; absent for the first page. */
  cursor?: string | null
  /** Pages go over the filtered order; the filter is part of the cursor's fingerprint. */
  filter?: FeedFilter | null
}

export interface FeedPage {
  items: FeedItem[]
  /** Null on the last page. */
  nextCursor: string | null
}

/** A cursor may come from another edge instance whose clock is slightly ahead. */
const CLOCK_SKEW_MS = MINUTE_MS

/** One page of the advocate's feed. Throws `FeedCursorError` for a cursor it can't honour exactly. */
export function rankFeed(input: RankFeedInput): FeedPage {
  const settings = input.settings ?? DEFAULT_FEED_SETTINGS
  assertSettings(settings)
  const requestNow = parseTime(input.advocate.now)
  let snapshot = requestNow
  let offset = 0
  let expectedFingerprint: string | null = null
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor)
    if (cursor.snapshot > requestNow + CLOCK_SKEW_MS) throw new FeedCursorError('malformed', 'cursor is from the future')
    if (requestNow - cursor.snapshot > settings.cursorMaxAgeMinutes * MINUTE_MS) {
      throw new FeedCursorError('expired', 'the feed has moved on; reload it')
    }
    snapshot = cursor.snapshot
    offset = cursor.offset
    expectedFingerprint = cursor.fingerprint
  }

  const ranking = rank(input, settings, snapshot)
  const order = applyFilter(ranking.feed, input, input.filter)
  if (expectedFingerprint !== null) {
    if (offset > order.length || fingerprint(order, input, settings, ranking.now, offset) !== expectedFingerprint) {
      throw new FeedCursorError('stale', 'the feed changed since the last page; reload it')
    }
  }
  const end = Math.min(order.length, offset + settings.pageSize)
  const items: FeedItem[] = []
  for (let position = offset; position < end; position++) items.push(toFeedItem(ranking, input, order[position]))
  const nextCursor =
    end < order.length ? encodeCursor({ snapshot, offset: end, fingerprint: fingerprint(order, input, settings, ranking.now, end) }) : null
  return { items, nextCursor }
}

/** The whole ranking in one list: exactly the concatenation of every page (admin preview, tests). */
export function rankFeedAll(input: Omit<RankFeedInput, 'cursor'>): FeedItem[] {
  const settings = input.settings ?? DEFAULT_FEED_SETTINGS
  assertSettings(settings)
  const ranking = rank(input, settings, parseTime(input.advocate.now))
  return applyFilter(ranking.feed, input, input.filter).map((entry) => toFeedItem(ranking, input, entry))
}

const isActive = (filter: FeedFilter | null | undefined): filter is FeedFilter =>
  !!filter && (filter.kind !== undefined || filter.type !== undefined)

/** The composed order narrowed to the filter (the same array when there is none). */
function applyFilter(feed: number[], input: Omit<RankFeedInput, 'cursor'>, filter: FeedFilter | null | undefined): number[] {
  if (!isActive(filter)) return feed
  const { kind, type } = filter
  return feed.filter((entry) => {
    if (entry >= 0) return kind !== 'content' && (type === undefined || input.opportunities[entry].type === type)
    return kind !== 'ask' && (type === undefined || input.content[decodeContent(entry)].kind === type)
  })
}

interface Ranking {
  fit: AdvocateFit
  now: number
  /** Ask index (≥ 0) or encoded content index (< 0), in feed order. */
  feed: number[]
  askScores: Float64Array
  askCreatedAt: Float64Array
  contentScores: Float64Array
  contentCreatedAt: Float64Array
}

function rank(input: Omit<RankFeedInput, 'cursor'>, settings: FeedSettings, now: number): Ranking {
  const { advocate, opportunities, content } = input
  const fit = readAdvocateFit(advocate)
  const history = readAskHistory(input.ledger, input.interactions, settings, now, advocate.timeZone)
  // Eligibility includes the detractor rule, which no threshold setting can relax.
  const canAsk = history.askHeadroom > 0 && evaluateEligibilityAt(advocate, settings, now).eligible

  const askScores = new Float64Array(opportunities.length)
  const askCreatedAt = new Float64Array(opportunities.length)
  const askCandidates: number[] = []
  if (canAsk) {
    for (let i = 0; i < opportunities.length; i++) {
      const opportunity = opportunities[i]
      if (history.hiddenAsks.has(opportunity.id) || history.typeHeadroom.get(opportunity.type) === 0) continue
      const createdAt = parseTime(opportunity.createdAt)
      if (!isOfferable(opportunity, createdAt, fit, settings, now)) continue
      askCreatedAt[i] = createdAt
      askScores[i] = scoreOpportunity(opportunity, createdAt, fit, settings, now)
      askCandidates.push(i)
    }
  }

  const contentScores = new Float64Array(content.length)
  const contentCreatedAt = new Float64Array(content.length)
  const contentCandidates: number[] = []
  for (let i = 0; i < content.length; i++) {
    const item = content[i]
    if (history.hiddenContent.has(item.id) || !inSegment(fit.segment, item.targetSegments)) continue
    const createdAt = parseTime(item.createdAt)
    if (createdAt > now) continue
    contentCreatedAt[i] = createdAt
    contentScores[i] = scoreContent(item, createdAt, fit, settings, now)
    contentCandidates.push(i)
  }

  const newcomer = fit.completedAskCount < settings.lowBarrierCompletedAsks
  const asks = selectAsks(askCandidates, askScores, opportunities, newcomer, history)
  const feed = interleave(asks, rankContent(contentCandidates, contentScores, content), newcomer, settings)
  return { fit, now, feed, askScores, askCreatedAt, contentScores, contentCreatedAt }
}

function toFeedItem(ranking: Ranking, input: Omit<RankFeedInput, 'cursor'>, entry: number): FeedItem {
  if (entry >= 0) {
    const opportunity = input.opportunities[entry]
    const reasons = opportunityReasons(opportunity, ranking.fit, ranking.askCreatedAt[entry], ranking.now)
    return { kind: 'ask', id: opportunity.id, type: opportunity.type, score: ranking.askScores[entry], reasons }
  }
  const index = decodeContent(entry)
  const item = input.content[index]
  const reasons = contentReasons(item, ranking.fit, ranking.contentCreatedAt[index], ranking.now)
  return { kind: 'content', id: item.id, type: item.kind, score: ranking.contentScores[index], reasons }
}

/**
 * The hash of everything served before `end` in `order` (see matching/cursor.ts). An active
 * filter joins the seed, so a cursor from another filter (or none) is `stale`; an unfiltered
 * feed keeps the seed it always had.
 */
function fingerprint(order: number[], input: Omit<RankFeedInput, 'cursor'>, settings: FeedSettings, now: number, end: number): string {
  const filter = input.filter
  const seed = `${input.advocate.id}|${settings.pageSize}|${now}`
  const hash = new Fingerprint(isActive(filter) ? `${seed}|${filter.kind ?? '*'}|${filter.type ?? '*'}` : seed)
  for (let position = 0; position < end; position++) {
    const entry = order[position]
    if (entry >= 0) {
      hash.add('a')
      hash.add(input.opportunities[entry].id)
    } else {
      hash.add('c')
      hash.add(input.content[decodeContent(entry)].id)
    }
  }
  return hash.digest()
}

function assertSettings(settings: FeedSettings): void {
  if (!Number.isInteger(settings.pageSize) || settings.pageSize < 1) throw new RangeError('pageSize must be a positive integer')
  if (!(settings.freshnessHalfLifeDays > 0)) throw new RangeError('freshnessHalfLifeDays must be positive')
}
