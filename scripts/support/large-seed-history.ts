/**
 * The large seed's ask ledger and interaction log, simulated advocate by advocate over the last
 * 180 days. Each ask is checked against that advocate's rows as they stood at the time (ADR 005
 * "as of" rules): no ask while two are outstanding or two were accepted in the last 30 days,
 * reference calls at most twice a quarter; feed asks only to promoters (NPS ≥ 9, health ≥ 70) for
 * opportunities that were open, live, in their segment, without a tier, unlocked by their
 * completed asks and not full. One live ask per advocate and opportunity (the unique index).
 */
import type { AdvocateRow, ContentRow, OpportunityRow } from './large-seed.ts'
import { between, chance, pick, weighted, type Random } from './large-seed-random.ts'

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000
const HISTORY_DAYS = 180
const ASKS_BY_ACTIVITY: readonly (readonly [number, number])[] = [
  [0, 0],
  [1, 2],
  [3, 5],
  [6, 10],
  [10, 16],
]
const INTERACTION_WEIGHT = [2, 10, 30, 80, 400]
const TEAMS = ['marketing', 'sales', 'product', 'events', 'customer_success', 'community'] as const
const DECLINE_REASONS = ['Not the right time', 'Not comfortable with this', 'Too much effort', 'Not relevant to me']

export interface LedgerRow {
  profileId: string
  opportunityN: number | null
  type: string
  team: string
  source: 'feed' | 'direct'
  note: string | null
  askedAt: number
  state: 'open' | 'accepted' | 'completed' | 'declined' | 'expired'
  decidedAt: number | null
  completedAt: number | null
}

export interface InteractionRow {
  profileId: string
  itemKind: 'ask' | 'content'
  itemN: number
  kind: 'shown' | 'opened' | 'accepted' | 'declined' | 'snoozed'
  at: number
  snoozedUntil: number | null
  declineReason: string | null
}

type AsOf = LedgerRow['state'] | null

/** A row's state at time t: not yet asked (null), still open before its decision, accepted until completed. */
function stateAt(row: LedgerRow, t: number): AsOf {
  if (row.askedAt > t) return null
  if (row.decidedAt === null || row.decidedAt > t) return 'open'
  if (row.state === 'completed') return row.completedAt! <= t ? 'completed' : 'accepted'
  return row.state
}

function counts(rows: readonly LedgerRow[], t: number) {
  let outstanding = 0
  let accepted30 = 0
  let referenceCalls = 0
  let completed = 0
  for (const row of rows) {
    const state = stateAt(row, t)
    if (state === 'open' || state === 'accepted') outstanding++
    if ((state === 'accepted' || state === 'completed') && row.decidedAt! >= t - 30 * DAY_MS) accepted30++
    if (
      row.type === 'reference_call' &&
      (state === 'open' || state === 'accepted' || state === 'completed') &&
      row.askedAt >= t - 90 * DAY_MS
    )
      referenceCalls++
    if (state === 'completed') completed++
  }
  return { outstanding, accepted30, referenceCalls, completed }
}

/**
 * Would adding `candidate` keep "at most `max` accepted in any 30 days" at its decision and at every
 * later decision already recorded? (An earlier direct ask decided later would otherwise tip it over.)
 */
function acceptedCapHolds(rows: readonly LedgerRow[], candidate: LedgerRow, max = 2): boolean {
  if (candidate.state !== 'accepted' && candidate.state !== 'completed') return true
  const from = candidate.decidedAt!
  const checkpoints = [from, ...rows.map((r) => r.decidedAt).filter((d): d is number => d !== null && d > from && d < from + 30 * DAY_MS)]
  const all = [...rows, candidate]
  return checkpoints.every((t) => counts(all, t).accepted30 <= max)
}

