/**
 * The prepared catalogue and the bounded selection (ADR 011's plan, done in ADR 015): ranking
 * from arrays parsed once, and taking only the prefix a page needs, must give exactly the feed a
 * plain full ranking gives.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { feedInputArb, NOW_MS } from './matching.arbitraries.ts'
import { BestFirst, takeBest } from './matching/compose.ts'
import { goalFitOf, goalMaskOf } from './matching/fit.ts'
import {
  CONTENT_KINDS,
  DEFAULT_FEED_SETTINGS,
  prepareCatalogue,
  rankFeed,
  rankFeedAll,
  type ContentItem,
  type FeedItem,
  type RankFeedInput,
} from './matching.ts'

const RUNS = { numRuns: 300 }

function allPages(input: Omit<RankFeedInput, 'cursor'>, maxPages = Infinity): FeedItem[][] {
  const pages: FeedItem[][] = []
  let cursor: string | null = null
  do {
    const page = rankFeed({ ...input, cursor })
    pages.push(page.items)
    cursor = page.nextCursor
    if (pages.length > 500) throw new Error('pagination did not terminate')
  } while (cursor && pages.length < maxPages)
  return pages
}

describe('bounded selection', () => {
  test('takeBest and BestFirst hand out exactly the sorted prefix', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 200 }), fc.nat({ max: 220 }), (values, count) => {
        // Ties broken by index, as the engine breaks them by id: a total order.
        const compare = (a: number, b: number) => values[b] - values[a] || a - b
        const indices = values.map((_, i) => i)
        const sorted = [...indices].sort(compare)
        expect(takeBest([...indices], compare, count)).toEqual(sorted.slice(0, count))
        const heap = new BestFirst([...indices], compare)
        const taken: number[] = []
        for (let index = heap.take(); index >= 0; index = heap.take()) taken.push(index)
        expect(taken).toEqual(sorted)
      }),
      RUNS,
    )
  })
})

describe('prepared catalogue', () => {
  test('ranking with a catalogue prepared once gives the same pages as preparing per call', () => {
    fc.assert(
      fc.property(feedInputArb, (input) => {
        const catalogue = prepareCatalogue(input.opportunities, input.content)
        expect(allPages({ ...input, catalogue })).toEqual(allPages(input))
        // Reused across calls, as the feed function's cache reuses it.
        expect(allPages({ ...input, catalogue })).toEqual(allPages(input))
      }),
      { numRuns: 100 },
    )
  })

  test('a catalogue prepared from other rows is refused, not silently used', () => {
    fc.assert(
      fc.property(feedInputArb, (input) => {
        const catalogue = prepareCatalogue([...input.opportunities], input.content)
        expect(() => rankFeed({ ...input, catalogue })).toThrow(RangeError)
      }),
      { numRuns: 20 },
    )
  })

  test('at scale, the first pages of a small page size equal the full ranking cut into pages', () => {
    // 3,000 gives of five kinds: these pages take the heap path, not the sort, for every kind.
    const iso = (ms: number) => new Date(ms).toISOString()
    const content: ContentItem[] = Array.from({ length: 3_000 }, (_, i) => ({
      id: `give-${String(i).padStart(5, '0')}`,
      kind: CONTENT_KINDS[(i * 7) % CONTENT_KINDS.length],
      affinity: [((i * 13) % 10) / 10, ((i * 17) % 10) / 10, ((i * 19) % 10) / 10, ((i * 23) % 10) / 10],
      goalTags: i % 4 === 0 ? ['learn', 'grow_network'] : [],
      targetSegments: i % 5 === 0 ? ['smb'] : [],
      // Many equal timestamps, so ties fall to the id order.
      createdAt: iso(NOW_MS - (i % 97) * 3_600_000),
    }))
    const input: Omit<RankFeedInput, 'cursor'> = {
      advocate: {
        id: 'advocate-at-scale',
        now: iso(NOW_MS),
        timeZone: 'UTC',
        personalityVector: [0.4, 0.3, 0.2, 0.1],
        goals: ['learn'],
        tier: null,
        segment: 'smb',
        nps: 10,
        npsAt: iso(NOW_MS - 86_400_000),
        healthScore: 90,
        customerSince: iso(NOW_MS - 400 * 86_400_000),
        lastActiveAt: iso(NOW_MS),
        completedAskCount: 0,
      },
      opportunities: [],
      content,
      ledger: [],
      interactions: [],
      settings: { ...DEFAULT_FEED_SETTINGS, pageSize: 7 },
    }
    const whole = rankFeedAll(input)
    expect(whole).toHaveLength(3_000)
    const catalogue = prepareCatalogue(input.opportunities, input.content)
    const pages = allPages({ ...input, catalogue }, 12)
    expect(pages.flat()).toEqual(whole.slice(0, 12 * 7))
    const filtered = allPages({ ...input, catalogue, filter: { type: 'how_to' } }, 12)
    expect(filtered.flat()).toEqual(whole.filter((item) => item.type === 'how_to').slice(0, 12 * 7))
    expect(pages).toHaveLength(12)
  })
})

describe('goal fit', () => {
  test('a goal tag listed twice is one shared goal, not two', () => {
    const advocate = goalMaskOf(['learn'])
    expect(goalFitOf(advocate, ['learn', 'learn'])).toBe(0.5)
    expect(goalFitOf(goalMaskOf(['learn', 'grow_network']), ['learn', 'grow_network'])).toBe(1)
    expect(goalFitOf(advocate, [])).toBe(0)
  })
})
