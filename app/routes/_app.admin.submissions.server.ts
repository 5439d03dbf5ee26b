/**
 * /admin/submissions: submissions waiting for review, approved or rejected through the
 * `review_submission` RPC (issue 5 §4). Guarded twice: `requireAdmin` here, RLS and the RPC's own
 * admin check in the database. The full admin console comes with its own issue.
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { requireAdmin } from '~/lib/auth.server.ts'
import { formatDate } from '~/lib/dates.ts'
import { getTimeZone } from '~/lib/time-zone.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, supabase, headers } = await requireAdmin(request, context)
  const [{ data: rows, error }, timeZone] = await Promise.all([
    supabase
      .from('submissions')
      .select(
        'id, profile_id, type, payload, submitted_at, profiles!submissions_profile_id_fkey(display_name), ask_ledger(opportunities(title, points))',
      )
      .eq('status', 'submitted')
      .order('submitted_at', { ascending: true })
      .limit(50),
    // The reviewing admin's own zone: "sent" reads as their clock, with the zone named.
    getTimeZone(supabase, user.id),
  ])
  if (error) throw error
  const submissions = (rows ?? []).map((row) => ({
    id: row.id,
    type: row.type,
    submittedAt: row.submitted_at,
    sent: formatDate(row.submitted_at, timeZone, 'dateTime'),
    advocate: row.profiles?.display_name ?? 'Unknown advocate',
    // Nobody reviews their own work (review_submission refuses it too).
    isOwn: row.profile_id === user.id,
    title: row.ask_ledger?.opportunities?.title ?? null,
    points: row.ask_ledger?.opportunities?.points ?? 0,
    // Shown as label/value pairs; the payload's keys are the form's field names.
    answers: Object.entries(row.payload as Record<string, unknown>).map(([key, value]) => [key, formatAnswer(value)] as const),
  }))
  return data({ submissions }, { headers })
}

function formatAnswer(value: unknown): string {
  if (value === true) return 'Yes'
  if (value === false) return 'No'
  if (Array.isArray(value)) return value.join(', ')
  if (value !== null && typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

const ReviewSchema = z.object({
  submissionId: z.coerce.number().int().positive(),
  decision: z.enum(['approved', 'rejected'], { message: 'Choose approve or reject.' }),
  note: z.string().trim().max(2000, 'Keep the note under 2,000 characters.').optional(),
})

/** The review form's field names, so the page's `name`s follow the schema. */
export type ReviewFieldName = keyof z.infer<typeof ReviewSchema>

export async function action({ request, context }: ActionFunctionArgs) {
  const { supabase, headers } = await requireAdmin(request, context)
  const parsed = ReviewSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return data({ error: parsed.error.issues[0].message, reviewed: null }, { status: 400, headers })
  const { submissionId, decision, note } = parsed.data
  const { data: reviewed, error } = await supabase.rpc('review_submission', {
    submission_id: submissionId,
    decision,
    note: note || undefined,
  })
  if (error) {
    if (error.code === 'PT404') return data({ error: 'That submission no longer exists.', reviewed: null }, { status: 404, headers })
    if (error.code === '42501' && error.details === 'own_submission') {
      return data({ error: 'That one is yours: another admin has to review it.', reviewed: null }, { status: 403, headers })
    }
    if (error.code === '22023')
      return data({ error: 'That submission was already reviewed the other way.', reviewed: null }, { status: 409, headers })
    throw error
  }
  return data({ error: null, reviewed: { id: reviewed.id, status: reviewed.status } }, { headers })
}
