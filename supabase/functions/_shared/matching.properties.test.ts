/**
 * The matching engine's rules as properties over random advocates, catalogues, ledgers,
 * interaction logs and settings (ADR 005). Each oracle below restates a rule from the ADR
 * directly from the inputs, independently of how the engine computes it.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { feedInputArb, NOW_MS, shuffled } from './matching.arbitraries.ts'
import { evaluateEligibility, rankFeed, rankFeedAll, TIERS, type FeedItem, type FeedSettings, type RankFeedInput } from './matching.ts'

const DAY_MS = 86_400_000
const RUNS = { numRuns: 500 }
type Input = Required<Omit<RankFeedInput, 'cursor' | 'filter' | 'catalogue'>>

const t = (iso: string) => Date.parse(iso)
const asksOf = (items: FeedItem[]) => items.filter((item) => item.kind === 'ask')
const isNewcomer = (input: Input) => input.advocate.completedAskCount < input.settings.lowBarrierCompletedAsks
const spacingOf = (settings: FeedSettings) => Math.max(2, settings.askSpacing)

function allPages(input: Input): FeedItem[][] {
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

/** Ledger rows as they stood at NOW: later rows don't exist yet, later decisions were still open. */
function ledgerAsOfNow(input: Input) {
  return input.ledger
    .filter((entry) => t(entry.askedAt) <= NOW_MS)
    .map((entry) => ({
      ...entry,
      state: entry.decidedAt !== null && t(entry.decidedAt) > NOW_MS ? ('open' as const) : entry.state,
    }))
}

function latestSnoozeUntil(input: Input, kind: 'ask' | 'content', id: string): number | null {
  let latest: { at: number; until: number } | null = null
  for (const i of input.interactions) {
    if (i.itemKind !== kind || i.itemId !== id || i.kind !== 'snoozed' || !i.snoozedUntil || t(i.at) > NOW_MS) continue
    const candidate = { at: t(i.at), until: t(i.snoozedUntil) }
    if (!latest || candidate.at > latest.at || (candidate.at === latest.at && candidate.until > latest.until)) latest = candidate
  }
  return latest?.until ?? null
}

