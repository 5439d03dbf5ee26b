/**
 * Who may execute which function in the exposed schemas, in `schema.name(identity args)` form
 * (`pg_get_function_identity_arguments`). `functions.test.ts` checks the catalogue against these
 * lists and calls every function through PostgREST as each principal.
 *
 * The anon list is the SQL lint's (H004, tests/db/support/lint-rules.ts): one list, so the lint
 * and the attack suite cannot disagree about what a signed-out visitor may call.
 */
import { ANON_EXECUTABLE_FUNCTIONS } from '../support/lint-rules.ts'

/** What a signed-out visitor may execute: the health check only. */
export const ANON_FUNCTIONS: readonly string[] = ANON_EXECUTABLE_FUNCTIONS

/**
 * What a signed-in user's role (`authenticated`) may execute. Everything else in an exposed
 * schema is for the service role only (record_submission behind submit-ask, hit_rate_limit
 * behind the portal's limiter).
 */
export const SIGNED_IN_FUNCTIONS: readonly string[] = [
  'public.healthz()',
  'public.accept_ask(opportunity_id bigint)',
  'public.withdraw_ask(ask_id bigint)',
  'public.review_submission(submission_id bigint, decision text, note text)',
  // A computed column (profiles?select=feed_catalogue_version); not callable as an RPC.
  'public.feed_catalogue_version(profiles)',
  // The feed's catalogue as one JSON value, past PostgREST's row cap (ADR 011); invoker rights.
  'public.feed_catalogue(as_of timestamp with time zone, only_ask bigint, only_content bigint)',
  // A computed column (profiles?select=points_total): the balance summed in SQL (ADR 011).
  'public.points_total(profiles)',
]

/** Signed-in users may execute these, but the function refuses anyone who is not an admin now (42501). */
export const ADMIN_ONLY_FUNCTIONS: readonly string[] = ['public.review_submission(submission_id bigint, decision text, note text)']
