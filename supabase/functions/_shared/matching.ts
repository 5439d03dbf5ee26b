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
import { markHidden, prepareCatalogue, TYPE_INDEX, visibleTo, type PreparedCatalogue } from './matching/catalogue.ts'
import { decodeContent, interleave, rankContent, selectAsks } from './matching/compose.ts'
import { decodeCursor, encodeCursor, Fingerprint, FeedCursorError } from './matching/cursor.ts'
import { evaluateEligibilityAt } from './matching/eligibility.ts'
import { readAskHistory } from './matching/fatigue.ts'
import {
  affinityAt,
  contentScore,
  goalFitOfMasks,
  isOfferable,
  opportunityScore,
  readAdvocateFit,
  type AdvocateFit,
} from './matching/fit.ts'
import { contentReasons, opportunityReasons } from './matching/reasons.ts'
import { DEFAULT_FEED_SETTINGS, type FeedSettings } from './matching/settings.ts'
import { MINUTE_MS, parseTime } from './matching/time.ts'
import {
  CONTENT_KINDS,
  type AdvocateContext,
  type AskLedgerEntry,
  type ContentItem,
  type ContentKind,
  type FeedItem,
  type Interaction,
  type Opportunity,
  type OpportunityType,
} from './matching/types.ts'

export * from './matching/types.ts'
export { prepareCatalogue, type PreparedCatalogue } from './matching/catalogue.ts'
export { DEFAULT_FEED_SETTINGS, withFeedSettings, type FeedSettings, type TypeCooldown } from './matching/settings.ts'
export { evaluateEligibility, type EligibilityReason } from './matching/eligibility.ts'
export { evaluateAskFatigue } from './matching/fatigue.ts'
export { FeedCursorError, type FeedCursorErrorCode } from './matching/cursor.ts'
export { explainItem, ASK_BLOCKERS, type AskBlocker, type ExplainInput, type HiddenReason, type ItemKey } from './matching/explain.ts'

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
  /**
   * `prepareCatalogue(opportunities, content)`, when the caller keeps one per catalogue (the
   * `feed` function's cache does); prepared per call otherwise. Same result either way.
   */
  catalogue?: PreparedCatalogue
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

  // One position past the page says whether another page follows.
  const { ranking, order } = rankPrefix(input, settings, snapshot, offset + settings.pageSize + 1)
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
  const { ranking, order } = rankPrefix(input, settings, parseTime(input.advocate.now), Infinity)
  return order.map((entry) => toFeedItem(ranking, input, entry))
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
  catalogue: PreparedCatalogue
  /** Ask index (≥ 0) or encoded content index (< 0), in feed order: the first `limit` positions. */
  feed: number[]
  /** Whether `feed` is the whole composed order (false: cut at `limit`). */
  complete: boolean
  askScores: Float64Array
  contentScores: Float64Array
}

/**
 * The first `needed` positions of the (filtered) feed, or all of it when shorter. A filter can
 * leave a page's items far down the composed order, so an unfinished prefix is extended (×4
 * each time) until the filter has kept enough or the order is whole.
 */
function rankPrefix(
  input: Omit<RankFeedInput, 'cursor'>,
  settings: FeedSettings,
  now: number,
  needed: number,
): { ranking: Ranking; order: number[] } {
  const catalogue = input.catalogue ?? prepareCatalogue(input.opportunities, input.content)
  if (catalogue.opportunities !== input.opportunities || catalogue.content !== input.content) {
    throw new RangeError('the prepared catalogue was prepared from other rows')
  }
  for (let limit = needed; ; limit *= 4) {
    const ranking = rank(input, catalogue, settings, now, limit)
    const order = applyFilter(ranking.feed, input, input.filter)
    if (order.length >= needed || ranking.complete) return { ranking, order }
  }
}

function rank(
  input: Omit<RankFeedInput, 'cursor'>,
  catalogue: PreparedCatalogue,
  settings: FeedSettings,
  now: number,
  limit: number,
): Ranking {
  const { advocate, opportunities, content } = input
  const fit = readAdvocateFit(advocate)
  const history = readAskHistory(input.ledger, input.interactions, settings, now, advocate.timeZone)
  // Eligibility includes the detractor rule, which no threshold setting can relax.
  const canAsk = history.askHeadroom > 0 && evaluateEligibilityAt(advocate, settings, now).eligible

  // Only the items the advocate's segment may see are walked (ADR 011's plan, step 3), and per
  // item only numbers are read: ids, dates and tags were turned into indices once per catalogue.
  const askScores = new Float64Array(opportunities.length)
  const askCandidates: number[] = []
  if (canAsk) {
    const hiddenAsks = markHidden(catalogue.askIndexById, opportunities.length, history.hiddenAsks)
    const typeAtCap = new Uint8Array(TYPE_INDEX.size)
    for (const [type, left] of history.typeHeadroom) if (left === 0) typeAtCap[TYPE_INDEX.get(type)!] = 1
    for (const indices of visibleTo(catalogue.asks, fit.segment)) {
      for (const i of indices) {
        if (hiddenAsks[i] || typeAtCap[catalogue.askTypeIndex[i]]) continue
        if (!isOfferable(catalogue, i, fit, settings, now)) continue
        const affinity = affinityAt(fit.vector, catalogue.askAffinity, i)
        const goalFit = goalFitOfMasks(fit.goalMask, catalogue.askGoalMask[i])
        const { askCreatedAt, askPoints, askValueScore } = catalogue
        askScores[i] = opportunityScore(affinity, goalFit, askCreatedAt[i], askPoints[i], askValueScore[i], fit, settings, now)
        askCandidates.push(i)
      }
    }
  }

  const contentScores = new Float64Array(content.length)
  const contentByKind: number[][] = CONTENT_KINDS.map(() => [])
  const hiddenContent = markHidden(catalogue.contentIndexById, content.length, history.hiddenContent)
  let contentCandidates = 0
  for (const indices of visibleTo(catalogue.gives, fit.segment)) {
    for (const i of indices) {
      const createdAt = catalogue.contentCreatedAt[i]
      if (createdAt > now || hiddenContent[i]) continue
      const affinity = affinityAt(fit.vector, catalogue.contentAffinity, i)
      const goalFit = goalFitOfMasks(fit.goalMask, catalogue.contentGoalMask[i])
      contentScores[i] = contentScore(affinity, goalFit, createdAt, settings, now)
      contentByKind[catalogue.contentKindIndex[i]].push(i)
      contentCandidates += 1
    }
  }

  const newcomer = fit.completedAskCount < settings.lowBarrierCompletedAsks
  const asks = selectAsks(askCandidates, askScores, opportunities, newcomer, history)
  const feed = interleave(asks, rankContent(contentByKind, contentScores, content, limit), newcomer, settings, limit)
  // Cut short only if it stopped at the limit with items left to place.
  const complete = feed.length < limit || feed.length === asks.length + contentCandidates
  return { fit, now, catalogue, feed, complete, askScores, contentScores }
}

function toFeedItem(ranking: Ranking, input: Omit<RankFeedInput, 'cursor'>, entry: number): FeedItem {
  if (entry >= 0) {
    const opportunity = input.opportunities[entry]
    const reasons = opportunityReasons(opportunity, ranking.fit, ranking.catalogue.askCreatedAt[entry], ranking.now)
    return { kind: 'ask', id: opportunity.id, type: opportunity.type, score: ranking.askScores[entry], reasons }
  }
  const index = decodeContent(entry)
  const item = input.content[index]
  const reasons = contentReasons(item, ranking.fit, ranking.catalogue.contentCreatedAt[index], ranking.now)
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
