/**
 * /profile: the advocate's personality (with its four scores), their choices (recognition, goals),
 * work details and consent for the recognition wall. Every consent flag is off until they turn it on.
 */
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/lib/auth.server.ts'
import { describeResult } from '~/lib/personality-view.server.ts'
import { getLatestResult } from '~/lib/survey.server.ts'
import { ProfileSchema } from '~/lib/validation/profile.ts'

const PROFILE_COLUMNS =
  'display_name, avatar_url, company, job_title, industry, time_zone, recognition_preference, goals, show_on_wall, wall_show_name, wall_show_company, wall_show_photo'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, supabase, headers } = await requireUser(request, context)
  const [latest, { data: profile, error }] = await Promise.all([
    getLatestResult(supabase, user.id, context),
    supabase.from('profiles').select(PROFILE_COLUMNS).eq('id', user.id).single(),
  ])
  if (error) throw error
  return data(
    {
      result: latest ? describeResult(latest) : null,
      predicted: latest?.predicted_recognition ?? null,
      profile: {
        displayName: profile.display_name,
        avatarUrl: profile.avatar_url,
        company: profile.company ?? '',
        jobTitle: profile.job_title ?? '',
        industry: profile.industry ?? '',
        timeZone: profile.time_zone,
        // Until confirmed, the prediction is what the form proposes.
        recognitionPreference: profile.recognition_preference ?? latest?.predicted_recognition ?? undefined,
        goals: profile.goals,
        showOnWall: profile.show_on_wall,
        wallShowName: profile.wall_show_name,
        wallShowCompany: profile.wall_show_company,
        wallShowPhoto: profile.wall_show_photo,
      },
      // Validation runs here; the browser gets only the constraints (required, lengths), not Zod.
      constraint: getZodConstraint(ProfileSchema),
    },
    { headers },
  )
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, supabase, headers } = await requireUser(request, context)
  const submission = parseWithZod(await request.formData(), { schema: ProfileSchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), saved: false }, { status: 400, headers })
  const value = submission.value
  const { error } = await supabase
    .from('profiles')
    .update({
      display_name: value.displayName,
      company: value.company,
      job_title: value.jobTitle,
      industry: value.industry,
      time_zone: value.timeZone,
      recognition_preference: value.recognitionPreference,
      goals: value.goals,
      show_on_wall: value.showOnWall,
      wall_show_name: value.wallShowName,
      wall_show_company: value.wallShowCompany,
      wall_show_photo: value.wallShowPhoto,
    })
    .eq('id', user.id)
  // 23514 on the zone: Intl knows it but the database's tz data does not (a very new zone).
  if (error?.code === '23514' && error.message.includes('profiles_time_zone_check')) {
    const result = submission.reply({ fieldErrors: { timeZone: ['That time zone isn’t one we can store yet.'] } })
    return data({ result, saved: false }, { status: 400, headers })
  }
  if (error) throw error
  return data({ result: submission.reply(), saved: true }, { headers })
}
