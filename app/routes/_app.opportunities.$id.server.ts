/**
 * /opportunities/:id: one ask, why it is shown, what it takes and gives, and the advocate's
 * choices: accept (the `accept_ask` RPC enforces every cap, ADR 006), decline with an optional
 * reason, or snooze until a date (a day in the advocate's zone, ADR 013). Declines and snoozes are the advocate's own log rows (RLS).
 */
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import type { FeedItemExplanation } from '../../supabase/functions/_shared/feed-contract.ts'
import { ASK_BLOCKERS } from '../../supabase/functions/_shared/matching.ts'
import { RECOGNITION_LABELS } from '../../supabase/functions/_shared/personality-copy.ts'
import { requireUser } from '~/lib/auth.server.ts'
import { parseIdParam } from '~/lib/route-params.ts'
import { FeedRequestError, invokeFeed } from '~/lib/feed.server.ts'
import { BLOCKED_MESSAGES } from '~/lib/feed-labels.ts'
import { rpcRefusal } from '~/lib/rpc-refusal.ts'
import { DECLINE_REASONS, SNOOZE_MAX_DAYS, snoozeBounds } from '~/lib/ask-choices.ts'
import { formatDate, startOfDayIso } from '~/lib/dates.ts'
import { getTimeZone } from '~/lib/time-zone.server.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, supabase, headers } = await requireUser(request, context)
  const id = parseIdParam(params.id, 'We couldn’t find that ask.')
  const [opportunityRes, ledgerRes, profileRes, explanation] = await Promise.all([
    supabase
      .from('opportunities')
      .select('id, type, title, body, effort, points, estimated_minutes, ends_at, action_url, incentive_disclosure')
      .eq('id', id)
      .eq('status', 'open')
      .maybeSingle(),
    supabase
      .from('ask_ledger')
      .select('id, state, decided_at')
      .eq('profile_id', user.id)
      .eq('opportunity_id', id)
      .order('asked_at', { ascending: false })
      .limit(1)
      .maybeSingle(),
    supabase.from('profiles').select('recognition_preference, time_zone').eq('id', user.id).single(),
    invokeFeed<FeedItemExplanation>(supabase, new URLSearchParams({ item: `ask:${id}` })).catch((error: unknown) => {
      if (error instanceof FeedRequestError && error.status === 404) return null
      throw error
    }),
  ])
  if (opportunityRes.error) throw opportunityRes.error
  if (ledgerRes.error) throw ledgerRes.error
  if (profileRes.error) throw profileRes.error
  const opportunity = opportunityRes.data
  if (!opportunity || !explanation) throw new Response('This ask isn’t available any more.', { status: 404 })

  const preference = profileRes.data.recognition_preference
  const timeZone = profileRes.data.time_zone
  return data(
    {
      opportunity: {
        id: opportunity.id,
        type: opportunity.type,
        title: opportunity.title,
        body: opportunity.body,
        effort: opportunity.effort,
        points: opportunity.points,
        estimatedMinutes: opportunity.estimated_minutes,
        endsAt: opportunity.ends_at ? formatDate(opportunity.ends_at, timeZone, 'long') : null,
        hasDisclosure: opportunity.incentive_disclosure !== null,
      },
      reasons: explanation.item?.reasons ?? [],
      offerable: explanation.offerable,
      blockedBy: explanation.blockedBy,
      hiddenBecause: explanation.hiddenBecause,
      // The live ask for this opportunity, if the advocate holds one.
      ask: ledgerRes.data && ledgerRes.data.state !== 'declined' && ledgerRes.data.state !== 'expired' ? ledgerRes.data : null,
      thanks: preference ? RECOGNITION_LABELS[preference] : null,
      snooze: snoozeBounds(new Date(), timeZone),
    },
    { headers },
  )
}

/** The choices, with snooze dates judged in the advocate's zone (their "tomorrow"). */
const choiceSchema = (timeZone: string) =>
  z.discriminatedUnion('intent', [
    z.object({ intent: z.literal('accept') }),
    z.object({
      intent: z.literal('decline'),
      reason: z.enum(DECLINE_REASONS, { invalid_type_error: 'Choose one of the reasons, or none.' }).optional(),
    }),
    z.object({
      intent: z.literal('snooze'),
      until: z
        .string({ required_error: 'Choose the date it should come back.' })
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'Choose the date it should come back.')
        .refine((value) => {
          const { min, max } = snoozeBounds(new Date(), timeZone)
          return value >= min && value <= max
        }, `Choose a date between tomorrow and ${SNOOZE_MAX_DAYS} days from now.`),
    }),
  ])

/** The choice forms' field names (every branch's keys), so the page's `name`s follow the schema. */
export type ChoiceFieldName =
  z.infer<ReturnType<typeof choiceSchema>> extends infer Choice ? (Choice extends unknown ? keyof Choice : never) : never

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, supabase, headers } = await requireUser(request, context)
  const id = parseIdParam(params.id, 'We couldn’t find that ask.')
  const timeZone = await getTimeZone(supabase, user.id)
  const submission = parseWithZod(await request.formData(), { schema: choiceSchema(timeZone) })
  if (submission.status !== 'success') return data({ result: submission.reply(), formError: null }, { status: 400, headers })
  const choice = submission.value

  if (choice.intent === 'accept') {
    const { data: ask, error } = await supabase.rpc('accept_ask', { opportunity_id: id })
    if (error) {
      // PT409 / PT404 name why in DETAIL (ADR 006); the words are the app's, as on the page.
      const refusal = rpcRefusal(error, ASK_BLOCKERS)
      if (refusal)
        return data({ result: submission.reply(), formError: BLOCKED_MESSAGES[refusal.code] }, { status: refusal.status, headers })
      throw error
    }
    return redirect(`/activity/${ask.id}?accepted=1`, { headers })
  }

  const { error } = await supabase.from('interactions').insert(
    choice.intent === 'decline'
      ? { profile_id: user.id, item_kind: 'ask', opportunity_id: id, kind: 'declined', decline_reason: choice.reason ?? null }
      : {
          profile_id: user.id,
          item_kind: 'ask',
          opportunity_id: id,
          kind: 'snoozed',
          snoozed_until: startOfDayIso(choice.until, timeZone),
        },
  )
  if (error) {
    // 23503: the ask was deleted meanwhile.
    if (error.code === '23503') throw new Response('This ask isn’t available any more.', { status: 404 })
    throw error
  }
  return redirect(`/feed?notice=${choice.intent === 'decline' ? 'declined' : 'snoozed'}`, { headers })
}
