/**
 * One item, explained (ADR 006 "Explaining one item"): its reasons, whether the caller may take it
 * now and, if not, why, with the codes the `accept_ask` RPC raises. The detail page shows this,
 * so "why am I seeing this" and "why can't I accept" come from the engine's rules, not a copy.
 *
 * Two kinds of "no":
 * - `blockedBy`: rules that stop an accept (eligibility, caps, cooldown, ladder, taken, full,
 *   not available). `offerable` is true exactly when there are none.
 * - `hiddenBecause`: the advocate's own choices (declined recently, snoozed). They keep the item
 *   out of the feed but do not stop an explicit accept from the detail page, so they are
 *   informational and leave `offerable` alone.
 * An ask with neither is one the feed would rank; whether it reaches a page also depends on the
 * other asks (headroom is shared) and on the gives (value first), which is not a "no".
 */
import { evaluateEligibilityAt, type EligibilityResult } from './eligibility.ts'
import { declinedAt, readAskHistory, stateAsOf, TAKEN_STATES } from './fatigue.ts'
import { inSegment, opportunityFilterBlockers, readAdvocateFit, scoreContent, scoreOpportunity } from './fit.ts'
import { contentReasons, opportunityReasons } from './reasons.ts'
import { DEFAULT_FEED_SETTINGS, type FeedSettings } from './settings.ts'
import { ACCEPT_ASK_CONFLICTS, ACCEPT_ASK_NOT_AVAILABLE, WITHDRAWN_REACCEPT_HOURS } from '../ask-contract.ts'
import { calendarDaysCutoff, parseTime } from './time.ts'
import type { AdvocateContext, AskLedgerEntry, ContentItem, FeedItem, Interaction, Opportunity } from './types.ts'

/**
 * All that apply, in the order `accept_ask` checks them: `not_available` (its PT404) first, then
 * ADR 006's PT409 codes in ADR order. So `blockedBy[0]` is the code an accept would raise.
 */
export const ASK_BLOCKERS = [ACCEPT_ASK_NOT_AVAILABLE, ...ACCEPT_ASK_CONFLICTS] as const
export type AskBlocker = (typeof ASK_BLOCKERS)[number]

export const HIDDEN_REASONS = ['declined_recently', 'snoozed'] as const
export type HiddenReason = (typeof HIDDEN_REASONS)[number]

export interface ItemKey {
  kind: 'ask' | 'content'
  id: string
}

export interface ItemExplanation {
  /** With its score and reasons, whether or not the feed shows it; null when the input lacks the item. */
  item: FeedItem | null
  offerable: boolean
  blockedBy: AskBlocker[]
  hiddenBecause: HiddenReason[]
  eligibility: EligibilityResult
}

export interface ExplainInput {
  advocate: AdvocateContext
  opportunities: readonly Opportunity[]
  content: readonly ContentItem[]
  ledger: readonly AskLedgerEntry[]
  interactions: readonly Interaction[]
  settings?: FeedSettings
}

