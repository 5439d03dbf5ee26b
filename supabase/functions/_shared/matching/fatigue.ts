/**
 * Ask fatigue (domain.md §5, §10 "asking too often", "the same person asked by several teams").
 * Counts come from the ask ledger only, across every team, and so does "taken": a withdrawn ask
 * is `declined` in the ledger, whatever the `accepted` interaction it left behind says (ADR 006's
 * gap, closed). The interaction log only hides items (declined, snoozed). Both are read "as of" `now`: rows stamped later are
 * ignored, which is what lets a cursor replay the same snapshot (ADR 005).
 */
import { DEFAULT_FEED_SETTINGS, type FeedSettings } from './settings.ts'
import { calendarDaysCutoff, DAY_MS, parseTime } from './time.ts'
import type { AskLedgerEntry, AskState, Interaction, OpportunityType } from './types.ts'

export const FATIGUE_REASONS = ['open_asks_cap_reached', 'accepted_asks_cap_reached'] as const
export type FatigueReason = (typeof FATIGUE_REASONS)[number]

export interface AskHistory {
  /** How many more asks the feed may offer in total: the tighter of the open and accepted caps. */
  askHeadroom: number
  reasons: FatigueReason[]
  /** Asks still allowed per type with a cooldown; other types are bounded by askHeadroom only. */
  typeHeadroom: Map<OpportunityType, number>
  /** Opportunities kept out: already open/accepted/done for this advocate, declined recently, or snoozed. */
  hiddenAsks: Set<string>
  /** Content declined (dismissed) recently or snoozed. */
  hiddenContent: Set<string>
}

/** Ledger states that mean the advocate holds (or held) this opportunity: it is not offered again. */
export const TAKEN_STATES: ReadonlySet<AskState> = new Set(['open', 'accepted', 'completed'])

/**
 * When a declined ledger row was declined, as of `now`: a withdrawal (an accepted ask given back)
 * was declined when it was withdrawn, not when it was first accepted (`decidedAt`).
 */
export function declinedAt(entry: AskLedgerEntry, decided: number, now: number): number {
  const withdrawn = entry.withdrawnAt ? parseTime(entry.withdrawnAt) : null
  return withdrawn !== null && withdrawn <= now ? Math.max(decided, withdrawn) : decided
}

/** A ledger row's state as of `now`: an ask decided later was still open. */
export function stateAsOf(state: AskState, decidedAt: number | null, now: number): AskState {
  return decidedAt !== null && decidedAt > now ? 'open' : state
}

export function readAskHistory(
  ledger: readonly AskLedgerEntry[],
  interactions: readonly Interaction[],
  settings: FeedSettings,
  now: number,
  timeZone: string,
): AskHistory {
  const hiddenAsks = new Set<string>()
  const hiddenContent = new Set<string>()
  // A decline hides the item for N of the advocate's calendar days: back at their local midnight.
  const declinedSince = calendarDaysCutoff(now, settings.declinedHiddenDays, timeZone)
  const acceptedSince = now - settings.acceptedAsksWindowDays * DAY_MS
  const typeCounts = new Map<OpportunityType, number>()
  let outstanding = 0
  let accepted = 0

  for (const entry of ledger) {
    const askedAt = parseTime(entry.askedAt)
    if (askedAt > now) continue
    const decidedAt = entry.decidedAt === null ? null : parseTime(entry.decidedAt)
    const state = stateAsOf(entry.state, decidedAt, now)
    if (state === 'open' || state === 'accepted') outstanding += 1
    if ((state === 'accepted' || state === 'completed') && (decidedAt ?? askedAt) >= acceptedSince) accepted += 1
    const cooldown = settings.typeCooldowns[entry.type]
    if (cooldown && TAKEN_STATES.has(state) && askedAt >= now - cooldown.windowDays * DAY_MS) {
      typeCounts.set(entry.type, (typeCounts.get(entry.type) ?? 0) + 1)
    }
    if (entry.opportunityId === null) continue
    if (TAKEN_STATES.has(state)) hiddenAsks.add(entry.opportunityId)
    else if (state === 'declined' && declinedAt(entry, decidedAt ?? askedAt, now) >= declinedSince) hiddenAsks.add(entry.opportunityId)
  }

  // The latest snooze of each item decides when it returns (a later, shorter snooze wins).
  const latestSnooze = new Map<string, { at: number; until: number; hidden: Set<string> }>()
  for (const interaction of interactions) {
    const at = parseTime(interaction.at)
    if (at > now) continue
    const hidden = interaction.itemKind === 'ask' ? hiddenAsks : hiddenContent
    if (interaction.kind === 'declined') {
      if (at >= declinedSince) hidden.add(interaction.itemId)
    } else if (interaction.kind === 'snoozed' && interaction.snoozedUntil) {
      const key = `${interaction.itemKind}:${interaction.itemId}`
      const until = parseTime(interaction.snoozedUntil)
      const previous = latestSnooze.get(key)
      if (!previous || at > previous.at || (at === previous.at && until > previous.until)) {
        latestSnooze.set(key, { at, until, hidden })
      }
    }
  }
  for (const [key, snooze] of latestSnooze) {
    if (snooze.until > now) snooze.hidden.add(key.slice(key.indexOf(':') + 1))
  }

  const reasons: FatigueReason[] = []
  if (outstanding >= settings.maxOpenAsks) reasons.push('open_asks_cap_reached')
  if (accepted >= settings.maxAcceptedAsks) reasons.push('accepted_asks_cap_reached')
  const askHeadroom = Math.max(0, Math.min(settings.maxOpenAsks - outstanding, settings.maxAcceptedAsks - accepted))

  const typeHeadroom = new Map<OpportunityType, number>()
  for (const type of Object.keys(settings.typeCooldowns) as OpportunityType[]) {
    const cooldown = settings.typeCooldowns[type]
    if (cooldown) typeHeadroom.set(type, Math.max(0, cooldown.maxAsks - (typeCounts.get(type) ?? 0)))
  }
  return { askHeadroom, reasons, typeHeadroom, hiddenAsks, hiddenContent }
}

export interface AskFatigueResult {
  askHeadroom: number
  reasons: FatigueReason[]
  /** Types whose cooldown is used up, for the admin view ("reference calls: 2 of 2 this quarter"). */
  typesAtCap: OpportunityType[]
}

/** For admins: can this advocate take another ask now, and if not, why not. */
export function evaluateAskFatigue(
  ledger: readonly AskLedgerEntry[],
  now: string,
  settings: FeedSettings = DEFAULT_FEED_SETTINGS,
): AskFatigueResult {
  // Caps and cooldowns count rolling days; the zone only moves decline cut-offs, unused here.
  const history = readAskHistory(ledger, [], settings, parseTime(now), 'UTC')
  const typesAtCap = [...history.typeHeadroom].filter(([, left]) => left === 0).map(([type]) => type)
  return { askHeadroom: history.askHeadroom, reasons: history.reasons, typesAtCap }
}
