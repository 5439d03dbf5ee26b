/**
 * POST /functions/v1/survey-submit: records the caller's welcome-survey result
 * (docs/decisions/004-personality-survey-data.md).
 *
 * Body `{ surveyVersionId, answers: [{ questionId, optionId }] × 5 }` → 201 with the result.
 * Everything runs as the caller (their JWT goes to PostgREST, so RLS applies); the database's
 * trigger re-checks the result against the answers and clears the caller's saved responses.
 */
import { createCallerClient, type TypedSupabaseClient } from '../_shared/clients.ts'
import { preflight } from '../_shared/cors.ts'
import { errorResponse, json, methodNotAllowed, statusForPostgrestError } from '../_shared/http.ts'
import { scorePersonality, type Personality } from '../_shared/personality.ts'
import { personalityResultRow } from '../_shared/personality-row.ts'
import { describeZodError, SurveySubmissionSchema, type SurveySubmission, type SurveySubmitResult } from '../_shared/survey-schemas.ts'
import { verifyCaller } from '../_shared/verify-caller.ts'

const env = {
  url: Deno.env.get('SUPABASE_URL')!,
  anonKey: Deno.env.get('SUPABASE_ANON_KEY')!,
  serviceRoleKey: Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!,
  jwks: Deno.env.get('SUPABASE_JWKS'),
}

/** A malformed body (400 `invalid_submission`). */
const invalid = (message: string) => errorResponse(400, 'invalid_submission', message)
/** Well-formed answers that are not this survey's questions and options (400 `answers_mismatch`). */
const mismatch = (message: string) => errorResponse(400, 'answers_mismatch', message)

/** The personality behind each answer, or what is wrong with the submission. */
async function answeredPersonalities(
  supabase: TypedSupabaseClient,
  body: SurveySubmission,
): Promise<{ personalities: Personality[] } | { problem: Response }> {
  const { data: version, error } = await supabase
    .from('survey_versions')
    .select('id, survey_questions(id, survey_options(id, personality))')
    .eq('is_active', true)
    .maybeSingle()
  if (error) return { problem: errorResponse(statusForPostgrestError(error.code), 'server_error', error.message) }
  if (!version) return { problem: errorResponse(409, 'survey_closed', 'no survey is open at the moment') }
  if (version.id !== body.surveyVersionId) {
    return {
      problem: errorResponse(
        409,
        'survey_changed',
        `survey version ${body.surveyVersionId} is not the current survey (${version.id}); reload and answer again`,
      ),
    }
  }

  const questions = new Map(version.survey_questions.map((q) => [q.id, new Map(q.survey_options.map((o) => [o.id, o.personality]))]))
  const personalities: Personality[] = []
  for (const { questionId, optionId } of body.answers) {
    const options = questions.get(questionId)
    if (!options) return { problem: mismatch(`question ${questionId} is not part of survey version ${version.id}`) }
    const personality = options.get(optionId)
    if (!personality) return { problem: mismatch(`option ${optionId} does not belong to question ${questionId}`) }
    personalities.push(personality)
  }
  // Five distinct questions, all of this version: complete unless the version itself is short.
  if (questions.size !== personalities.length) {
    return { problem: mismatch(`survey version ${version.id} has ${questions.size} questions; answer each exactly once`) }
  }
  return { personalities }
}

async function handle(req: Request): Promise<Response> {
  if (req.method === 'OPTIONS') return preflight()
  if (req.method !== 'POST') return methodNotAllowed(['POST'])

  const verified = await verifyCaller(req, env)
  const profileId = verified?.kind === 'user' ? verified.id : null
  if (!profileId) return errorResponse(401, 'unauthorized', 'sign in to submit the survey')

  let raw: unknown
  try {
    raw = await req.json()
  } catch {
    return invalid('the body must be JSON: { surveyVersionId, answers: [{ questionId, optionId }] }')
  }
  const parsed = SurveySubmissionSchema.safeParse(raw)
  if (!parsed.success) return invalid(describeZodError(parsed.error))
  const body = parsed.data

  const supabase = createCallerClient(req, env)
  const checked = await answeredPersonalities(supabase, body)
  if ('problem' in checked) return checked.problem

  const result = scorePersonality(checked.personalities)
  const { data: row, error } = await supabase
    .from('personality_results')
    .insert(
      personalityResultRow({
        profileId,
        surveyVersionId: body.surveyVersionId,
        personalities: checked.personalities,
        answers: body.answers,
      }),
    )
    .select('id, profile_id, survey_version_id, created_at')
    .single()
  if (error) {
    const status = statusForPostgrestError(error.code)
    const code =
      status === 409
        ? 'conflict'
        : status === 403
          ? 'forbidden'
          : status === 429
            ? 'too_many'
            : status === 400
              ? 'invalid_submission'
              : 'server_error'
    return errorResponse(status, code, error.message)
  }

  return json(
    {
      id: row.id,
      profileId: row.profile_id,
      surveyVersionId: row.survey_version_id,
      ...result,
      answers: body.answers,
      createdAt: row.created_at,
    } satisfies SurveySubmitResult,
    201,
  )
}

export default {
  async fetch(req: Request): Promise<Response> {
    try {
      return await handle(req)
    } catch (error) {
      console.error('survey-submit:', error)
      return errorResponse(500, 'server_error', 'something went wrong; please try again')
    }
  },
}
