/** `public.survey_versions`: the RLS matrix (behaviours beyond it are in survey.rls.test.ts). */
import { surveyVersionsMatrix } from './support/matrices/survey-reference.ts'
import { describeRlsMatrix } from './support/rls-matrix.ts'

describeRlsMatrix(surveyVersionsMatrix)
