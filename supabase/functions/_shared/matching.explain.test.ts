/**
 * `explainItem` by example (ADR 006 "Explaining one item"): the detail page's "why am I seeing
 * this" and "why can't I accept it", each code in a situation a program manager would recognise.
 * `matching.filter-explain.properties.test.ts` ties it to the ranking over random inputs.
 */
import { describe, expect, test } from 'vitest'
import { advocate, contentItem, daysAgo, opportunity, someContent } from './matching.arbitraries.ts'
import { explainItem, rankFeedAll, withFeedSettings, type AskLedgerEntry, type ExplainInput, type Interaction } from './matching.ts'

const review = opportunity('review-1', { estimatedMinutes: 2 })

function explain(key: string, overrides: Partial<ExplainInput> = {}) {
  const [kind, id] = key.split(':') as ['ask' | 'content', string]
  const input = { advocate: advocate(), opportunities: [review], content: someContent(), ledger: [], interactions: [], ...overrides }
  return explainItem(input, { kind, id })
}

function ask(
  type: AskLedgerEntry['type'],
  state: AskLedgerEntry['state'],
  askedDaysAgo: number,
  opportunityId: string | null = null,
): AskLedgerEntry {
  return {
    opportunityId,
    type,
    team: 'sales',
    askedAt: daysAgo(askedDaysAgo),
    state,
    decidedAt: state === 'open' ? null : daysAgo(askedDaysAgo - 1),
  }
}

describe('explainItem: an ask the advocate can take', () => {
  test('offerable, with the same reasons and score the feed gives it', () => {
    const result = explain('ask:review-1')
    expect(result).toMatchObject({ offerable: true, blockedBy: [], hiddenBecause: [], eligibility: { eligible: true, reasons: [] } })
    const inFeed = rankFeedAll({ advocate: advocate(), opportunities: [review], content: someContent(), ledger: [], interactions: [] })
    expect(result.item).toEqual(inFeed.find((item) => item.id === 'review-1'))
    expect(result.item?.reasons).toContain('2-minute task')
  })

  test('still offerable when better asks fill the feed’s headroom: a shared limit is not a "no"', () => {
    const better = [opportunity('a', { affinity: [1, 1, 1, 1] }), opportunity('b', { affinity: [1, 1, 1, 1] })]
    const input = { advocate: advocate(), opportunities: [...better, review], content: someContent(12), ledger: [], interactions: [] }
    expect(rankFeedAll(input).some((item) => item.id === 'review-1')).toBe(false)
    expect(explainItem(input, { kind: 'ask', id: 'review-1' })).toMatchObject({ offerable: true, blockedBy: [] })
  })
})

