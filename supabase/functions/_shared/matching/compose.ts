/**
 * Turning scored candidates into one feed: which asks make the cut, and how they interleave with
 * gives (domain.md §4 "compose"). Works on indices into the caller's arrays so nothing is copied
 * per candidate. A feed entry is `ask index` (≥ 0) or `-1 - content index` (< 0).
 */
import type { AskHistory } from './fatigue.ts'
import type { FeedSettings } from './settings.ts'
import type { ContentItem, Opportunity } from './types.ts'

export const encodeContent = (index: number) => -1 - index
export const decodeContent = (entry: number) => -1 - entry

/** Higher score first; equal scores by id (code-unit order, not locale), so the order never depends on input order. */
export function byScoreThenId(scores: Float64Array, ids: readonly { id: string }[]) {
  return (a: number, b: number): number => {
    const diff = scores[b] - scores[a]
    if (diff !== 0) return diff
    const idA = ids[a].id
    const idB = ids[b].id
    return idA < idB ? -1 : idA > idB ? 1 : 0
  }
}

/**
 * Candidates handed out best first: a heap built in O(n), then O(log n) per item taken, so
 * taking the few a page needs from 20,000 gives costs a pass, not a sort (ADR 011's plan, step 2).
 * Owns (and reorders) the array it is given.
 */
export class BestFirst {
  private size: number

  constructor(
    private readonly heap: number[],
    private readonly compare: (a: number, b: number) => number,
  ) {
    this.size = heap.length
    for (let i = (this.size >> 1) - 1; i >= 0; i--) this.siftDown(i)
  }

  /** The best candidate not yet taken, or -1 when none is left. */
  take(): number {
    if (this.size === 0) return -1
    const best = this.heap[0]
    this.size -= 1
    this.heap[0] = this.heap[this.size]
    this.siftDown(0)
    return best
  }

  private siftDown(at: number): void {
    const { heap, compare, size } = this
    const item = heap[at]
    for (;;) {
      let child = 2 * at + 1
      if (child >= size) break
      if (child + 1 < size && compare(heap[child + 1], heap[child]) < 0) child += 1
      if (compare(heap[child], item) >= 0) break
      heap[at] = heap[child]
      at = child
    }
    heap[at] = item
  }
}

/** The first `count` of `candidates` in `compare` order (a plain sort when most are wanted). */
export function takeBest(candidates: number[], compare: (a: number, b: number) => number, count: number): number[] {
  if (count * 4 >= candidates.length) return candidates.sort(compare).slice(0, Math.max(0, count))
  const best: number[] = []
  const heap = new BestFirst(candidates, compare)
  while (best.length < count) best.push(heap.take())
  return best
}

/**
 * The asks the feed will offer, in order. Newcomers see low-effort asks first (the low-barrier
 * start). The total never exceeds the fatigue headroom, nor any type's cooldown headroom, so an
 * advocate who accepted everything shown would still be within every cap.
 */
export function selectAsks(
  candidates: number[],
  scores: Float64Array,
  opportunities: readonly Opportunity[],
  newcomer: boolean,
  history: AskHistory,
): number[] {
  if (history.askHeadroom === 0 || candidates.length === 0) return []
  const byScore = byScoreThenId(scores, opportunities)
  const compare = newcomer
    ? (a: number, b: number) => Number(opportunities[a].effort !== 'low') - Number(opportunities[b].effort !== 'low') || byScore(a, b)
    : byScore
  const selected: number[] = []
  const typeLeft = new Map(history.typeHeadroom)
  // Types at their cooldown are skipped, so the best are taken one by one until the headroom is used.
  const ranked = new BestFirst(candidates, compare)
  for (let index = ranked.take(); index >= 0; index = ranked.take()) {
    const type = opportunities[index].type
    const left = typeLeft.get(type)
    if (left === 0) continue
    if (left !== undefined) typeLeft.set(type, left - 1)
    selected.push(index)
    if (selected.length === history.askHeadroom) break
  }
  return selected
}

export interface RankedContent {
  /** Per kind, the best gives in rank order (at most the positions the caller needs). */
  byKind: number[][]
  /** Orders two gives of different kinds: the interleave picks "the best of another kind". */
  compare: (a: number, b: number) => number
}

/**
 * The gives grouped by kind, best first, each kind cut to `perKind`: the composed feed's first
 * `perKind` positions can use no more of one kind, so a page needs only its own prefix.
 */
export function rankContent(
  candidatesByKind: number[][],
  scores: Float64Array,
  content: readonly ContentItem[],
  perKind: number,
): RankedContent {
  const compare = byScoreThenId(scores, content)
  return { byKind: candidatesByKind.map((candidates) => takeBest(candidates, compare, perKind)), compare }
}

/**
 * Greedy, position by position:
 * - an ask goes in as soon as the rule of thirds allows (no two asks within `askSpacing` items),
 *   except at the top of a page for a newcomer;
 * - otherwise the best remaining give whose kind differs from the previous item's; the same kind
 *   again only when no other kind is left.
 * Asks never sit next to each other and never share a type with a give, so this alone keeps two
 * items of one type apart whenever an alternative exists. When gives run out, the feed ends even
 * if asks remain: value first. Stops after `limit` positions: each position uses at most one give,
 * so the first `limit` positions need no more than `limit` gives of any kind (see rankContent).
 */
export function interleave(
  asks: readonly number[],
  content: RankedContent,
  newcomer: boolean,
  settings: FeedSettings,
  limit: number,
): number[] {
  const { byKind: contentByKind, compare } = content
  const spacing = Math.max(2, settings.askSpacing)
  const total = Math.min(limit, asks.length + contentByKind.reduce((sum, list) => sum + list.length, 0))
  const heads = new Int32Array(contentByKind.length)
  const feed: number[] = []
  let nextAsk = 0
  let lastAskAt = -spacing
  let previousKind = -1

  while (feed.length < total) {
    const position = feed.length
    const askAllowed = position - lastAskAt >= spacing && !(newcomer && position % settings.pageSize === 0)
    if (nextAsk < asks.length && askAllowed) {
      feed.push(asks[nextAsk++])
      lastAskAt = position
      previousKind = -1
      continue
    }
    let kind = pickKind(contentByKind, heads, compare, previousKind)
    if (kind < 0) kind = previousKind >= 0 && heads[previousKind] < contentByKind[previousKind].length ? previousKind : -1
    if (kind < 0) break
    feed.push(encodeContent(contentByKind[kind][heads[kind]++]))
    previousKind = kind
  }
  return feed
}

/** The kind whose best remaining item ranks highest, skipping `exclude`; -1 if none. */
function pickKind(
  contentByKind: readonly number[][],
  heads: Int32Array,
  compare: (a: number, b: number) => number,
  exclude: number,
): number {
  let best = -1
  for (let kind = 0; kind < contentByKind.length; kind++) {
    if (kind === exclude || heads[kind] >= contentByKind[kind].length) continue
    if (best < 0 || compare(contentByKind[kind][heads[kind]], contentByKind[best][heads[best]]) < 0) best = kind
  }
  return best
}
