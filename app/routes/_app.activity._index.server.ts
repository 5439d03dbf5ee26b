/**
 * /activity ("My activity"): the asks the advocate took on, by where they stand (to complete, in
 * review, done), their points, and the content they saved. Everything is their own rows (RLS).
 */
import { data, type LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/lib/auth.server.ts'
import { DEFAULT_TIME_ZONE, formatDate } from '~/lib/dates.ts'
import { OPPORTUNITY_TYPE_LABELS } from '~/lib/feed-labels.ts'
import { requireOnboarded } from '~/lib/survey.server.ts'

type Submission = {
  id: number
  ask_ledger_id: number
  status: 'submitted' | 'approved' | 'rejected'
  submitted_at: string
  reviewed_at: string | null
  review_note: string | null
  points_awarded: number | null
}

export type ActivityStatus = 'to_complete' | 'in_review' | 'not_approved' | 'done'

export interface ActivityEntry {
  askId: number
  title: string
  typeLabel: string
  status: ActivityStatus
  /** When it reached its current status. */
  at: string
  /** That day in the advocate's zone, as the page shows it. */
  date: string
  points: number | null
  reviewNote: string | null
}

const NOTICES = {
  submitted: 'Thank you! We’ve received it and will review it soon.',
} as const

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requireUser(request, context)
  const { supabase } = auth
  const profileId = auth.user.id
  const [, ledgerRes, submissionsRes, pointsRes, savedRes] = await Promise.all([
    requireOnboarded(auth, request, context),
    supabase
      .from('ask_ledger')
      .select('id, type, state, decided_at, completed_at, opportunities(title)')
      .eq('profile_id', profileId)
      .in('state', ['accepted', 'completed'])
      .order('decided_at', { ascending: false }),
    supabase
      .from('submissions')
      .select('id, ask_ledger_id, status, submitted_at, reviewed_at, review_note, points_awarded')
      .eq('profile_id', profileId)
      .order('submitted_at', { ascending: false }),
    // Summed in SQL (a computed field, ADR 011): a select of the rows would stop at PostgREST's row cap.
    supabase
      .from('profiles')
      .select('points_total, time_zone')
      .eq('id', profileId)
      .single()
      .overrideTypes<{ points_total: number; time_zone: string }, { merge: false }>(),
    supabase
      .from('saved_items')
      .select('saved_at, content_items(id, title, kind)')
      .eq('profile_id', profileId)
      .order('saved_at', { ascending: false }),
  ])
  for (const res of [ledgerRes, submissionsRes, pointsRes, savedRes]) if (res.error) throw res.error

  // The newest submission per ask decides its status.
  const latestSubmission = new Map<number, Submission>()
  for (const submission of (submissionsRes.data ?? []) as Submission[]) {
    if (!latestSubmission.has(submission.ask_ledger_id)) latestSubmission.set(submission.ask_ledger_id, submission)
  }

  const timeZone = pointsRes.data?.time_zone ?? DEFAULT_TIME_ZONE
  const entries: ActivityEntry[] = (ledgerRes.data ?? []).map((ask) => {
    const submission = latestSubmission.get(ask.id)
    const at = submission?.reviewed_at ?? submission?.submitted_at ?? ask.completed_at ?? ask.decided_at!
    const status: ActivityStatus =
      ask.state === 'completed' || submission?.status === 'approved'
        ? 'done'
        : submission?.status === 'submitted'
          ? 'in_review'
          : submission?.status === 'rejected'
            ? 'not_approved'
            : 'to_complete'
    return {
      askId: ask.id,
      // A closed opportunity is no longer readable; the ask's type still names it.
      title: ask.opportunities?.title ?? `${OPPORTUNITY_TYPE_LABELS[ask.type]} ask`,
      typeLabel: OPPORTUNITY_TYPE_LABELS[ask.type],
      status,
      at,
      date: formatDate(at, timeZone),
      points: submission?.points_awarded ?? null,
      reviewNote: submission?.status === 'rejected' ? submission.review_note : null,
    }
  })

  const saved = (savedRes.data ?? []).flatMap((row) => (row.content_items ? [{ ...row.content_items, savedAt: row.saved_at }] : []))
  const totalPoints = pointsRes.data?.points_total ?? 0
  const noticeKey = new URL(request.url).searchParams.get('notice')
  const notice = noticeKey && noticeKey in NOTICES ? NOTICES[noticeKey as keyof typeof NOTICES] : null
  return data({ entries, saved, totalPoints, notice }, { headers: auth.headers })
}
