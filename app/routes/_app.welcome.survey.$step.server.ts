/**
 * /welcome/survey/:step. Each answer is saved the moment it is chosen (a fetcher posts
 * `intent=save`); without JavaScript, Next saves it. The last step hands every answer to the
 * `survey-submit` edge function, which scores them and records the result as the advocate.
 * Answers are plain `{ fieldError, formError }` rather than Conform replies: the page checks
 * its one radio group without Conform or Zod, which keeps ~25 KB of JS off every step.
 */
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/lib/auth.server.ts'
import { CHOOSE_AN_ANSWER, firstUnansweredStep, resolveStep, shuffleForAdvocate } from '~/lib/survey.ts'
import { answeredSteps, getActiveSurvey, getResponses, saveResponse, type ActiveSurvey } from '~/lib/survey.server.ts'
import { invokeFunction, type FunctionErrorCode } from '~/lib/functions.server.ts'
import { SurveyStepSchema } from '~/lib/validation/survey.ts'
import type { AppSupabaseClient } from '~/lib/supabase.server.ts'
import type { SurveySubmission } from '../../supabase/functions/_shared/survey-schemas.ts'

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, supabase, headers } = await requireUser(request, context)
  const survey = await getActiveSurvey(supabase)
  const responses = await getResponses(supabase, user.id, survey.versionId)
  const total = survey.questions.length
  const resolved = resolveStep(params.step, answeredSteps(survey, responses), total)
  if (resolved.kind === 'not-found') throw new Response('There’s no such question in the survey.', { status: 404, headers })
  if (resolved.kind === 'redirect') throw redirect(`/welcome/survey/${resolved.step}`, { headers })
  const question = survey.questions[resolved.step - 1]
  return data(
    {
      step: resolved.step,
      total,
      question: {
        id: question.id,
        prompt: question.prompt,
        // The personality behind each option stays on the server: the survey works better unguessed.
        options: shuffleForAdvocate(question.options, user.id, question.id).map(({ id, label }) => ({ id, label })),
      },
      selectedOptionId: responses.get(question.id) ?? null,
    },
    { headers },
  )
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, supabase, headers } = await requireUser(request, context)
  const survey = await getActiveSurvey(supabase)
  const step = Number(params.step)
  const question = Number.isInteger(step) ? survey.questions[step - 1] : undefined
  if (!question) throw new Response('There’s no such question in the survey.', { status: 404, headers })

  const submission = parseWithZod(await request.formData(), {
    schema: SurveyStepSchema.superRefine((value, ctx) => {
      if (!question.options.some((option) => option.id === value.optionId)) {
        ctx.addIssue({ code: 'custom', path: ['optionId'], message: 'That answer isn’t one of the choices. Please choose again.' })
      }
    }),
  })
  if (submission.status !== 'success') {
    const fieldError = submission.error?.optionId?.[0] ?? CHOOSE_AN_ANSWER
    return data({ saved: false, fieldError, formError: null, openStep: null }, { status: 400, headers })
  }
  const { intent, optionId } = submission.value
  await saveResponse(supabase, user.id, survey.versionId, question.id, optionId)

  if (intent === 'save') return data({ saved: true, fieldError: null, formError: null, openStep: null }, { headers })
  if (intent === 'next' && step < survey.questions.length) return redirect(`/welcome/survey/${step + 1}`, { headers })

  const responses = await getResponses(supabase, user.id, survey.versionId)
  const open = firstUnansweredStep(answeredSteps(survey, responses), survey.questions.length)
  if (open !== null) {
    const formError = `Question ${open} still needs an answer. Go back to it, and then you can see your result.`
    return data({ saved: true, fieldError: null, formError, openStep: open }, { status: 400, headers })
  }
  const refusal = await submitSurvey(supabase, survey, responses)
  if (refusal) return data({ saved: true, fieldError: null, formError: refusal, openStep: null }, { status: 400, headers })
  return redirect('/welcome/result', { headers })
}

/**
 * Scores and records the answers through the edge function, with the advocate's session (its
 * insert runs under RLS). Returns a message to show when it refuses them, or null when recorded.
 */
async function submitSurvey(supabase: AppSupabaseClient, survey: ActiveSurvey, responses: Map<number, number>): Promise<string | null> {
  const body: SurveySubmission = {
    surveyVersionId: survey.versionId,
    answers: survey.questions.map((question) => ({ questionId: question.id, optionId: responses.get(question.id)! })),
  }
  const { refusal } = await invokeFunction(supabase, 'survey-submit', { body: { ...body } })
  if (!refusal) return null
  return SURVEY_SUBMIT_REFUSALS[refusal.code]
}

const SURVEY_SUBMIT_REFUSED = 'We couldn’t work out your result from those answers. Please check them and try again.'
const SURVEY_SUBMIT_FAILED = 'We couldn’t save your result just now. Your answers are kept; please try again in a moment.'

/**
 * The function's refusal codes in the advocate's words, one for every code (a new code fails
 * typecheck here until it has words). Nothing was stored, so each says what to do next; the
 * function's own messages are for developers.
 */
export const SURVEY_SUBMIT_REFUSALS: Record<FunctionErrorCode<'survey-submit'>, string> = {
  survey_closed: 'The survey is closed for a moment while we update it. Please come back a little later.',
  survey_changed: 'We updated the survey while you were answering it. Please go through the questions again; it only takes a minute.',
  answers_mismatch: 'Some of your answers don’t match the current questions. Please go back through them and try again.',
  invalid_submission: SURVEY_SUBMIT_REFUSED,
  too_many: 'You’ve taken the survey several times today. Please come back tomorrow to take it again.',
  unauthorized: 'Your session has ended. Please sign in again; your answers are saved.',
  forbidden: 'Your account can’t save a survey result. If that seems wrong, please contact the program team.',
  conflict: SURVEY_SUBMIT_FAILED,
  method_not_allowed: SURVEY_SUBMIT_FAILED,
  server_error: SURVEY_SUBMIT_FAILED,
  unknown: SURVEY_SUBMIT_FAILED,
}
