/**
 * Turning scored candidates into one feed: which asks make the cut, and how they interleave with
 * gives (domain.md §4 "compose"). Works on indices into the caller's arrays so nothing is copied
 * per candidate. A feed entry is `ask index` (≥ 0) or `-1 - content index` (< 0).
 */
import type { AskHistory } from './fatigue.ts'
import type { FeedSettings } from './settings.ts'
import { CONTENT_KINDS, type ContentItem, type Opportunity } from './types.ts'

export const encodeContent = (index: number) => -1 - index
export const decodeContent = (entry: number) => -1 - entry

/** Higher score first; equal scores by id (code-unit order, not locale), so the order never depends on input order. */
function byScoreThenId(scores: Float64Array, ids: readonly { id: string }[]) {
  return (a: number, b: number): number => {
    const diff = scores[b] - scores[a]
    if (diff !== 0) return diff
    const idA = ids[a].id
    const idB = ids[b].id
    return idA < idB ? -1 : idA > idB ? 1 : 0
  }
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
  candidates.sort(
    newcomer
      ? (a, b) => Number(opportunities[a].effort !== 'low') - Number(opportunities[b].effort !== 'low') || byScore(a, b)
      : byScore,
  )
  const selected: number[] = []
  const typeLeft = new Map(history.typeHeadroom)
  for (const index of candidates) {
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
  /** Per kind, in rank order, so the interleave can pick "the best of another kind" in O(kinds). */
  byKind: number[][]
  /** Each content index's overall rank (only meaningful for candidates). */
  rank: Int32Array
}

export function rankContent(candidates: number[], scores: Float64Array, content: readonly ContentItem[]): RankedContent {
  candidates.sort(byScoreThenId(scores, content))
  const byKind: number[][] = CONTENT_KINDS.map(() => [])
  const rank = new Int32Array(content.length)
  for (let i = 0; i < candidates.length; i++) {
    const index = candidates[i]
    rank[index] = i
    byKind[CONTENT_KINDS.indexOf(content[index].kind)].push(index)
  }
  return { byKind, rank }
}

/**
 * Greedy, position by position:
 * - an ask goes in as soon as the rule of thirds allows (no two asks within `askSpacing` items),
 *   except at the top of a page for a newcomer;
 * - otherwise the best remaining give whose kind differs from the previous item's; the same kind
 *   again only when no other kind is left.
 * Asks never sit next to each other and never share a type with a give, so this alone keeps two
 * items of one type apart whenever an alternative exists. When gives run out, the feed ends even
 * if asks remain: value first.
 */
export function interleave(
  asks: readonly number[],
  content: RankedContent,
  newcomer: boolean,
  settings: FeedSettings,
): number[] {
  const { byKind: contentByKind, rank: contentRank } = content
  const spacing = Math.max(2, settings.askSpacing)
  const total = asks.length + contentByKind.reduce((sum, list) => sum + list.length, 0)
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
    let kind = pickKind(contentByKind, heads, contentRank, previousKind)
    if (kind < 0) kind = previousKind >= 0 && heads[previousKind] < contentByKind[previousKind].length ? previousKind : -1
    if (kind < 0) break
    feed.push(encodeContent(contentByKind[kind][heads[kind]++]))
    previousKind = kind
  }
  return feed
}

/** The kind whose best remaining item ranks highest, skipping `exclude`; -1 if none. */
function pickKind(contentByKind: readonly number[][], heads: Int32Array, contentRank: Int32Array, exclude: number): number {
  let best = -1
  let bestRank = Infinity
  for (let kind = 0; kind < contentByKind.length; kind++) {
    if (kind === exclude || heads[kind] >= contentByKind[kind].length) continue
    const rank = contentRank[contentByKind[kind][heads[kind]]]
    if (rank < bestRank) {
      best = kind
      bestRank = rank
    }
  }
  return best
}
