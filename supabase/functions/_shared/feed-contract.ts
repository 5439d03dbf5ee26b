/**
 * The `feed` function's response contract (GET /functions/v1/feed), shared with the UI:
 * - `?cursor=…&limit=…&kind=ask|content&type=<opportunity type or content kind>` → `FeedResponse`;
 * - `?item=ask:<id>` or `?item=content:<id>` → `FeedItemExplanation` (ADR 006).
 * - `?advocate=<profile id>` with either of those: the same for another advocate, plus the
 *   eligibility verdict with its reasons (`AdminFeedResponse`, `AdminFeedItemExplanation`). Only
 *   for program admins (the live role) and the service role: 403 `forbidden` for anyone else.
 * An advocate learns only whether asks are paused for them (`asksPaused`), never why: the reasons
 * name the program's assessment of them (NPS, health score, activity), which is not theirs to read.
 * Errors are the usual `{ error, message }`: 400 `invalid_query`, `malformed` or
 * `unsupported_version` (cursor), 401 `unauthorized`, 404 `not_found` (an item the caller cannot
 * see), 405 `method_not_allowed`, 409 `expired` or `stale` (cursor: reload page 1; also a cursor
 * from another filter), 500 `server_error`.
 */
import type { AskBlocker, ContentKind, Effort, EligibilityReason, FeedCursorErrorCode, HiddenReason, OpportunityType } from './matching.ts'

export type { AskBlocker, HiddenReason }

/** Every `error` the feed answers with (above); the app checks refusals against it. */
export const FEED_ERROR_CODES = [
  'invalid_query',
  'malformed',
  'unsupported_version',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'expired',
  'stale',
  'server_error',
] as const
export type FeedErrorCode = (typeof FEED_ERROR_CODES)[number]

/** A cursor code the list above lacks fails typecheck here: the feed answers with all of them. */
const _cursorErrorsAreFeedErrors: Record<FeedCursorErrorCode, FeedErrorCode> = {
  malformed: 'malformed',
  unsupported_version: 'unsupported_version',
  expired: 'expired',
  stale: 'stale',
}

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

/** The full verdict, with the reasons: admins only. */
export interface FeedEligibility {
  eligible: boolean
  reasons: EligibilityReason[]
}

export interface FeedResponse {
  items: FeedResponseItem[]
  nextCursor: string | null
  /** True when the program is not offering this advocate asks right now (content still flows). */
  asksPaused: boolean
}

/** `?advocate=…` for an admin: the advocate's page and why asks are or are not offered. */
export interface AdminFeedResponse extends FeedResponse {
  eligibility: FeedEligibility
}

/**
 * One item explained (`?item=ask:<id>`): its reasons whether or not the feed shows it, and for
 * an ask whether the caller may accept it now.
 * - `offerable`: nothing in `blockedBy`. For a give: published and for the caller's segment.
 * - `blockedBy`: every rule that stops an accept, with the codes the `accept_ask` RPC raises, in
 *   the order it checks them (`ASK_BLOCKERS`), so `blockedBy[0]` is what an accept would answer.
 *   `not_available` also for a give the caller can't be offered.
 * - `hiddenBecause`: the caller's own choices (`declined_recently`, `snoozed`) that keep the item
 *   out of the feed but do not stop an explicit accept. Informational; `offerable` ignores them.
 * - `item`: null only when the caller can see the row but it is not live (an admin looking at a
 *   draft ask or an unpublished give); then `blockedBy` is `['not_available']`.
 */
export interface FeedItemExplanation {
  item: FeedResponseItem | null
  offerable: boolean
  blockedBy: AskBlocker[]
  hiddenBecause: HiddenReason[]
  asksPaused: boolean
}

/** `?item=…&advocate=…` for an admin. */
export interface AdminFeedItemExplanation extends FeedItemExplanation {
  eligibility: FeedEligibility
}
