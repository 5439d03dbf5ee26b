/**
 * The feed's filters and `explainItem` as properties over the same random inputs as
 * `matching.properties.test.ts` (ADR 006 "Filters", "Explaining one item"): a filtered feed is
 * the composed order narrowed, paged without drops or repeats, and its cursors don't cross
 * filters; an explanation agrees with what the ranking does with the item.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { feedInputArb } from './matching.arbitraries.ts'
import {
  CONTENT_KINDS,
  explainItem,
  FeedCursorError,
  OPPORTUNITY_TYPES,
  rankFeed,
  rankFeedAll,
  type ContentItem,
  type FeedFilter,
  type FeedItem,
  type RankFeedInput,
} from './matching.ts'

const RUNS = { numRuns: 300 }
type Input = Required<Omit<RankFeedInput, 'cursor' | 'filter' | 'catalogue'>>

/** Often a type that is in the catalogue (opportunity types are drawn mostly from two), sometimes one that contradicts the kind. */
const filterArb: fc.Arbitrary<FeedFilter> = fc.record(
  {
    kind: fc.constantFrom('ask' as const, 'content' as const),
    type: fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom('review' as const, 'reference_call' as const, 'how_to' as const) },
      fc.constantFrom(...OPPORTUNITY_TYPES, ...CONTENT_KINDS),
    ),
  },
  { requiredKeys: [] },
)

/**
 * Half the time with room for many asks and small pages, so that "asks only" spans pages too
 * (with the default caps the whole feed holds two asks).
 */
const inputArb = fc.oneof(
  feedInputArb,
  feedInputArb.map((input) => ({
    ...input,
    settings: {
      ...input.settings,
      maxOpenAsks: 30,
      maxAcceptedAsks: 30,
      typeCooldowns: {},
      mediumEffortUnlockCompletedAsks: 0,
      highEffortUnlockCompletedAsks: 0,
      pageSize: 1 + (input.settings.pageSize % 3),
    },
  })),
)

const matches = (filter: FeedFilter) => (item: FeedItem) =>
  (filter.kind === undefined || item.kind === filter.kind) && (filter.type === undefined || item.type === filter.type)
const sameFilter = (a: FeedFilter, b: FeedFilter) => (a.kind ?? '*') === (b.kind ?? '*') && (a.type ?? '*') === (b.type ?? '*')

function allPages(input: RankFeedInput): FeedItem[][] {
  const pages: FeedItem[][] = []
  let cursor: string | null = null
  do {
    const page = rankFeed({ ...input, cursor })
    pages.push(page.items)
    cursor = page.nextCursor
    if (pages.length > 200) throw new Error('pagination did not terminate')
  } while (cursor)
  return pages
}

function cursorError(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    if (error instanceof FeedCursorError) return error.code
    throw error
  }
  return 'accepted'
}

describe('feed filters', () => {
  test('a filtered feed is the composed order narrowed to the filter, order kept', () => {
    fc.assert(
      fc.property(inputArb, filterArb, (input, filter) => {
        expect(rankFeedAll({ ...input, filter })).toEqual(rankFeedAll(input).filter(matches(filter)))
      }),
      RUNS,
    )
  })

  test('filtered pages neither drop nor repeat items and equal the filtered rankFeedAll', () => {
    fc.assert(
      fc.property(inputArb, filterArb, (input, filter) => {
        const pages = allPages({ ...input, filter })
        const flat = pages.flat()
        expect(flat).toEqual(rankFeedAll({ ...input, filter }))
        expect(new Set(flat.map((item) => `${item.kind}:${item.id}`)).size).toBe(flat.length)
        for (const page of pages.slice(0, -1)) expect(page.length).toBe(input.settings.pageSize)
      }),
      RUNS,
    )
  })

  test('a cursor from another filter, or from the unfiltered feed, is stale', () => {
    fc.assert(
      fc.property(inputArb, filterArb, filterArb, (input, from, to) => {
        const first = rankFeed({ ...input, filter: from })
        if (!first.nextCursor) return
        const code = cursorError(() => rankFeed({ ...input, filter: to, cursor: first.nextCursor }))
        expect(code).toBe(sameFilter(from, to) ? 'accepted' : 'stale')
        const unfiltered = rankFeed(input)
        if (unfiltered.nextCursor && !sameFilter(to, {})) {
          expect(cursorError(() => rankFeed({ ...input, filter: to, cursor: unfiltered.nextCursor }))).toBe('stale')
        }
      }),
      RUNS,
    )
  })

  test('an empty filter is no filter, cursors included', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(rankFeed({ ...input, filter: {} })).toEqual(rankFeed(input))
      }),
      RUNS,
    )
  })
})

/** The feed with only this ask and one fresh give to carry it: would the engine place it at all? */
function rankedAlone(input: Input, opportunityId: string): boolean {
  const carrier: ContentItem = {
    id: 'carrier-give',
    kind: 'how_to',
    affinity: [0, 0, 0, 0],
    goalTags: [],
    targetSegments: [],
    createdAt: input.advocate.now,
  }
  const feed = rankFeedAll({
    ...input,
    settings: { ...input.settings, pageSize: Math.max(2, input.settings.pageSize) },
    opportunities: input.opportunities.filter((o) => o.id === opportunityId),
    content: [carrier],
  })
  return feed.some((item) => item.kind === 'ask' && item.id === opportunityId)
}

describe('explainItem agrees with the ranking', () => {
  test('every item in the feed is offerable, hidden by nothing, and explained with the feed’s own score and reasons', () => {
    fc.assert(
      fc.property(feedInputArb, (input) => {
        for (const item of rankFeedAll(input)) {
          const explained = explainItem(input, { kind: item.kind, id: item.id })
          expect(explained).toMatchObject({ offerable: true, blockedBy: [], hiddenBecause: [] })
          expect(explained.item).toEqual(item)
        }
      }),
      RUNS,
    )
  })

  test('an ask is ranked (alone, with a give to carry it) exactly when nothing blocks or hides it', () => {
    fc.assert(
      fc.property(feedInputArb, (input) => {
        for (const opportunity of input.opportunities) {
          const explained = explainItem(input, { kind: 'ask', id: opportunity.id })
          expect(explained.item?.reasons.length).toBeGreaterThan(0)
          expect(rankedAlone(input, opportunity.id), JSON.stringify(explained)).toBe(
            explained.offerable && explained.hiddenBecause.length === 0,
          )
        }
      }),
      RUNS,
    )
  })

  test('a give is in the feed exactly when it is offerable and not hidden', () => {
    fc.assert(
      fc.property(feedInputArb, (input) => {
        const served = new Set(
          rankFeedAll(input)
            .filter((item) => item.kind === 'content')
            .map((item) => item.id),
        )
        for (const item of input.content) {
          const explained = explainItem(input, { kind: 'content', id: item.id })
          expect(served.has(item.id)).toBe(explained.offerable && explained.hiddenBecause.length === 0)
        }
      }),
      RUNS,
    )
  })

  test('the eligibility verdict is the same whichever item is explained', () => {
    fc.assert(
      fc.property(feedInputArb, (input) => {
        const keys = [
          ...input.opportunities.map((o) => ({ kind: 'ask' as const, id: o.id })),
          ...input.content.map((c) => ({ kind: 'content' as const, id: c.id })),
        ]
        const verdicts = new Set(keys.map((key) => JSON.stringify(explainItem(input, key).eligibility)))
        expect(verdicts.size).toBeLessThanOrEqual(1)
      }),
      RUNS,
    )
  })
})
