/** `public.survey_questions`: the RLS matrix (behaviours beyond it are in survey.rls.test.ts). */
import { surveyQuestionsMatrix } from './support/matrices/survey-reference.ts'
import { describeRlsMatrix } from './support/rls-matrix.ts'

describeRlsMatrix(surveyQuestionsMatrix)
