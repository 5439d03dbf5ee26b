/**
 * POST /functions/v1/submit-ask: hands in the caller's accepted ask
 * (docs/decisions/006-asking-and-completing.md).
 *
 * Body `{ askId, payload }` → 201 `{ submission: { id, status, type, submittedAt } }`. The ask is
 * read with the caller's JWT (RLS: their own only), the payload validated with its type's schema
 * (_shared/submission-schemas.ts), and the submission written by `record_submission()`, which
 * only the service role may call and which re-checks, under a row lock, that the ask is the
 * caller's, accepted and not yet handed in. A review whose ask carries an incentive stores the
 * disclosure text the advocate acknowledged. Errors: see SubmitAskError (_shared/ask-contract.ts).
 */
import { z } from 'zod'
import { CONFLICT_SQLSTATE, NOT_FOUND_SQLSTATE, type SubmitAskError, type SubmitAskResponse } from '../_shared/ask-contract.ts'
import { createCallerClient, createServiceClient } from '../_shared/clients.ts'
import { preflight } from '../_shared/cors.ts'
import { errorResponse, json, methodNotAllowed, statusForPostgrestError } from '../_shared/http.ts'
import { fieldErrorsOf, submissionSchemaFor, type StoredDisclosure } from '../_shared/submission-schemas.ts'
import { describeZodError } from '../_shared/survey-schemas.ts'
import { verifyCaller } from '../_shared/verify-caller.ts'

const env = {
  url: Deno.env.get('SUPABASE_URL')!,
  anonKey: Deno.env.get('SUPABASE_ANON_KEY')!,
  serviceRoleKey: Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!,
  jwks: Deno.env.get('SUPABASE_JWKS'),
}

const BodySchema = z
  .object({
    askId: z
      .number({ required_error: 'askId is required', invalid_type_error: 'askId must be a number' })
      .int('askId must be an integer')
      .positive('askId must be positive')
      .max(Number.MAX_SAFE_INTEGER),
    payload: z.record(z.unknown(), { required_error: 'payload is required', invalid_type_error: 'payload must be an object' }),
  })
  .strict()

const notFound = () => errorResponse(404, 'not_found', 'We couldn’t find that ask among yours.')

async function handle(req: Request): Promise<Response> {
  if (req.method === 'OPTIONS') return preflight()
  if (req.method !== 'POST') return methodNotAllowed(['POST'])

  const verified = await verifyCaller(req, env)
  const profileId = verified?.kind === 'user' ? verified.id : null
  if (!profileId) return errorResponse(401, 'unauthorized', 'sign in to hand in an ask')

  let raw: unknown
  try {
    raw = await req.json()
  } catch {
    return errorResponse(400, 'invalid_body', 'the body must be JSON: { askId, payload }')
  }
  const body = BodySchema.safeParse(raw)
  if (!body.success) return errorResponse(400, 'invalid_body', describeZodError(body.error))
  const { askId, payload } = body.data

  // RLS shows advocates their own asks only; the profile filter keeps an admin to theirs too.
  const caller = createCallerClient(req, env)
  const { data: ask, error: askError } = await caller
    .from('ask_ledger')
    .select('id, type, opportunity_id')
    .eq('id', askId)
    .eq('profile_id', profileId)
    .maybeSingle()
  if (askError) return errorResponse(statusForPostgrestError(askError.code), 'server_error', askError.message)
  if (!ask) return notFound()

  // The disclosure belongs to the ask the advocate accepted, even if the opportunity has closed
  // since (RLS would hide a closed one from them): read it with the service role, by the id
  // from the caller's own ledger row.
  const service = createServiceClient(env)
  let disclosure: string | null = null
  if (ask.type === 'review' && ask.opportunity_id !== null) {
    const { data: opportunity, error } = await service
      .from('opportunities')
      .select('incentive_disclosure')
      .eq('id', ask.opportunity_id)
      .maybeSingle()
    if (error) return errorResponse(500, 'server_error', error.message)
    disclosure = opportunity?.incentive_disclosure ?? null
  }

  const parsed = submissionSchemaFor(ask.type, { requiresDisclosure: disclosure !== null }).safeParse(payload)
  if (!parsed.success) {
    return json(
      {
        error: 'invalid_payload',
        message: describeZodError(parsed.error),
        fieldErrors: fieldErrorsOf(parsed.error),
      } satisfies SubmitAskError,
      400,
    )
  }
  const stored: Record<string, unknown> = { ...(parsed.data as Record<string, unknown>) }
  if (disclosure !== null) stored.disclosure = { text: disclosure, acknowledgedAt: new Date().toISOString() } satisfies StoredDisclosure

  const { data: submission, error } = await service.rpc('record_submission', {
    profile_id: profileId,
    ask_id: ask.id,
    payload: stored as never,
  })
  if (error) {
    if (error.code === CONFLICT_SQLSTATE && (error.details === 'not_accepted' || error.details === 'already_submitted')) {
      return errorResponse(409, error.details, error.message)
    }
    if (error.code === NOT_FOUND_SQLSTATE) return notFound()
    const status = statusForPostgrestError(error.code)
    return errorResponse(status, status === 400 ? 'invalid_payload' : 'server_error', error.message)
  }

  return json(
    {
      submission: { id: submission.id, status: 'submitted', type: submission.type, submittedAt: submission.submitted_at },
    } satisfies SubmitAskResponse,
    201,
  )
}

export default {
  async fetch(req: Request): Promise<Response> {
    try {
      return await handle(req)
    } catch (error) {
      console.error('submit-ask:', error)
      return errorResponse(500, 'server_error', 'something went wrong; please try again')
    }
  },
}
