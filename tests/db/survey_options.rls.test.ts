/** `public.survey_options`: the RLS matrix (behaviours beyond it are in survey.rls.test.ts). */
import { surveyOptionsMatrix } from './support/matrices/survey-reference.ts'
import { describeRlsMatrix } from './support/rls-matrix.ts'

describeRlsMatrix(surveyOptionsMatrix)
