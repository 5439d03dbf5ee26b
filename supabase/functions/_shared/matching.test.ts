/**
 * The matching engine by example: each test is one rule from ADR 005 in a situation a program
 * manager would recognise. The properties in `matching.properties.test.ts` check the same rules
 * over random inputs.
 */
import { describe, expect, test } from 'vitest'
import { advocate, contentItem, daysAgo, NOW, NOW_MS, opportunity, someContent } from './matching.arbitraries.ts'
import {
  DEFAULT_FEED_SETTINGS,
  evaluateAskFatigue,
  evaluateEligibility,
  FeedCursorError,
  rankFeed,
  rankFeedAll,
  withFeedSettings,
  type AskLedgerEntry,
  type RankFeedInput,
} from './matching.ts'

function feed(overrides: Partial<RankFeedInput> = {}) {
  return rankFeedAll({ advocate: advocate(), opportunities: [], content: someContent(), ledger: [], interactions: [], ...overrides })
}
const askIds = (items: ReturnType<typeof feed>) => items.filter((item) => item.kind === 'ask').map((item) => item.id)

function ask(
  type: AskLedgerEntry['type'],
  team: string,
  state: AskLedgerEntry['state'],
  askedDaysAgo: number,
  opportunityId: string | null = null,
): AskLedgerEntry {
  return {
    opportunityId,
    type,
    team,
    askedAt: daysAgo(askedDaysAgo),
    state,
    decidedAt: state === 'open' ? null : daysAgo(askedDaysAgo - 1),
  }
}

describe('evaluateEligibility', () => {
  test('a healthy, established, active promoter is eligible', () => {
    expect(evaluateEligibility(advocate())).toEqual({ eligible: true, reasons: [] })
  })

  test('says every reason an advocate cannot be asked, for the admin view', () => {
    const result = evaluateEligibility(advocate({ nps: 5, healthScore: 60, customerSince: daysAgo(40), lastActiveAt: daysAgo(45) }))
    expect(result).toEqual({
      eligible: false,
      reasons: ['detractor', 'nps_below_threshold', 'health_below_threshold', 'tenure_under_minimum', 'inactive'],
    })
  })

  test('a passive (NPS 7–8) is below the threshold but not a detractor', () => {
    expect(evaluateEligibility(advocate({ nps: 8 })).reasons).toEqual(['nps_below_threshold'])
  })

  test('unknown signals never pass', () => {
    const result = evaluateEligibility(advocate({ nps: null, npsAt: null, healthScore: null, customerSince: null, lastActiveAt: null }))
    expect(result.reasons).toEqual(['missing_nps', 'missing_health_score', 'missing_customer_since', 'missing_last_active'])
  })

  test('the boundaries are inclusive: NPS 9, health 70, exactly 3 months, active 30 days ago', () => {
    const customerSince = new Date(NOW_MS)
    customerSince.setUTCMonth(customerSince.getUTCMonth() - 3)
    const edge = advocate({ nps: 9, healthScore: 70, customerSince: customerSince.toISOString(), lastActiveAt: daysAgo(30) })
    expect(evaluateEligibility(edge).eligible).toBe(true)
  })

  test('a stale NPS fails only when the program sets a maximum age', () => {
    const old = advocate({ npsAt: daysAgo(400) })
    expect(evaluateEligibility(old).eligible).toBe(true)
    expect(evaluateEligibility(old, withFeedSettings({ npsMaxAgeDays: 365 })).reasons).toEqual(['nps_stale'])
  })
})

describe('rankFeed: who gets asks', () => {
  const review = opportunity('review-1', { estimatedMinutes: 2 })

  test('an ineligible advocate still gets gives, each with a reason, and no asks', () => {
    const items = feed({ advocate: advocate({ lastActiveAt: daysAgo(90) }), opportunities: [review] })
    expect(askIds(items)).toEqual([])
    expect(items).toHaveLength(someContent().length)
    for (const item of items) expect(item.reasons.length).toBeGreaterThan(0)
  })

  test('a detractor is never asked, even if an admin lowers the NPS threshold', () => {
    const settings = withFeedSettings({ minNps: 0 })
    expect(askIds(feed({ advocate: advocate({ nps: 6 }), opportunities: [review], settings }))).toEqual([])
    expect(askIds(feed({ advocate: advocate({ nps: 7 }), opportunities: [review], settings }))).toEqual(['review-1'])
  })
})