describe('explainItem: why an ask cannot be taken, with accept_ask’s codes', () => {
  test('not_eligible: a detractor still sees why the item would fit', () => {
    const result = explain('ask:review-1', { advocate: advocate({ nps: 4 }) })
    expect(result).toMatchObject({ offerable: false, blockedBy: ['not_eligible'] })
    expect(result.eligibility.reasons).toContain('detractor')
    expect(result.item?.reasons.length).toBeGreaterThan(0)
  })

  test('withdrawn_recently: withdrawn less than a day ago (accept_ask checks it last); a day later it is open again', () => {
    const withdrawn = (hoursAgo: number): AskLedgerEntry => ({
      ...ask('review', 'declined', 2, 'review-1'),
      withdrawnAt: new Date(Date.parse(advocate().now) - hoursAgo * 3_600_000).toISOString(),
    })
    expect(explain('ask:review-1', { ledger: [withdrawn(2)] }).blockedBy).toEqual(['withdrawn_recently'])
    expect(explain('ask:review-1', { ledger: [withdrawn(25)] }).blockedBy).toEqual([])
  })

  test('a withdrawal counts as a decline from when it was withdrawn, not from the original accept', () => {
    // Accepted 60 days ago (decidedAt 59 days ago, outside the 30-day decline window), withdrawn 2 days ago.
    const ledger: AskLedgerEntry[] = [{ ...ask('review', 'declined', 60, 'review-1'), withdrawnAt: daysAgo(2) }]
    expect(explain('ask:review-1', { ledger })).toMatchObject({ offerable: true, blockedBy: [], hiddenBecause: ['declined_recently'] })
    const feed = rankFeedAll({ advocate: advocate(), opportunities: [review], content: someContent(), ledger, interactions: [] })
    expect(feed.some((item) => item.id === 'review-1')).toBe(false)
  })

  test('open_asks_cap: two asks already open from other teams', () => {
    const ledger = [ask('case_study', 'open', 3), ask('beta_feedback', 'accepted', 10)]
    expect(explain('ask:review-1', { ledger }).blockedBy).toEqual(['open_asks_cap'])
  })

  test('accepted_asks_cap: two accepted in the last 30 days, even when completed', () => {
    const ledger = [ask('testimonial', 'completed', 5), ask('social_share', 'completed', 20)]
    expect(explain('ask:review-1', { ledger }).blockedBy).toEqual(['accepted_asks_cap'])
  })

  test('type_cooldown: two reference calls this quarter, whichever teams asked', () => {
    const call = opportunity('call-1', { type: 'reference_call', effort: 'medium' })
    const ledger = [ask('reference_call', 'completed', 80), ask('reference_call', 'completed', 50)]
    expect(explain('ask:call-1', { opportunities: [call], ledger }).blockedBy).toEqual(['type_cooldown'])
  })

  test('effort_locked: a newcomer has not unlocked medium or high effort yet', () => {
    const caseStudy = opportunity('case-1', { type: 'case_study', effort: 'medium' })
    const result = explain('ask:case-1', { advocate: advocate({ completedAskCount: 0 }), opportunities: [caseStudy] })
    expect(result.blockedBy).toEqual(['effort_locked'])
  })

  test('already_taken: held in the ledger; an accepted interaction left by a withdrawal is not "taken"', () => {
    expect(explain('ask:review-1', { ledger: [ask('review', 'completed', 60, 'review-1')] }).blockedBy).toEqual(['already_taken'])
    // Accepted 60 days ago, then withdrawn: the ledger says declined, as accept_ask reads it.
    const accepted: Interaction[] = [{ itemKind: 'ask', itemId: 'review-1', kind: 'accepted', at: daysAgo(60) }]
    const withdrawn = explain('ask:review-1', { ledger: [ask('review', 'declined', 60, 'review-1')], interactions: accepted })
    expect(withdrawn).toMatchObject({ offerable: true, blockedBy: [] })
  })

  test('full: no places left', () => {
    expect(explain('ask:review-1', { opportunities: [opportunity('review-1', { capacityLeft: 0 })] }).blockedBy).toEqual(['full'])
  })

  test('not_available: closed, outside its window, another segment, or a tier the advocate lacks', () => {
    for (const overrides of [
      { status: 'paused' as const },
      { endsAt: daysAgo(1) },
      { startsAt: daysAgo(-2) },
      { targetSegments: ['enterprise'] },
      { minTier: 'gold' as const },
    ]) {
      expect(explain('ask:review-1', { opportunities: [opportunity('review-1', overrides)] }).blockedBy).toEqual(['not_available'])
    }
  })

  test('every code that applies, in the order accept_ask checks them', () => {
    const result = explain('ask:case-1', {
      advocate: advocate({ completedAskCount: 0, lastActiveAt: daysAgo(90) }),
      opportunities: [opportunity('case-1', { type: 'case_study', effort: 'high', capacityLeft: 0, targetSegments: ['smb'] })],
      ledger: [ask('case_study', 'accepted', 3, 'case-1'), ask('review', 'open', 2)],
    })
    // accept_ask's order: the first is the code an accept would raise.
    expect(result.blockedBy).toEqual(['not_available', 'not_eligible', 'open_asks_cap', 'effort_locked', 'already_taken', 'full'])
  })
})

