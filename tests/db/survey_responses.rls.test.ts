/** `public.survey_responses`: the RLS matrix (behaviours beyond it are in survey.rls.test.ts). */
import { surveyResponsesMatrix } from './support/matrices/survey-answers.ts'
import { describeRlsMatrix } from './support/rls-matrix.ts'

describeRlsMatrix(surveyResponsesMatrix)