describe('rankFeed: ask fatigue, across every team', () => {
  const opportunities = [
    opportunity('ref-1', { type: 'reference_call', effort: 'medium', affinity: [0, 1, 0, 0] }),
    opportunity('review-1', { type: 'review', affinity: [0, 0.5, 0, 0] }),
  ]

  test('two asks already open from sales and product fill the open cap', () => {
    const ledger = [ask('case_study', 'sales', 'open', 3), ask('beta_feedback', 'product', 'accepted', 10)]
    expect(askIds(feed({ opportunities, ledger }))).toEqual([])
    expect(evaluateAskFatigue(ledger, NOW).reasons).toEqual(['open_asks_cap_reached'])
  })

  test('two accepted in the last 30 days fill the accepted cap, even when completed', () => {
    const ledger = [ask('review', 'marketing', 'completed', 5), ask('testimonial', 'sales', 'completed', 20)]
    expect(askIds(feed({ opportunities, ledger }))).toEqual([])
    const older = [ask('review', 'marketing', 'completed', 35), ask('testimonial', 'sales', 'completed', 40)]
    expect(askIds(feed({ opportunities, ledger: older }))).toEqual(['ref-1', 'review-1'])
  })

  test('reference calls: at most 2 per quarter, whichever teams asked', () => {
    const ledger = [ask('reference_call', 'sales', 'completed', 80), ask('reference_call', 'marketing', 'completed', 50)]
    expect(askIds(feed({ opportunities, ledger }))).toEqual(['review-1'])
    expect(evaluateAskFatigue(ledger, NOW).typesAtCap).toEqual(['reference_call'])
    const lastQuarter = [ask('reference_call', 'sales', 'completed', 95), ask('reference_call', 'marketing', 'completed', 50)]
    expect(askIds(feed({ opportunities, ledger: lastQuarter }))).toEqual(['ref-1', 'review-1'])
  })

  test('a type with one ask left in its cooldown gets one ask in the feed, not two', () => {
    const reviews = [opportunity('review-a'), opportunity('review-b'), opportunity('quote-a', { type: 'testimonial' })]
    const settings = withFeedSettings({ typeCooldowns: { review: { maxAsks: 2, windowDays: 90 } } })
    const ledger = [ask('review', 'marketing', 'completed', 60)]
    expect(askIds(feed({ opportunities: reviews, ledger, settings }))).toEqual(['quote-a', 'review-a'])
  })

  test('never offers more asks than the advocate has room for', () => {
    const many = ['a', 'b', 'c', 'd'].map((id) => opportunity(`review-${id}`))
    const ledger = [ask('case_study', 'sales', 'open', 3)]
    expect(askIds(feed({ opportunities: many, content: someContent(12), ledger }))).toHaveLength(1)
  })

  test('a declined ask stays away for 30 days, then may return', () => {
    const declined = (days: number) => [
      { itemKind: 'ask' as const, itemId: 'review-1', kind: 'declined' as const, at: daysAgo(days), declineReason: 'busy' },
    ]
    expect(askIds(feed({ opportunities, interactions: declined(29) }))).toEqual(['ref-1'])
    expect(askIds(feed({ opportunities, interactions: declined(31) }))).toEqual(['ref-1', 'review-1'])
  })

  test("declining a team's direct ask hides that opportunity from the feed too", () => {
    const ledger = [ask('review', 'sales', 'declined', 10, 'review-1')]
    expect(askIds(feed({ opportunities, ledger }))).toEqual(['ref-1'])
    expect(askIds(feed({ opportunities, ledger: [ask('review', 'sales', 'declined', 40, 'review-1')] }))).toEqual(['ref-1', 'review-1'])
  })

  test('a snoozed ask returns on its date', () => {
    const snoozed = (until: string) => [
      { itemKind: 'ask' as const, itemId: 'review-1', kind: 'snoozed' as const, at: daysAgo(5), snoozedUntil: until },
    ]
    expect(askIds(feed({ opportunities, interactions: snoozed(daysAgo(-1)) }))).toEqual(['ref-1'])
    expect(askIds(feed({ opportunities, interactions: snoozed(NOW) }))).toEqual(['ref-1', 'review-1'])
  })

  test('an ask the advocate already accepted is not offered again', () => {
    const ledger = [ask('review', 'marketing', 'completed', 60, 'review-1')]
    expect(askIds(feed({ opportunities, ledger }))).toEqual(['ref-1'])
  })
})

