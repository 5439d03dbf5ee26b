/**
 * The ask RPCs refuse with a stable code (ADR 006): SQLSTATE PT409 or PT404, the code in DETAIL.
 * Their MESSAGE is English for developers and logs; the UI picks its own words by the code.
 */
import type { PostgrestError } from '@supabase/supabase-js'
import { ASK_STATE_CONFLICTS, CONFLICT_SQLSTATE, NOT_FOUND_SQLSTATE } from '../../supabase/functions/_shared/ask-contract.ts'

export interface RpcRefusal<Code extends string> {
  status: 404 | 409
  code: Code
}

/** The refusal `error` carries, if it is one of `codes`; null for anything else (a fault to throw). */
export function rpcRefusal<Code extends string>(error: PostgrestError, codes: readonly Code[]): RpcRefusal<Code> | null {
  const status = error.code === CONFLICT_SQLSTATE ? 409 : error.code === NOT_FOUND_SQLSTATE ? 404 : null
  if (status === null) return null
  const code = codes.find((known) => known === error.details)
  return code === undefined ? null : { status, code }
}

/** `withdraw_ask`'s codes: its PT409 conflicts and the PT404 for an ask that isn't the caller's. */
export const WITHDRAW_ASK_REFUSAL_CODES = [...ASK_STATE_CONFLICTS, 'not_found'] as const
export type WithdrawAskRefusal = (typeof WITHDRAW_ASK_REFUSAL_CODES)[number]

/** One sentence per code: a new code fails typecheck until it has words. */
export const WITHDRAW_ASK_REFUSALS: Record<WithdrawAskRefusal, string> = {
  already_submitted: 'You’ve already handed this ask in, so it can’t be withdrawn. You’ll find where it stands in My activity.',
  not_accepted: 'Only an ask you’ve taken on can be withdrawn. You’ll find where it stands in My activity.',
  not_found: 'We couldn’t find that ask among yours.',
}
