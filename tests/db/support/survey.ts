/**
 * Survey fixtures for the DB tests: the active version as the database holds it, rows built from
 * chosen personalities with the app's own scoring (`personality.ts`), and throwaway versions.
 * Everything goes through the superuser connection (`db`), so it works whatever RLS says.
 */
import { randomUUID } from 'node:crypto'
import type { PoolClient } from 'pg'
import { PERSONALITIES, type Personality } from '../../../supabase/functions/_shared/personality.ts'
import { personalityResultRow } from '../../../supabase/functions/_shared/personality-row.ts'
import { db } from '../../stack/support/stack.ts'

export interface SurveyOption {
  id: number
  position: number
  personality: Personality
}
export interface SurveyQuestion {
  id: number
  position: number
  options: SurveyOption[]
}
export interface Survey {
  versionId: number
  isActive: boolean
  questions: SurveyQuestion[]
}

type Queryable = Pick<PoolClient, 'query'>

export async function loadSurvey(versionId?: number, client: Queryable = db): Promise<Survey> {
  const { rows } = await client.query<{
    version_id: number
    is_active: boolean
    question_id: number
    question_position: number
    option_id: number
    option_position: number
    personality: Personality
  }>(
    `select v.id::int as version_id, v.is_active, q.id::int as question_id, q.position as question_position,
            o.id::int as option_id, o.position as option_position, o.personality::text as personality
       from public.survey_versions v
       join public.survey_questions q on q.survey_version_id = v.id
       join public.survey_options o on o.question_id = q.id
      where ${versionId === undefined ? 'v.is_active' : 'v.id = $1'}
      order by q.position, o.position`,
    versionId === undefined ? [] : [versionId],
  )
  if (rows.length === 0) throw new Error(`no survey ${versionId ?? '(active)'}`)
  const questions = new Map<number, SurveyQuestion>()
  for (const r of rows) {
    const question = questions.get(r.question_id) ?? { id: r.question_id, position: r.question_position, options: [] }
    question.options.push({ id: r.option_id, position: r.option_position, personality: r.personality })
    questions.set(r.question_id, question)
  }
  return { versionId: rows[0].version_id, isActive: rows[0].is_active, questions: [...questions.values()] }
}

export const activeSurvey = () => loadSurvey()

/** The option of `question` that stands for `personality`. */
export function optionFor(question: SurveyQuestion, personality: Personality): SurveyOption {
  const option = question.options.find((o) => o.personality === personality)
  if (!option) throw new Error(`question ${question.id} has no ${personality} option`)
  return option
}

/** `{ questionId, optionId }` for question i choosing `picked[i]` (the edge function's body). */
export function answersFor(survey: Survey, picked: readonly Personality[]) {
  return survey.questions.map((q, i) => ({ questionId: q.id, optionId: optionFor(q, picked[i]).id }))
}

/** A `personality_results` insert whose computed columns come from `personality.ts`. */
export function resultRow(survey: Survey, profileId: string, picked: readonly Personality[]) {
  return personalityResultRow({ profileId, surveyVersionId: survey.versionId, personalities: picked, answers: answersFor(survey, picked) })
}

export type ResultRow = ReturnType<typeof resultRow>

/** Inserts a result over the superuser connection (the trigger still checks it). */
export async function insertResult(row: ResultRow, client: Queryable = db): Promise<number> {
  const { rows } = await client.query<{ id: number }>(
    `insert into public.personality_results (profile_id, survey_version_id, educator_score, validator_score,
       status_seeker_score, collaborator_score, primary_personality, secondary_personality, label, vector,
       predicted_recognition, answers)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id::int`,
    [
      row.profile_id,
      row.survey_version_id,
      row.educator_score,
      row.validator_score,
      row.status_seeker_score,
      row.collaborator_score,
      row.primary_personality,
      row.secondary_personality,
      row.label,
      row.vector,
      row.predicted_recognition,
      JSON.stringify(row.answers),
    ],
  )
  return rows[0].id
}

/** Every one of the 4^5 ways to answer five questions. */
export function allAnswerSets(): Personality[][] {
  let sets: Personality[][] = [[]]
  for (let i = 0; i < 5; i++) sets = sets.flatMap((set) => PERSONALITIES.map((p) => [...set, p]))
  return sets
}

/**
 * A complete, inactive survey version (5 questions × 4 options) with a unique title, as a
 * retired version would look. Delete it with `deleteVersion` (results pointing at it block that).
 */
export async function createInactiveVersion(label = 'test'): Promise<Survey> {
  const { rows } = await db.query<{ id: number }>(
    `with v as (insert into public.survey_versions (title, is_active) values ($1, false) returning id),
          q as (insert into public.survey_questions (survey_version_id, position, prompt)
                select v.id, n, 'Old question ' || n from v, generate_series(1, 5) n returning id, position)
     insert into public.survey_options (question_id, position, label, personality)
     select q.id, p.n, 'Old option ' || p.n, (enum_range(null::public.personality))[p.n]
       from q, generate_series(1, 4) as p(n)
     returning (select id::int from v) as id`,
    [`${label} ${randomUUID()}`],
  )
  return loadSurvey(rows[0].id)
}

export async function deleteVersion(versionId: number): Promise<void> {
  await db.query('delete from public.personality_results where survey_version_id = $1', [versionId])
  await db.query('delete from public.survey_versions where id = $1', [versionId])
}