describe('rankFeed: low-barrier start and value first', () => {
  const opportunities = [
    opportunity('speak-1', { type: 'speaking', effort: 'high', affinity: [1, 1, 1, 1], points: 500, value: 'very_high' }),
    opportunity('case-1', { type: 'case_study', effort: 'medium', affinity: [1, 1, 1, 1], points: 250 }),
    opportunity('quote-1', { type: 'testimonial', effort: 'low', affinity: [0, 0.25, 0, 0], estimatedMinutes: 5 }),
  ]

  test("a newcomer's feed starts with a give, then a low-effort ask; bigger asks are still locked", () => {
    const items = feed({ advocate: advocate({ completedAskCount: 0 }), opportunities })
    expect(items[0].kind).toBe('content')
    expect(items[1]).toMatchObject({ kind: 'ask', id: 'quote-1', reasons: expect.arrayContaining(['5-minute task']) })
    expect(askIds(items)).toEqual(['quote-1'])
  })

  test('one completed ask unlocks medium effort, but low effort still comes first', () => {
    const items = feed({ advocate: advocate({ completedAskCount: 1 }), opportunities })
    expect(askIds(items)).toEqual(['quote-1', 'case-1'])
  })

  test('an experienced advocate sees every effort, best fit first', () => {
    const items = feed({ advocate: advocate({ completedAskCount: 5 }), opportunities })
    expect(askIds(items)).toEqual(['speak-1', 'case-1'])
  })

  test('no more than one ask in every three items, and the feed ends when the gives do', () => {
    const many = ['a', 'b', 'c'].map((id) => opportunity(`review-${id}`))
    const settings = withFeedSettings({ maxOpenAsks: 5, maxAcceptedAsks: 5 })
    const items = feed({ advocate: advocate({ completedAskCount: 0 }), opportunities: many, content: someContent(4), settings })
    expect(items.map((item) => item.kind)).toEqual(['content', 'ask', 'content', 'content', 'ask', 'content'])
  })
})

describe('rankFeed: fit and reasons', () => {
  test('reasons a person can read', () => {
    const items = feed({
      advocate: advocate({ personalityVector: [0.6, 0.2, 0.2, 0], goals: ['grow_network'], pointsToNextTier: 40, nextTierName: 'Silver' }),
      opportunities: [
        opportunity('intro-1', { type: 'peer_intro', affinity: [1, 0, 0, 0], goalTags: ['grow_network'], points: 50, estimatedMinutes: 2 }),
      ],
    })
    expect(items.find((item) => item.id === 'intro-1')?.reasons).toEqual([
      'Fits Educators',
      '2-minute task',
      "You're 40 points from Silver",
    ])
    const networking = contentItem('meetup', { kind: 'event_promo', goalTags: ['grow_network'], affinity: [0, 0, 0, 0] })
    expect(feed({ advocate: advocate({ goals: ['grow_network'] }), content: [networking] })[0].reasons).toEqual([
      'Because you want to grow your network',
    ])
  })

  test('tier, segment, capacity, dates and status are hard filters', () => {
    const excluded = [
      opportunity('gold-only', { minTier: 'gold' }),
      opportunity('enterprise-only', { targetSegments: ['enterprise'] }),
      opportunity('full', { capacityLeft: 0 }),
      opportunity('not-yet', { startsAt: daysAgo(-2) }),
      opportunity('ended', { endsAt: daysAgo(1) }),
      opportunity('paused', { status: 'paused' }),
    ]
    const included = opportunity('fits', { minTier: 'bronze', targetSegments: ['mid_market'], capacityLeft: 1 })
    const settings = withFeedSettings({ maxOpenAsks: 9, maxAcceptedAsks: 9 })
    expect(askIds(feed({ opportunities: [...excluded, included], content: someContent(20), settings }))).toEqual(['fits'])
  })

  test('never two gives of one kind in a row while another kind is left', () => {
    const content = [
      contentItem('how-1', { kind: 'how_to', createdAt: daysAgo(1) }),
      contentItem('how-2', { kind: 'how_to', createdAt: daysAgo(2) }),
      contentItem('how-3', { kind: 'how_to', createdAt: daysAgo(3) }),
      contentItem('career-1', { kind: 'career_content', createdAt: daysAgo(90) }),
    ]
    expect(feed({ content }).map((item) => item.id)).toEqual(['how-1', 'career-1', 'how-2', 'how-3'])
  })

  test('equal scores are ordered by id, whatever the input order', () => {
    const twins = ['b', 'c', 'a'].map((id) => contentItem(id, { kind: id === 'b' ? 'how_to' : 'career_content' }))
    const ids = feed({ content: twins }).map((item) => item.id)
    expect(ids).toEqual(['a', 'b', 'c'])
    expect(feed({ content: [...twins].reverse() }).map((item) => item.id)).toEqual(ids)
  })
})

