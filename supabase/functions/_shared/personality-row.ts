/**
 * A scored result as the `personality_results` row stores it. One mapping for the edge function,
 * the seeds of tests and fixtures, so a new column is added in one place.
 */
import type { TablesInsert } from './database.types.ts'
import { scorePersonality, type Personality } from './personality.ts'

export interface AnswerIds {
  questionId: number
  optionId: number
}

export type PersonalityResultRow = TablesInsert<'personality_results'> & {
  answers: Array<{ question_id: number; option_id: number }>
}

export function personalityResultRow(input: {
  profileId: string
  surveyVersionId: number
  /** The personality of each chosen option, in question order. */
  personalities: readonly Personality[]
  answers: readonly AnswerIds[]
}): PersonalityResultRow {
  const result = scorePersonality(input.personalities)
  return {
    profile_id: input.profileId,
    survey_version_id: input.surveyVersionId,
    educator_score: result.scores.educator,
    validator_score: result.scores.validator,
    status_seeker_score: result.scores.status_seeker,
    collaborator_score: result.scores.collaborator,
    primary_personality: result.primary,
    secondary_personality: result.secondary,
    label: result.label,
    vector: result.vector,
    predicted_recognition: result.predictedRecognition,
    // Stored snake_case, like every other column; the API body is camelCase.
    answers: input.answers.map((a) => ({ question_id: a.questionId, option_id: a.optionId })),
  }
}
