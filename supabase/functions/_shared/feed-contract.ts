/**
 * The `feed` function's response contract (GET /functions/v1/feed), shared with the UI.
 * Errors are the usual `{ error, message }`: 400 `invalid_query`, `malformed` or
 * `unsupported_version` (cursor), 401 `unauthorized`, 405 `method_not_allowed`, 409 `expired` or
 * `stale` (cursor: reload page 1), 500 `server_error`.
 */
import type { ContentKind, Effort, EligibilityReason, OpportunityType } from './matching.ts'

/** The largest `limit` a caller may ask for; the default is the program's page size. */
export const FEED_MAX_LIMIT = 50

export interface FeedItemBase {
  id: string
  reasons: string[]
}

export interface FeedAskItem extends FeedItemBase {
  kind: 'ask'
  type: OpportunityType
  title: string
  excerpt: string
  effort: Effort
  points: number
  estimatedMinutes: number | null
}

export interface FeedContentItem extends FeedItemBase {
  kind: 'content'
  type: ContentKind
  title: string
  excerpt: string
  url: string | null
}

export type FeedResponseItem = FeedAskItem | FeedContentItem

export interface FeedResponse {
  items: FeedResponseItem[]
  nextCursor: string | null
  eligibility: { eligible: boolean; reasons: EligibilityReason[] }
}
