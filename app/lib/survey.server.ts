/**
 * Reads and writes for the welcome survey, always through the per-request client, so RLS
 * applies as the signed-in advocate (ADR 002, ADR 004).
 */
import { redirect } from '@remix-run/node'
import type { Personality, RecognitionPreference } from '../../supabase/functions/_shared/personality.ts'
import type { AuthenticatedRequest } from './auth.server.ts'
import type { AppSupabaseClient } from './supabase.server.ts'

export type { Personality }

export interface SurveyOption {
  id: number
  position: number
  label: string
  personality: Personality
}

export interface SurveyQuestion {
  id: number
  position: number
  prompt: string
  options: SurveyOption[]
}

export interface ActiveSurvey {
  versionId: number
  questions: SurveyQuestion[]
}

/** The active version with its questions and options, in position order. */
export async function getActiveSurvey(supabase: AppSupabaseClient): Promise<ActiveSurvey> {
  const { data, error } = await supabase
    .from('survey_versions')
    .select('id, survey_questions(id, position, prompt, survey_options(id, position, label, personality))')
    .eq('is_active', true)
    .maybeSingle()
  if (error) throw error
  if (!data) throw new Response('The welcome survey isn’t available right now. Please try again later.', { status: 503 })
  const questions = data.survey_questions
    .map(({ survey_options, ...question }) => ({ ...question, options: [...survey_options].sort((a, b) => a.position - b.position) }))
    .sort((a, b) => a.position - b.position)
  return { versionId: data.id, questions }
}

/** This advocate's saved answers for a version: question id → option id. */
export async function getResponses(supabase: AppSupabaseClient, profileId: string, versionId: number): Promise<Map<number, number>> {
  const { data, error } = await supabase
    .from('survey_responses')
    .select('question_id, option_id')
    .eq('profile_id', profileId)
    .eq('survey_version_id', versionId)
  if (error) throw error
  return new Map((data ?? []).map((row) => [row.question_id, row.option_id]))
}

/** Question positions that have an answer, for step resolution. */
export function answeredSteps(survey: ActiveSurvey, responses: Map<number, number>): number[] {
  return survey.questions.filter((question) => responses.has(question.id)).map((question) => question.position)
}

/** Saves one answer the moment it is chosen; choosing again replaces it (the database stamps `answered_at`). */
export async function saveResponse(
  supabase: AppSupabaseClient,
  profileId: string,
  versionId: number,
  questionId: number,
  optionId: number,
) {
  const { error } = await supabase
    .from('survey_responses')
    .upsert(
      { profile_id: profileId, survey_version_id: versionId, question_id: questionId, option_id: optionId },
      { onConflict: 'profile_id,question_id' },
    )
  if (error) throw error
}

export interface LatestResult {
  id: number
  educator_score: number
  validator_score: number
  status_seeker_score: number
  collaborator_score: number
  primary_personality: Personality
  secondary_personality: Personality | null
  label: string
  predicted_recognition: RecognitionPreference
  created_at: string
}

const RESULT_COLUMNS =
  'id, educator_score, validator_score, status_seeker_score, collaborator_score, primary_personality, secondary_personality, label, predicted_recognition, created_at'

/**
 * The advocate's personality: their latest result (ADR 004: by created_at, then id). A page's
 * loaders share one lookup per request, like the identity check in auth.server.ts.
 */
const latestByRequestContext = new WeakMap<object, Promise<LatestResult | null>>()

export function getLatestResult(supabase: AppSupabaseClient, profileId: string, context?: object): Promise<LatestResult | null> {
  if (!context) return lookUpLatestResult(supabase, profileId)
  let pending = latestByRequestContext.get(context)
  if (!pending) {
    pending = lookUpLatestResult(supabase, profileId)
    latestByRequestContext.set(context, pending)
  }
  return pending
}

async function lookUpLatestResult(supabase: AppSupabaseClient, profileId: string): Promise<LatestResult | null> {
  const { data, error } = await supabase
    .from('personality_results')
    .select(RESULT_COLUMNS)
    .eq('profile_id', profileId)
    .order('created_at', { ascending: false })
    .order('id', { ascending: false })
    .limit(1)
    .maybeSingle()
  if (error) throw error
  return data
}

/** Paths an advocate without a result may visit: the survey itself and their profile. */
export function isOnboardingPath(pathname: string): boolean {
  // A client-side navigation's data request is for `/welcome.data` and the like.
  return /^\/(welcome|profile)(\/|\.data$|$)/.test(pathname)
}

/**
 * A new advocate is led into the welcome survey until they have a result; after that they are
 * never asked again. Admins run the program and are not surveyed. Call from GET loaders only
 * (the `_app` layout for full page loads; the home for client-side navigations, where the layout's
 * loader does not run again).
 */
export async function requireOnboarded({ user, role, supabase, headers }: AuthenticatedRequest, request: Request, context?: object) {
  if (role !== 'advocate') return null
  if (isOnboardingPath(new URL(request.url).pathname)) return null
  const latest = await getLatestResult(supabase, user.id, context)
  if (!latest) throw redirect('/welcome', { headers })
  return latest
}
