/**
 * The welcome survey's wire formats, shared by the `survey-submit` edge function and the Remix
 * app (docs/decisions/004-personality-survey-data.md). Bare `zod` import: Node resolves it from
 * node_modules, Deno from package.json (pinned there).
 */
import { z } from 'zod'
import type { PersonalityResult } from './personality.ts'
import { SURVEY_QUESTION_COUNT } from './personality.ts'

const Id = (what: string) =>
  z
    .number({ required_error: `${what} is required`, invalid_type_error: `${what} must be a number` })
    .int(`${what} must be an integer`)
    .positive(`${what} must be positive`)

export const SurveyAnswerSchema = z.object({
  questionId: Id('questionId'),
  optionId: Id('optionId'),
})

/** POST body of `survey-submit`: one answer per question of the active version. */
export const SurveySubmissionSchema = z
  .object({
    surveyVersionId: Id('surveyVersionId'),
    answers: z
      .array(SurveyAnswerSchema, { required_error: 'answers is required', invalid_type_error: 'answers must be an array' })
      .length(SURVEY_QUESTION_COUNT, `expected ${SURVEY_QUESTION_COUNT} answers (one per question)`),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<number>()
    body.answers.forEach((answer, index) => {
      if (seen.has(answer.questionId)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['answers', index, 'questionId'],
          message: `question ${answer.questionId} is answered more than once`,
        })
      }
      seen.add(answer.questionId)
    })
  })

export type SurveyAnswer = z.infer<typeof SurveyAnswerSchema>
export type SurveySubmission = z.infer<typeof SurveySubmissionSchema>

/** 201 body of `survey-submit`: the stored result, camelCase, plus its `kind`. */
export interface SurveySubmitResult extends PersonalityResult {
  id: number
  profileId: string
  surveyVersionId: number
  answers: SurveyAnswer[]
  createdAt: string
}

/** 4xx body of `survey-submit` (and of the gateway's own 401s: `{ msg }` instead). */
/**
 * survey-submit's refusals, one stable code each (the UI owns the words):
 * 400 `invalid_submission` (the body is not `{ surveyVersionId, answers }`) or `answers_mismatch`
 * (a question or option that is not the active version's, or not every question answered once);
 * 401 `unauthorized`; 403 `forbidden`; 405 `method_not_allowed`; 409 `survey_closed` (no active
 * version) or `survey_changed` (another version is active now) or `conflict`; 429 `too_many`
 * (the daily quota of results); 500 `server_error`. `message` is for developers.
 */
export const SURVEY_SUBMIT_ERROR_CODES = [
  'invalid_submission',
  'answers_mismatch',
  'unauthorized',
  'forbidden',
  'method_not_allowed',
  'survey_closed',
  'survey_changed',
  'conflict',
  'too_many',
  'server_error',
] as const

/** One readable sentence from a Zod error: `answers.2.optionId: optionId must be a number; …`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ')
}
