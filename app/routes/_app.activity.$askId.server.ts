/**
 * /activity/:askId: complete an accepted ask with its guided form, or withdraw from it. The form
 * is validated here with the shared per-type schema (field-level messages), then handed to the
 * `submit-ask` function, which validates again and records it (ADR 006).
 */
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { submissionSchemaFor } from '../../supabase/functions/_shared/submission-schemas.ts'
import type { SubmitAskResponse } from '../../supabase/functions/_shared/ask-contract.ts'
import { invokeFunction, type FunctionErrorCode } from '~/lib/functions.server.ts'
import { rpcRefusal, WITHDRAW_ASK_REFUSAL_CODES, WITHDRAW_ASK_REFUSALS } from '~/lib/rpc-refusal.ts'
import { requireUser } from '~/lib/auth.server.ts'
import { parseIdParam } from '~/lib/route-params.ts'
import type { AppSupabaseClient } from '~/lib/supabase.server.ts'

/** The advocate's ask with what its form needs; 404 when it isn't theirs (RLS hides it). */
async function loadAsk(supabase: AppSupabaseClient, profileId: string, askId: number) {
  const [askRes, submissionRes] = await Promise.all([
    supabase
      .from('ask_ledger')
      .select('id, type, state, opportunities(id, title, body, action_url, incentive_disclosure)')
      .eq('id', askId)
      .eq('profile_id', profileId)
      .maybeSingle(),
    supabase
      .from('submissions')
      .select('id, status, submitted_at, review_note')
      .eq('ask_ledger_id', askId)
      .order('submitted_at', { ascending: false })
      .limit(1)
      .maybeSingle(),
  ])
  if (askRes.error) throw askRes.error
  if (submissionRes.error) throw submissionRes.error
  if (!askRes.data) throw new Response('We couldn’t find that ask.', { status: 404 })
  return { ask: askRes.data, latestSubmission: submissionRes.data }
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, supabase, headers } = await requireUser(request, context)
  const askId = parseIdParam(params.askId, 'We couldn’t find that ask.')
  const { ask, latestSubmission } = await loadAsk(supabase, user.id, askId)
  const opportunity = ask.opportunities
  const disclosure = opportunity?.incentive_disclosure ?? null
  return data(
    {
      ask: { id: ask.id, type: ask.type, state: ask.state },
      opportunity: opportunity
        ? { id: opportunity.id, title: opportunity.title, body: opportunity.body, actionUrl: opportunity.action_url, disclosure }
        : null,
      latestSubmission,
      justAccepted: new URL(request.url).searchParams.has('accepted'),
      // Validation runs on the server; the browser gets the constraints (required, lengths) only.
      constraint: getZodConstraint(submissionSchemaFor(ask.type, { requiresDisclosure: disclosure !== null })),
    },
    { headers },
  )
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, supabase, headers } = await requireUser(request, context)
  const askId = parseIdParam(params.askId, 'We couldn’t find that ask.')
  const formData = await request.formData()

  if (formData.get('intent') === 'withdraw') {
    const { error } = await supabase.rpc('withdraw_ask', { ask_id: askId })
    if (error) {
      const refusal = rpcRefusal(error, WITHDRAW_ASK_REFUSAL_CODES)
      if (refusal) return data({ result: null, formError: WITHDRAW_ASK_REFUSALS[refusal.code] }, { status: refusal.status, headers })
      throw error
    }
    return redirect('/feed?notice=withdrawn', { headers })
  }

  const { ask } = await loadAsk(supabase, user.id, askId)
  const requiresDisclosure = (ask.opportunities?.incentive_disclosure ?? null) !== null
  const submission = parseWithZod(formData, { schema: submissionSchemaFor(ask.type, { requiresDisclosure }) })
  if (submission.status !== 'success') return data({ result: submission.reply(), formError: null }, { status: 400, headers })

  const { refusal } = await invokeFunction<'submit-ask', SubmitAskResponse>(supabase, 'submit-ask', {
    body: { askId, payload: submission.value },
  })
  if (!refusal) return redirect('/activity?notice=submitted', { headers })
  if (refusal.code === 'invalid_payload' && refusal.fieldErrors) {
    return data({ result: submission.reply({ fieldErrors: refusal.fieldErrors }), formError: null }, { status: 400, headers })
  }
  return data({ result: submission.reply(), formError: SUBMIT_REFUSALS[refusal.code] }, { status: refusal.status, headers })
}

const SUBMIT_REFUSED = 'We couldn’t take this in just now. Please try again in a moment.'
const NO_LONGER_OPEN = 'This ask can’t take a submission any more. You’ll find where it stands in My activity.'

/** submit-ask's refusals in the advocate's words, one for every code (the function only names them). */
const SUBMIT_REFUSALS: Record<FunctionErrorCode<'submit-ask'>, string> = {
  already_submitted: 'You’ve already sent this one; it’s waiting for review.',
  not_accepted: NO_LONGER_OPEN,
  not_found: NO_LONGER_OPEN,
  unauthorized: 'Your session has ended. Please sign in again and send it once more.',
  // The form checks the same schema first, so these mean the form and the function disagree.
  invalid_payload: 'Some of the details weren’t accepted. Please check the form and send it again.',
  invalid_body: SUBMIT_REFUSED,
  method_not_allowed: SUBMIT_REFUSED,
  server_error: SUBMIT_REFUSED,
  unknown: SUBMIT_REFUSED,
}
