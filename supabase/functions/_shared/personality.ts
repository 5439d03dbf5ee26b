/**
 * Scoring the welcome survey (docs/decisions/004-personality-survey-data.md, domain.md §1.2).
 * Pure and runtime-neutral: Node (vitest, Remix) and Deno (`survey-submit`) both import it. The
 * same rule lives in SQL (`private.compute_personality_result`); tests run both over every
 * answer set, so change them together.
 */
import { Constants } from './database.types.ts'

/**
 * From the generated `Constants`, so they cannot drift from the SQL enums. PERSONALITIES is in
 * the fixed order E, V, S, C that labels, ties and vectors use: the SQL enum's declared order.
 */
export const PERSONALITIES = Constants.public.Enums.personality
export type Personality = (typeof PERSONALITIES)[number]

export const RECOGNITION_PREFERENCES = Constants.public.Enums.recognition_preference
export type RecognitionPreference = (typeof RECOGNITION_PREFERENCES)[number]

export const ADVOCATE_GOALS = Constants.public.Enums.advocate_goal
export type AdvocateGoal = (typeof ADVOCATE_GOALS)[number]

/** Questions per survey, and so answers per submission. */
export const SURVEY_QUESTION_COUNT = 5

/** The name a label uses for each personality (also in the database's `label` column). */
export const PERSONALITY_LABELS: Record<Personality, string> = {
  educator: 'Educator',
  validator: 'Validator',
  status_seeker: 'Status Seeker',
  collaborator: 'Collaborator',
}

/** How each personality prefers to be thanked (the HubSpot study). */
export const PREDICTED_RECOGNITION: Record<Personality, RecognitionPreference> = {
  educator: 'thank_you_letter',
  validator: 'small_gift',
  status_seeker: 'career_content',
  collaborator: 'early_access',
}

export const BALANCED_LABEL = 'Balanced'

/**
 * - `single`: 5, 4-1 or 3-1-1; one type.
 * - `primary-secondary`: 3-2.
 * - `dual`: 2-2-1; both types weigh the same, ordered E, V, S, C.
 * - `balanced`: 2-1-1-1; no dominant type (the primary is the 2).
 */
export type PersonalityKind = 'single' | 'primary-secondary' | 'dual' | 'balanced'

export type PersonalityScores = Record<Personality, number>

export interface PersonalityResult {
  scores: PersonalityScores
  primary: Personality
  /** Set for `primary-secondary` and `dual` only. */
  secondary: Personality | null
  /** `Educator`, `Educator–Validator` (en dash) or `Balanced`. */
  label: string
  kind: PersonalityKind
  /** `score / 5` in the order E, V, S, C: the weights feed matching uses. */
  vector: [number, number, number, number]
  predictedRecognition: RecognitionPreference
}

/** Scores one complete survey: the personality of each of the five chosen options. */
export function scorePersonality(answers: readonly Personality[]): PersonalityResult {
  if (answers.length !== SURVEY_QUESTION_COUNT) {
    throw new RangeError(`expected ${SURVEY_QUESTION_COUNT} answers, got ${answers.length}`)
  }
  const counts = [0, 0, 0, 0]
  for (const answer of answers) {
    const index = PERSONALITIES.indexOf(answer)
    if (index < 0) throw new RangeError(`unknown personality: ${String(answer)}`)
    counts[index] += 1
  }

  const top = Math.max(...counts)
  const first = counts.indexOf(top)
  let second = -1
  let kind: PersonalityKind
  if (top >= 4 || (top === 3 && !counts.includes(2))) {
    kind = 'single'
  } else if (top === 3) {
    kind = 'primary-secondary'
    second = counts.indexOf(2)
  } else if (counts.indexOf(2, first + 1) >= 0) {
    kind = 'dual'
    second = counts.indexOf(2, first + 1)
  } else {
    kind = 'balanced'
  }

  const primary = PERSONALITIES[first]
  const secondary = second >= 0 ? PERSONALITIES[second] : null
  const label =
    kind === 'balanced'
      ? BALANCED_LABEL
      : secondary
        ? `${PERSONALITY_LABELS[primary]}–${PERSONALITY_LABELS[secondary]}`
        : PERSONALITY_LABELS[primary]

  return {
    scores: { educator: counts[0], validator: counts[1], status_seeker: counts[2], collaborator: counts[3] },
    primary,
    secondary,
    label,
    kind,
    vector: [counts[0] / 5, counts[1] / 5, counts[2] / 5, counts[3] / 5],
    predictedRecognition: PREDICTED_RECOGNITION[primary],
  }
}
