/**
 * A decline hides an item for N of the advocate's calendar days (ADR 013): it comes back at their
 * local midnight, so the same history gives a Sydney advocate the item back before a London one.
 */
import { describe, expect, test } from 'vitest'
import { advocate, opportunity } from './matching.arbitraries.ts'
import { explainItem, rankFeedAll, type AskLedgerEntry, type Interaction } from './matching.ts'

const review = opportunity('review-1', { estimatedMinutes: 2, createdAt: '2026-10-01T00:00:00.000Z' })
// Declined at 23:00 on 3 November in Sydney (12:00 UTC, still 3 November there too).
const DECLINED_AT = '2026-11-03T12:00:00.000Z'
// 00:30 on 3 December in Sydney: 30 Sydney days later. In UTC it is still 2 December.
const NOW = '2026-12-02T13:30:00.000Z'

const declined: Interaction = { itemKind: 'ask', itemId: 'review-1', kind: 'declined', at: DECLINED_AT }
const declinedInLedger: AskLedgerEntry = {
  opportunityId: 'review-1',
  type: 'review',
  team: 'sales',
  askedAt: DECLINED_AT,
  state: 'declined',
  decidedAt: DECLINED_AT,
}

function input(timeZone: string, history: { interactions?: Interaction[]; ledger?: AskLedgerEntry[] }) {
  return {
    advocate: advocate({ now: NOW, timeZone, lastActiveAt: '2026-12-01T00:00:00.000Z', npsAt: '2026-11-20T00:00:00.000Z' }),
    opportunities: [review],
    content: [],
    ledger: history.ledger ?? [],
    interactions: history.interactions ?? [],
  }
}

describe.each([
  ['the interaction log', { interactions: [declined] }],
  ['the ledger', { ledger: [declinedInLedger] }],
])('a decline in %s', (_, history) => {
  test('is over at Sydney midnight for an advocate in Sydney', () => {
    expect(explainItem(input('Australia/Sydney', history), { kind: 'ask', id: 'review-1' }).hiddenBecause).toEqual([])
    expect(rankFeedAll(input('Australia/Sydney', history)).map((item) => item.id)).toContain('review-1')
  })

  test('still hides the item for an advocate in UTC, whose 30th day has not started', () => {
    expect(explainItem(input('UTC', history), { kind: 'ask', id: 'review-1' }).hiddenBecause).toEqual(['declined_recently'])
    expect(rankFeedAll(input('UTC', history)).map((item) => item.id)).not.toContain('review-1')
  })
})