describe('rankFeed: cursor pagination', () => {
  const input: RankFeedInput = {
    advocate: advocate(),
    opportunities: [opportunity('review-1')],
    content: someContent(7),
    ledger: [],
    interactions: [],
    settings: withFeedSettings({ pageSize: 3 }),
  }

  test('pages follow one another and the last has no cursor', () => {
    const first = rankFeed(input)
    const second = rankFeed({ ...input, cursor: first.nextCursor })
    const third = rankFeed({ ...input, cursor: second.nextCursor })
    expect(third.nextCursor).toBeNull()
    expect([...first.items, ...second.items, ...third.items]).toEqual(rankFeedAll(input))
  })

  test('a cursor is refused, with a code the edge function can map, when it cannot be honoured exactly', () => {
    const { nextCursor } = rankFeed(input)
    const code = (run: () => unknown) => {
      try {
        run()
      } catch (error) {
        return error instanceof FeedCursorError ? error.code : error
      }
      return 'accepted'
    }
    expect(code(() => rankFeed({ ...input, cursor: 'not-a-cursor' }))).toBe('malformed')
    expect(code(() => rankFeed({ ...input, cursor: nextCursor!.replace(/^1\./, '9.') }))).toBe('unsupported_version')
    const twoHoursLater = advocate({ now: new Date(NOW_MS + 2 * 3_600_000).toISOString() })
    expect(code(() => rankFeed({ ...input, advocate: twoHoursLater, cursor: nextCursor }))).toBe('expired')
    // An item served on page 1 has gone (an admin removed it): continuing would skip or repeat one.
    const servedContent = rankFeed(input).items.find((item) => item.kind === 'content')!.id
    const changed = { ...input, content: input.content.filter((item) => item.id !== servedContent) }
    expect(code(() => rankFeed({ ...changed, cursor: nextCursor }))).toBe('stale')
    expect(DEFAULT_FEED_SETTINGS.cursorMaxAgeMinutes).toBe(60)
  })
})

describe('rankFeed: filters (ADR 006)', () => {
  const input: RankFeedInput = {
    advocate: advocate({ completedAskCount: 0 }),
    opportunities: [opportunity('review-1'), opportunity('quote-1', { type: 'testimonial' })],
    content: someContent(10),
    ledger: [],
    interactions: [],
    settings: withFeedSettings({ pageSize: 2 }),
  }

  test('"asks only" is the composed feed’s asks, adjacent now: the filter comes after the rule of thirds', () => {
    const asks = rankFeedAll({ ...input, filter: { kind: 'ask' } })
    expect(asks.map((item) => item.id)).toEqual(askIds(rankFeedAll(input)))
    expect(asks.map((item) => item.kind)).toEqual(['ask', 'ask'])
  })

  test('one type of give, paged, and a cursor from another filter is stale', () => {
    const howTo = { ...input, settings: withFeedSettings({ pageSize: 1 }), filter: { type: 'how_to' as const } }
    const first = rankFeed(howTo)
    const second = rankFeed({ ...howTo, cursor: first.nextCursor })
    expect(second.nextCursor).toBeNull()
    expect([...first.items, ...second.items].map((item) => [item.type, item.id])).toEqual([
      ['how_to', 'content-2'],
      ['how_to', 'content-7'],
    ])
    expect(() => rankFeed({ ...howTo, filter: { kind: 'content' }, cursor: first.nextCursor })).toThrow(FeedCursorError)
    expect(() => rankFeed({ ...howTo, filter: null, cursor: first.nextCursor })).toThrow(expect.objectContaining({ code: 'stale' }))
  })
})
