/**
 * The ask flow's wire contract, shared with the UI (docs/decisions/006-asking-and-completing.md):
 * the codes `accept_ask` and `withdraw_ask` raise (PostgREST error `details`; `message` is a
 * sentence to show), and the `submit-ask` function's request and responses.
 */
import type { OpportunityType } from './matching/types.ts'

/**
 * `accept_ask` refusals: SQLSTATE PT409 (HTTP 409), the code in DETAIL, in the order it checks them.
 * `withdrawn_recently`: the caller withdrew from this ask less than WITHDRAWN_REACCEPT_HOURS ago.
 */
export const ACCEPT_ASK_CONFLICTS = [
  'not_eligible',
  'open_asks_cap',
  'accepted_asks_cap',
  'type_cooldown',
  'effort_locked',
  'already_taken',
  'full',
  'withdrawn_recently',
] as const

/** How long a withdrawn ask stays closed to the advocate who withdrew (migration …20261203000100). */
export const WITHDRAWN_REACCEPT_HOURS = 24

/** `accept_ask` on an ask that is missing, not open, outside its window or not for the caller: PT404 (HTTP 404). */
export const ACCEPT_ASK_NOT_AVAILABLE = 'not_available'

/** `withdraw_ask` and `record_submission` refusals: PT409 (HTTP 409); a missing or someone else's ask is PT404 `not_found`. */
export const ASK_STATE_CONFLICTS = ['not_accepted', 'already_submitted'] as const

/**
 * The SQLSTATEs the ask RPCs raise: PostgREST answers `PT<status>` with that HTTP status and
 * passes DETAIL (the code) as `details` and MESSAGE (a sentence to show) as `message`. Not P0002:
 * PostgREST answers that one with a 500.
 */
export const CONFLICT_SQLSTATE = 'PT409'
export const NOT_FOUND_SQLSTATE = 'PT404'

/** 201 body of submit-ask. */
export interface SubmitAskResponse {
  submission: {
    id: number
    status: 'submitted'
    type: OpportunityType
    submittedAt: string
  }
}

/** Every `error` submit-ask answers with (described below); the app checks refusals against it. */
export const SUBMIT_ASK_ERROR_CODES = [
  'invalid_body',
  'invalid_payload',
  'unauthorized',
  'not_found',
  ...ASK_STATE_CONFLICTS,
  'method_not_allowed',
  'server_error',
] as const
export type SubmitAskErrorCode = (typeof SUBMIT_ASK_ERROR_CODES)[number]

/**
 * 4xx/5xx body of submit-ask: 400 `invalid_body` (not `{ askId, payload }`) or `invalid_payload`
 * (with `fieldErrors`, the messages the form shows per field), 401 `unauthorized`, 404
 * `not_found` (no such ask of the caller's), 405 `method_not_allowed`, 409 `not_accepted` or
 * `already_submitted`, 500 `server_error`. The gateway's own 401 (no or bad JWT) is `{ msg }`.
 */
export interface SubmitAskError {
  error: SubmitAskErrorCode
  message: string
  fieldErrors?: Record<string, string[]>
}