describe('explainItem: hidden by the advocate’s own choice (informational)', () => {
  test('declined recently: out of the feed, but an explicit accept is still allowed', () => {
    const declined: Interaction[] = [{ itemKind: 'ask', itemId: 'review-1', kind: 'declined', at: daysAgo(5), declineReason: 'busy' }]
    expect(explain('ask:review-1', { interactions: declined })).toMatchObject({
      offerable: true,
      blockedBy: [],
      hiddenBecause: ['declined_recently'],
    })
    expect(explain('ask:review-1', { ledger: [ask('review', 'declined', 10, 'review-1')] }).hiddenBecause).toEqual(['declined_recently'])
    const longAgo: Interaction[] = [{ ...declined[0], at: daysAgo(40) }]
    expect(explain('ask:review-1', { interactions: longAgo }).hiddenBecause).toEqual([])
  })

  test('snoozed: until the latest snooze’s date', () => {
    const snoozed = (until: number): Interaction[] => [
      { itemKind: 'ask', itemId: 'review-1', kind: 'snoozed', at: daysAgo(5), snoozedUntil: daysAgo(until) },
    ]
    expect(explain('ask:review-1', { interactions: snoozed(-3) })).toMatchObject({ offerable: true, hiddenBecause: ['snoozed'] })
    expect(explain('ask:review-1', { interactions: snoozed(1) }).hiddenBecause).toEqual([])
  })

  test('both at once, alongside a real blocker', () => {
    const interactions: Interaction[] = [
      { itemKind: 'ask', itemId: 'review-1', kind: 'declined', at: daysAgo(3) },
      { itemKind: 'ask', itemId: 'review-1', kind: 'snoozed', at: daysAgo(2), snoozedUntil: daysAgo(-5) },
    ]
    const result = explain('ask:review-1', { interactions, opportunities: [opportunity('review-1', { capacityLeft: 0 })] })
    expect(result).toMatchObject({ offerable: false, blockedBy: ['full'], hiddenBecause: ['declined_recently', 'snoozed'] })
  })
})

describe('explainItem: gives and unknown items', () => {
  test('a published give for the advocate’s segment is offerable, with its reasons', () => {
    const give = contentItem('meetup', { kind: 'event_promo', goalTags: ['grow_network'], affinity: [0, 0, 0, 0] })
    const result = explain('content:meetup', { advocate: advocate({ goals: ['grow_network'] }), content: [give] })
    expect(result).toMatchObject({ offerable: true, blockedBy: [], hiddenBecause: [] })
    expect(result.item).toMatchObject({
      kind: 'content',
      id: 'meetup',
      type: 'event_promo',
      reasons: ['Because you want to grow your network'],
    })
  })

  test('a give for another segment, or not yet published, is not offerable; one dismissed is hidden', () => {
    expect(explain('content:x', { content: [contentItem('x', { targetSegments: ['enterprise'] })] })).toMatchObject({
      offerable: false,
      blockedBy: ['not_available'],
    })
    expect(explain('content:x', { content: [contentItem('x', { createdAt: daysAgo(-1) })] }).offerable).toBe(false)
    const dismissed: Interaction[] = [{ itemKind: 'content', itemId: 'x', kind: 'declined', at: daysAgo(1) }]
    expect(explain('content:x', { content: [contentItem('x')], interactions: dismissed })).toMatchObject({
      offerable: true,
      hiddenBecause: ['declined_recently'],
    })
  })

  test('an item the input does not hold: no item, not available; an ask id is not a content id', () => {
    expect(explain('ask:nope')).toMatchObject({ item: null, offerable: false, blockedBy: ['not_available'] })
    expect(explain('content:review-1').item).toBeNull()
  })

  test('uses the program’s settings', () => {
    const caseStudy = opportunity('case-1', { type: 'case_study', effort: 'medium' })
    const settings = withFeedSettings({ mediumEffortUnlockCompletedAsks: 0 })
    expect(explain('ask:case-1', { advocate: advocate({ completedAskCount: 0 }), opportunities: [caseStudy], settings }).offerable).toBe(
      true,
    )
  })
})
