/**
 * Every table and view in `public`, with its RLS matrix. `tests/db/rls-coverage.test.ts` fails
 * when a migration adds a relation that is missing here, so each new table arrives with its
 * matrix (`support/matrices/<table>.ts`) and a `tests/db/<table>.rls.test.ts` that runs it.
 */
import {
  advocateAccountsMatrix,
  askLedgerMatrix,
  contentItemsMatrix,
  interactionsMatrix,
  opportunitiesMatrix,
  pointsLedgerMatrix,
  programSettingsMatrix,
  submissionsMatrix,
} from './matrices/feed.ts'
import { profilesMatrix } from './matrices/profiles.ts'
import { savedItemsMatrix } from './matrices/saved-items.ts'
import { personalityResultsMatrix, surveyResponsesMatrix } from './matrices/survey-answers.ts'
import { surveyOptionsMatrix, surveyQuestionsMatrix, surveyVersionsMatrix } from './matrices/survey-reference.ts'
import type { TableMatrix } from './rls-matrix.ts'

export const RLS_MATRICES: Record<string, TableMatrix> = {
  profiles: profilesMatrix,
  survey_versions: surveyVersionsMatrix,
  survey_questions: surveyQuestionsMatrix,
  survey_options: surveyOptionsMatrix,
  survey_responses: surveyResponsesMatrix,
  personality_results: personalityResultsMatrix,
  program_settings: programSettingsMatrix,
  advocate_accounts: advocateAccountsMatrix,
  opportunities: opportunitiesMatrix,
  content_items: contentItemsMatrix,
  ask_ledger: askLedgerMatrix,
  interactions: interactionsMatrix,
  submissions: submissionsMatrix,
  points_ledger: pointsLedgerMatrix,
  saved_items: savedItemsMatrix,
}
