/** `public.personality_results`: the RLS matrix (behaviours beyond it are in survey.rls.test.ts). */
import { personalityResultsMatrix } from './support/matrices/survey-answers.ts'
import { describeRlsMatrix } from './support/rls-matrix.ts'

describeRlsMatrix(personalityResultsMatrix)