export function generateHistory(
  random: Random,
  anchor: number,
  advocates: readonly AdvocateRow[],
  opportunities: readonly OpportunityRow[],
  content: readonly ContentRow[],
  totalInteractions: number,
): { ledger: LedgerRow[]; interactions: InteractionRow[] } {
  const historyStart = anchor - HISTORY_DAYS * DAY_MS
  const open = opportunities.filter((o) => o.status === 'open').sort((a, b) => a.createdAt - b.createdAt)
  const published = content.filter((c) => c.publishedAt !== null && c.publishedAt <= anchor).sort((a, b) => a.publishedAt! - b.publishedAt!)
  const taken = new Map<number, number>()
  const ledger: LedgerRow[] = []
  const interactions: InteractionRow[] = []

  for (const advocate of advocates) {
    const [min, max] = ASKS_BY_ACTIVITY[advocate.activity]
    if (max === 0) continue
    const start = Math.max(advocate.createdAt, historyStart)
    const times = Array.from({ length: between(random, min, max) }, () => start + random() * (anchor - HOUR_MS - start)).sort(
      (a, b) => a - b,
    )
    const { nps, health, segment } = advocate.account
    const promoter = nps !== null && nps >= 9 && health !== null && health >= 70
    const rows: LedgerRow[] = []
    const held = new Set<number>()
    for (const t of times) {
      const now = counts(rows, t)
      if (now.outstanding >= 2 || now.accepted30 >= 2) continue
      const fits = (o: OpportunityRow) =>
        o.createdAt <= t &&
        (o.startsAt === null || o.startsAt <= t) &&
        (o.endsAt === null || o.endsAt > t) &&
        !held.has(o.n) &&
        (o.capacity === null || (taken.get(o.n) ?? 0) < o.capacity) &&
        (o.type !== 'reference_call' || now.referenceCalls < 2)
      let row: LedgerRow | null = null
      if (promoter && chance(random, 0.65)) {
        for (let attempt = 0; attempt < 8 && !row; attempt++) {
          const o = pick(random, open)
          const unlocked = o.effort === 'low' || (o.effort === 'medium' ? now.completed >= 1 : now.completed >= 3)
          if (!fits(o) || !unlocked || o.minTier !== null || (o.segments.length > 0 && !o.segments.includes(segment))) continue
          const completedAt = t + between(random, 1, 14) * DAY_MS
          const state = chance(random, 0.05) ? 'declined' : completedAt <= anchor && chance(random, 0.75) ? 'completed' : 'accepted'
          const candidate: LedgerRow = {
            profileId: advocate.id,
            opportunityN: o.n,
            type: o.type,
            team: o.team,
            source: 'feed',
            note: null,
            askedAt: t,
            state,
            decidedAt: t,
            completedAt: state === 'completed' ? completedAt : null,
          }
          if (!acceptedCapHolds(rows, candidate)) break
          row = candidate
          interactions.push({
            profileId: advocate.id,
            itemKind: 'ask',
            itemN: o.n,
            kind: 'accepted',
            at: t,
            snoozedUntil: null,
            declineReason: null,
          })
        }
      }
      if (!row) {
        const catalogue = chance(random, 0.35) ? (open.find((o) => fits(o) && chance(random, 0.02)) ?? null) : null
        row = directAsk(random, advocate.id, t, anchor, catalogue, now.referenceCalls < 2)
        if (!acceptedCapHolds(rows, row)) Object.assign(row, { state: 'declined', completedAt: null })
      }
      rows.push(row)
      if (row.opportunityN !== null && (row.state === 'open' || row.state === 'accepted' || row.state === 'completed'))
        held.add(row.opportunityN)
      if (row.opportunityN !== null && (row.state === 'accepted' || row.state === 'completed'))
        taken.set(row.opportunityN, (taken.get(row.opportunityN) ?? 0) + 1)
    }
    ledger.push(...rows)
  }

  addBrowsing(random, anchor, historyStart, advocates, open, published, totalInteractions - interactions.length, interactions)
  return { ledger, interactions }
}

/** A team's ask outside the feed: open for a few days, then accepted (maybe completed), declined or expired. */
function directAsk(
  random: Random,
  profileId: string,
  t: number,
  anchor: number,
  o: OpportunityRow | null,
  referenceCallAllowed: boolean,
): LedgerRow {
  const decidedAt = t + between(random, 0, 5) * DAY_MS + between(random, 0, 12) * HOUR_MS
  const outcome = weighted(random, ['accepted', 'declined', 'expired'] as const, [55, 30, 15])
  const completedAt = decidedAt + between(random, 1, 20) * DAY_MS
  const base = {
    profileId,
    opportunityN: o?.n ?? null,
    type:
      o?.type ??
      pick(
        random,
        referenceCallAllowed
          ? ['reference_call', 'case_study', 'review', 'beta_feedback', 'speaking', 'peer_intro']
          : ['case_study', 'review'],
      ),
    team: o?.team ?? pick(random, TEAMS),
    source: 'direct' as const,
    note: o ? null : `Direct ask from the ${pick(random, TEAMS).replace('_', ' ')} team`,
    askedAt: t,
  }
  if (decidedAt > anchor) return { ...base, state: 'open', decidedAt: null, completedAt: null }
  if (outcome !== 'accepted') return { ...base, state: outcome, decidedAt, completedAt: null }
  const completed = completedAt <= anchor && chance(random, 0.7)
  return { ...base, state: completed ? 'completed' : 'accepted', decidedAt, completedAt: completed ? completedAt : null }
}

/** Views, opens, declines and snoozes, spread by activity so a few power users carry hundreds. */
function addBrowsing(
  random: Random,
  anchor: number,
  historyStart: number,
  advocates: readonly AdvocateRow[],
  open: readonly OpportunityRow[],
  published: readonly ContentRow[],
  total: number,
  into: InteractionRow[],
) {
  const weights = advocates.map((a) => INTERACTION_WEIGHT[a.activity])
  const sum = weights.reduce((a, b) => a + b, 0)
  const quotas = weights.map((w) => Math.floor((total * w) / sum))
  for (let i = 0, left = total - quotas.reduce((a, b) => a + b, 0); left > 0; i = (i + 1) % quotas.length, left--) quotas[i]++
  /** How many of a list sorted by `at` existed at time t. */
  const existing = <T>(list: readonly T[], at: (x: T) => number, t: number) => {
    let lo = 0
    let hi = list.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (at(list[mid]) <= t) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  advocates.forEach((advocate, i) => {
    const start = Math.max(advocate.createdAt, historyStart)
    for (let made = 0; made < quotas[i];) {
      const at = start + random() * (anchor - start)
      const kind = weighted(random, ['shown', 'opened', 'declined', 'snoozed'] as const, [70, 20, 6, 4])
      const askShare = kind === 'declined' ? 0.6 : kind === 'snoozed' ? 0.5 : 0.3
      const asks = existing(open, (o) => o.createdAt, at)
      const gives = existing(published, (c) => c.publishedAt!, at)
      const ask = asks > 0 && (gives === 0 || chance(random, askShare))
      if (!ask && gives === 0) continue
      into.push({
        profileId: advocate.id,
        itemKind: ask ? 'ask' : 'content',
        itemN: ask ? open[Math.floor(random() * asks)].n : published[Math.floor(random() * gives)].n,
        kind,
        at,
        snoozedUntil: kind === 'snoozed' ? at + between(random, 1, 30) * DAY_MS : null,
        declineReason: kind === 'declined' && chance(random, 0.4) ? pick(random, DECLINE_REASONS) : null,
      })
      made++
    }
  })
}