describe('matching engine properties', () => {
  test('never an ask to an ineligible advocate or a detractor', () => {
    fc.assert(
      fc.property(feedInputArb, (input) => {
        const asks = asksOf(rankFeedAll(input))
        const { eligible } = evaluateEligibility(input.advocate, input.settings)
        const detractor = input.advocate.nps !== null && input.advocate.nps <= input.settings.detractorMaxNps
        if (!eligible || detractor) expect(asks).toEqual([])
      }),
      RUNS,
    )
  })

  test('eligibility passes exactly when every threshold is met', () => {
    fc.assert(
      fc.property(feedInputArb, ({ advocate: a, settings: s }) => {
        const since = a.customerSince === null ? null : new Date(t(a.customerSince))
        since?.setUTCMonth(since.getUTCMonth() + s.minTenureMonths)
        const expected =
          a.nps !== null &&
          a.nps >= s.minNps &&
          a.nps > s.detractorMaxNps &&
          (s.npsMaxAgeDays === null || (a.npsAt !== null && NOW_MS - t(a.npsAt) <= s.npsMaxAgeDays * DAY_MS)) &&
          a.healthScore !== null &&
          a.healthScore >= s.minHealthScore &&
          since !== null &&
          since.getTime() <= NOW_MS &&
          a.lastActiveAt !== null &&
          NOW_MS - t(a.lastActiveAt) <= s.activeWithinDays * DAY_MS
        const result = evaluateEligibility(a, s)
        expect(result.eligible).toBe(expected)
        expect(result.reasons.length === 0).toBe(expected)
      }),
      RUNS,
    )
  })

  test('accepting every ask offered would still respect the open cap, the accepted cap and each type cooldown, across all teams', () => {
    fc.assert(
      fc.property(feedInputArb, (input) => {
        const asks = asksOf(rankFeedAll(input))
        if (asks.length === 0) return
        const s = input.settings
        const ledger = ledgerAsOfNow(input)
        const outstanding = ledger.filter((e) => e.state === 'open' || e.state === 'accepted').length
        const acceptedSince = NOW_MS - s.acceptedAsksWindowDays * DAY_MS
        const accepted = ledger.filter(
          (e) => (e.state === 'accepted' || e.state === 'completed') && t(e.decidedAt ?? e.askedAt) >= acceptedSince,
        ).length
        expect(outstanding + asks.length).toBeLessThanOrEqual(s.maxOpenAsks)
        expect(accepted + asks.length).toBeLessThanOrEqual(s.maxAcceptedAsks)
        for (const [type, cooldown] of Object.entries(s.typeCooldowns)) {
          if (!cooldown) continue
          const since = NOW_MS - cooldown.windowDays * DAY_MS
          const before = ledger.filter(
            (e) => e.type === type && e.state !== 'declined' && e.state !== 'expired' && t(e.askedAt) >= since,
          ).length
          const offered = asks.filter((a) => a.type === type).length
          if (offered > 0) expect(before + offered).toBeLessThanOrEqual(cooldown.maxAsks)
        }
      }),
      RUNS,
    )
  })

  test('every ask passes the hard filters: live, in its window, places left, tier, segment, effort unlocked, not already taken', () => {
    fc.assert(
      fc.property(feedInputArb, (input) => {
        const { advocate: a, settings: s } = input
        const byId = new Map(input.opportunities.map((o) => [o.id, o]))
        const taken = new Set(
          ledgerAsOfNow(input)
            .filter((e) => e.state === 'open' || e.state === 'accepted' || e.state === 'completed')
            .map((e) => e.opportunityId),
        )
        for (const item of asksOf(rankFeedAll(input))) {
          const o = byId.get(item.id)!
          expect(o.status).toBe('open')
          expect(t(o.createdAt)).toBeLessThanOrEqual(NOW_MS)
          if (o.startsAt) expect(t(o.startsAt)).toBeLessThanOrEqual(NOW_MS)
          if (o.endsAt) expect(t(o.endsAt)).toBeGreaterThan(NOW_MS)
          if (o.capacityLeft !== null) expect(o.capacityLeft).toBeGreaterThan(0)
          if (o.minTier) expect(a.tier === null ? -1 : TIERS.indexOf(a.tier)).toBeGreaterThanOrEqual(TIERS.indexOf(o.minTier))
          if (o.targetSegments.length) expect(o.targetSegments).toContain(a.segment)
          if (o.effort === 'medium') expect(a.completedAskCount).toBeGreaterThanOrEqual(s.mediumEffortUnlockCompletedAsks)
          if (o.effort === 'high') expect(a.completedAskCount).toBeGreaterThanOrEqual(s.highEffortUnlockCompletedAsks)
          expect(taken.has(o.id)).toBe(false)
        }
      }),
      RUNS,
    )
  })

  test("declined items stay hidden for the configured calendar days in the advocate's zone; snoozed items until their date", () => {
    fc.assert(
      fc.property(feedInputArb, (input) => {
        // An oracle apart from the engine's: the local date as the runtime's toLocaleDateString sees it.
        const { timeZone } = input.advocate
        const dayNumber = (ms: number) => Date.parse(new Date(ms).toLocaleDateString('en-CA', { timeZone })) / DAY_MS
        const today = dayNumber(NOW_MS)
        const withinDays = (ms: number) => ms <= NOW_MS && dayNumber(ms) > today - input.settings.declinedHiddenDays
        for (const item of rankFeedAll(input)) {
          const declinedRecently = input.interactions.some(
            (i) => i.itemKind === item.kind && i.itemId === item.id && i.kind === 'declined' && withinDays(t(i.at)),
          )
          expect(declinedRecently).toBe(false)
          if (item.kind === 'ask') {
            const declinedInLedger = ledgerAsOfNow(input).some(
              (e) => e.opportunityId === item.id && e.state === 'declined' && withinDays(t(e.decidedAt ?? e.askedAt)),
            )
            expect(declinedInLedger).toBe(false)
          }
          const until = latestSnoozeUntil(input, item.kind, item.id)
          if (until !== null) expect(until).toBeLessThanOrEqual(NOW_MS)
        }
      }),
      RUNS,
    )
  })

  test('the rule of thirds holds on every page, and a newcomer never sees an ask first on a page', () => {
    fc.assert(
      fc.property(feedInputArb, (input) => {
        const spacing = spacingOf(input.settings)
        for (const page of allPages(input)) {
          const askPositions = page.flatMap((item, i) => (item.kind === 'ask' ? [i] : []))
          for (let k = 1; k < askPositions.length; k++) expect(askPositions[k] - askPositions[k - 1]).toBeGreaterThanOrEqual(spacing)
          if (isNewcomer(input) && page.length > 0) expect(page[0].kind).toBe('content')
        }
        // And across page boundaries: the whole ranking is one sequence.
        const all = rankFeedAll(input)
        const positions = all.flatMap((item, i) => (item.kind === 'ask' ? [i] : []))
        for (let k = 1; k < positions.length; k++) expect(positions[k] - positions[k - 1]).toBeGreaterThanOrEqual(spacing)
      }),
      RUNS,
    )
  })

  test('a newcomer sees low-effort asks before any bigger one', () => {
    fc.assert(
      fc.property(feedInputArb, (input) => {
        if (!isNewcomer(input)) return
        const effort = new Map(input.opportunities.map((o) => [o.id, o.effort]))
        const efforts = asksOf(rankFeedAll(input)).map((a) => effort.get(a.id))
        const firstBig = efforts.findIndex((e) => e !== 'low')
        if (firstBig >= 0) expect(efforts.slice(firstBig)).not.toContain('low')
      }),
      RUNS,
    )
  })

  test('never two items of the same type in a row while an item of another type could go there', () => {
    fc.assert(
      fc.property(feedInputArb, (input) => {
        const all = rankFeedAll(input)
        const spacing = spacingOf(input.settings)
        for (let i = 1; i < all.length; i++) {
          if (all[i - 1].type !== all[i].type) continue
          const rest = all.slice(i)
          expect(rest.filter((item) => item.kind === 'content').every((item) => item.type === all[i].type)).toBe(true)
          if (rest.some((item) => item.kind === 'ask')) {
            const askNearby = all.slice(Math.max(0, i - spacing + 1), i).some((item) => item.kind === 'ask')
            const newcomerPageTop = isNewcomer(input) && i % input.settings.pageSize === 0
            expect(askNearby || newcomerPageTop).toBe(true)
          }
        }
      }),
      RUNS,
    )
  })

  test('every item has one to three non-empty reasons and a finite score', () => {
    fc.assert(
      fc.property(feedInputArb, (input) => {
        for (const item of rankFeedAll(input)) {
          expect(item.reasons.length).toBeGreaterThanOrEqual(1)
          expect(item.reasons.length).toBeLessThanOrEqual(3)
          for (const reason of item.reasons) expect(reason.trim()).not.toBe('')
          expect(Number.isFinite(item.score)).toBe(true)
        }
      }),
      RUNS,
    )
  })

  test('deterministic: the same input, or the same input in any order, gives the same feed', () => {
    fc.assert(
      fc.property(feedInputArb, fc.integer(), (input, seed) => {
        const expected = rankFeedAll(input)
        expect(rankFeedAll(input)).toEqual(expected)
        const reordered: Input = {
          ...input,
          advocate: { ...input.advocate, goals: shuffled(input.advocate.goals, seed) },
          opportunities: shuffled(input.opportunities, seed).map((o) => ({ ...o, goalTags: shuffled(o.goalTags, seed + 1) })),
          content: shuffled(input.content, seed + 2),
          ledger: shuffled(input.ledger, seed + 3),
          interactions: shuffled(input.interactions, seed + 4),
        }
        expect(rankFeedAll(reordered)).toEqual(expected)
        expect(rankFeed(reordered)).toEqual(rankFeed(input))
      }),
      RUNS,
    )
  })

  test('paging through every cursor neither drops nor repeats items and equals the unpaginated ranking', () => {
    fc.assert(
      fc.property(feedInputArb, (input) => {
        const pages = allPages(input)
        const flat = pages.flat()
        expect(flat).toEqual(rankFeedAll(input))
        expect(new Set(flat.map((item) => `${item.kind}:${item.id}`)).size).toBe(flat.length)
        for (const page of pages.slice(0, -1)) expect(page.length).toBe(input.settings.pageSize)
      }),
      RUNS,
    )
  })

  test('later pages requested minutes later, after new log rows and new items, continue the same snapshot', () => {
    fc.assert(
      fc.property(feedInputArb, fc.integer({ min: 1, max: 59 }), (input, minutesLater) => {
        const first = rankFeed(input)
        if (!first.nextCursor) return
        const later = new Date(NOW_MS + minutesLater * 60_000).toISOString()
        const afterSnapshot = new Date(NOW_MS + 1000).toISOString()
        const second = rankFeed({
          ...input,
          advocate: { ...input.advocate, now: later },
          content: [
            ...input.content,
            { id: 'brand-new', kind: 'how_to', affinity: [1, 1, 1, 1], goalTags: [], targetSegments: [], createdAt: afterSnapshot },
          ],
          interactions: [
            ...input.interactions,
            ...first.items.map((item) => ({ itemKind: item.kind, itemId: item.id, kind: 'declined' as const, at: afterSnapshot })),
          ],
          cursor: first.nextCursor,
        })
        const all = rankFeedAll(input)
        expect([...first.items, ...second.items]).toEqual(all.slice(0, first.items.length + second.items.length))
      }),
      RUNS,
    )
  })
})