/** Explains one item as of `advocate.now`. Needs the advocate's whole ledger; only the item's own interactions matter. */
export function explainItem(input: ExplainInput, key: ItemKey): ItemExplanation {
  const settings = input.settings ?? DEFAULT_FEED_SETTINGS
  const now = parseTime(input.advocate.now)
  const eligibility = evaluateEligibilityAt(input.advocate, settings, now)
  const fit = readAdvocateFit(input.advocate)
  const own = itemHistory(input.ledger, input.interactions, settings, now, input.advocate.timeZone, key)
  const hiddenBecause: HiddenReason[] = []
  if (own.declinedRecently) hiddenBecause.push('declined_recently')
  if (own.snoozed) hiddenBecause.push('snoozed')

  if (key.kind === 'content') {
    const item = input.content.find((c) => c.id === key.id)
    if (!item) return { item: null, offerable: false, blockedBy: ['not_available'], hiddenBecause, eligibility }
    const createdAt = parseTime(item.createdAt)
    const offerable = createdAt <= now && inSegment(fit.segment, item.targetSegments)
    const explained: FeedItem = {
      kind: 'content',
      id: item.id,
      type: item.kind,
      score: scoreContent(item, createdAt, fit, settings, now),
      reasons: contentReasons(item, fit, createdAt, now),
    }
    return { item: explained, offerable, blockedBy: offerable ? [] : ['not_available'], hiddenBecause, eligibility }
  }

  const opportunity = input.opportunities.find((o) => o.id === key.id)
  if (!opportunity) return { item: null, offerable: false, blockedBy: ['not_available'], hiddenBecause, eligibility }
  const createdAt = parseTime(opportunity.createdAt)
  const history = readAskHistory(input.ledger, [], settings, now, input.advocate.timeZone)
  const filters = opportunityFilterBlockers(opportunity, createdAt, fit, settings, now)
  const applies: Record<AskBlocker, boolean> = {
    not_eligible: !eligibility.eligible,
    open_asks_cap: history.reasons.includes('open_asks_cap_reached'),
    accepted_asks_cap: history.reasons.includes('accepted_asks_cap_reached'),
    type_cooldown: history.typeHeadroom.get(opportunity.type) === 0,
    effort_locked: filters.effortLocked,
    already_taken: own.taken,
    full: filters.full,
    withdrawn_recently: own.withdrawnRecently,
    not_available: filters.notAvailable,
  }
  const blockedBy = ASK_BLOCKERS.filter((code) => applies[code])
  const explained: FeedItem = {
    kind: 'ask',
    id: opportunity.id,
    type: opportunity.type,
    score: scoreOpportunity(opportunity, createdAt, fit, settings, now),
    reasons: opportunityReasons(opportunity, fit, createdAt, now),
  }
  return { item: explained, offerable: blockedBy.length === 0, blockedBy, hiddenBecause, eligibility }
}

/**
 * What the advocate's history says about one item, with the rules of `readAskHistory` (which
 * folds the three into one "hidden" set for the whole catalogue): taken (asks only), declined
 * within `declinedHiddenDays` of the advocate's calendar days, or snoozed until a later date by its latest snooze.
 */
export function itemHistory(
  ledger: readonly AskLedgerEntry[],
  interactions: readonly Interaction[],
  settings: FeedSettings,
  now: number,
  timeZone: string,
  key: ItemKey,
): { taken: boolean; declinedRecently: boolean; withdrawnRecently: boolean; snoozed: boolean } {
  const declinedSince = calendarDaysCutoff(now, settings.declinedHiddenDays, timeZone)
  const withdrawnSince = now - WITHDRAWN_REACCEPT_HOURS * 3_600_000
  let taken = false
  let declinedRecently = false
  let withdrawnRecently = false
  if (key.kind === 'ask') {
    for (const entry of ledger) {
      if (entry.opportunityId !== key.id) continue
      const askedAt = parseTime(entry.askedAt)
      if (askedAt > now) continue
      const decidedAt = entry.decidedAt === null ? null : parseTime(entry.decidedAt)
      const state = stateAsOf(entry.state, decidedAt, now)
      if (TAKEN_STATES.has(state)) taken = true
      if (entry.withdrawnAt && parseTime(entry.withdrawnAt) <= now && parseTime(entry.withdrawnAt) > withdrawnSince)
        withdrawnRecently = true
      else if (state === 'declined' && declinedAt(entry, decidedAt ?? askedAt, now) >= declinedSince) declinedRecently = true
    }
  }
  let latest: { at: number; until: number } | null = null
  for (const interaction of interactions) {
    if (interaction.itemKind !== key.kind || interaction.itemId !== key.id) continue
    const at = parseTime(interaction.at)
    if (at > now) continue
    if (interaction.kind === 'declined') {
      if (at >= declinedSince) declinedRecently = true
    } else if (interaction.kind === 'snoozed' && interaction.snoozedUntil) {
      const until = parseTime(interaction.snoozedUntil)
      if (!latest || at > latest.at || (at === latest.at && until > latest.until)) latest = { at, until }
    }
  }
  return { taken, declinedRecently, withdrawnRecently, snoozed: latest !== null && latest.until > now }
}
