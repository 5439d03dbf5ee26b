/**
 * /welcome/result: what the advocate's personality means, and the two choices that follow from
 * it: how they'd like to be thanked (the prediction, confirmed or changed) and their goals.
 */
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/lib/auth.server.ts'
import { describeResult } from '~/lib/personality-view.server.ts'
import { getLatestResult } from '~/lib/survey.server.ts'
import { PreferencesSchema, type AdvocateGoal, type RecognitionPreference } from '~/lib/validation/profile.ts'
import type { AppSupabaseClient } from '~/lib/supabase.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, supabase, headers } = await requireUser(request, context)
  const [latest, profile] = await Promise.all([getLatestResult(supabase, user.id, context), getPreferences(supabase, user.id)])
  if (!latest) throw redirect('/welcome', { headers })
  return data(
    {
      result: describeResult(latest),
      predicted: latest.predicted_recognition as RecognitionPreference,
      recognitionPreference: (profile?.recognition_preference ?? latest.predicted_recognition) as RecognitionPreference,
      goals: (profile?.goals ?? []) as AdvocateGoal[],
      // Validation runs here; the browser gets only the constraints (required, lengths), not Zod.
      constraint: getZodConstraint(PreferencesSchema),
    },
    { headers },
  )
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, supabase, headers } = await requireUser(request, context)
  const submission = parseWithZod(await request.formData(), { schema: PreferencesSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400, headers })
  const { recognitionPreference, goals } = submission.value
  const { error } = await supabase.from('profiles').update({ recognition_preference: recognitionPreference, goals }).eq('id', user.id)
  if (error) throw error
  return redirect('/', { headers })
}

async function getPreferences(supabase: AppSupabaseClient, profileId: string) {
  const { data: profile, error } = await supabase.from('profiles').select('recognition_preference, goals').eq('id', profileId).maybeSingle()
  if (error) throw error
  return profile
}
