/**
 * Who may do what to `survey_responses` and `personality_results` (the policies in
 * …_personality-survey.sql). Each signed-in principal has exactly one arranged row, so rows are
 * keyed by `profile_id`; the rows use the real active survey, but only these principals' rows.
 */
import { db } from '../../../stack/support/stack.ts'
import { USER_PRINCIPALS, type Principals } from '../principals.ts'
import type { TableMatrix } from '../rls-matrix.ts'
import { activeSurvey, insertResult, resultRow, type Survey } from '../survey.ts'

let survey: Survey | undefined
const getSurvey = async () => (survey ??= await activeSurvey())
const ids = (principals: Principals) => USER_PRINCIPALS.map((name) => principals.idOf(name))

const refused = { select: 'denied', insert: 'denied', update: 'denied', delete: 'denied' } as const
const everything = { select: 'rows', insert: 'rows', update: 'rows', delete: 'rows' } as const

/** Set by `arrange`: an option of the first question other than the arranged one. */
let otherOptionId = 0

export const surveyResponsesMatrix: TableMatrix = {
  table: 'survey_responses',
  key: 'profile_id',
  async arrange(principals) {
    const { versionId, questions } = await getSurvey()
    const [first] = questions
    otherOptionId = first.options[1].id
    await db.query('delete from public.survey_responses where profile_id = any($1::uuid[])', [ids(principals)])
    await db.query(
      `insert into public.survey_responses (profile_id, survey_version_id, question_id, option_id)
       select unnest($1::uuid[]), $2, $3, $4`,
      [ids(principals), versionId, first.id, first.options[0].id],
    )
    return USER_PRINCIPALS.map((name) => ({ key: principals.idOf(name), owner: name }))
  },
  async insertRow(principals, owner) {
    const { versionId, questions } = await getSurvey()
    // Free the primary key, so that only the policies and grants can refuse the insert.
    await db.query('delete from public.survey_responses where profile_id = $1', [principals.idOf(owner)])
    return {
      profile_id: principals.idOf(owner),
      survey_version_id: versionId,
      question_id: questions[1].id,
      option_id: questions[1].options[2].id,
    }
  },
  updatePatch: () => ({ option_id: otherOptionId }),
  expect: {
    anon: refused,
    // Advocates save, change and clear only their own answers.
    advocate: { select: 'own-rows', insert: 'own-rows', update: 'own-rows', delete: 'own-rows' },
    otherAdvocate: { select: 'own-rows', insert: 'own-rows', update: 'own-rows', delete: 'own-rows' },
    // Admins follow everyone's progress but answer only for themselves.
    admin: { select: 'rows', insert: 'own-rows', update: 'own-rows', delete: 'own-rows' },
    service_role: everything,
  },
}

export const personalityResultsMatrix: TableMatrix = {
  table: 'personality_results',
  key: 'profile_id',
  async arrange(principals) {
    const current = await getSurvey()
    await db.query('delete from public.personality_results where profile_id = any($1::uuid[])', [ids(principals)])
    for (const id of ids(principals))
      await insertResult(resultRow(current, id, ['educator', 'validator', 'educator', 'validator', 'collaborator']))
    return USER_PRINCIPALS.map((name) => ({ key: principals.idOf(name), owner: name }))
  },
  async insertRow(principals, owner) {
    await db.query('delete from public.personality_results where profile_id = $1', [principals.idOf(owner)])
    return resultRow(await getSurvey(), principals.idOf(owner), [
      'collaborator',
      'collaborator',
      'collaborator',
      'status_seeker',
      'status_seeker',
    ])
  },
  // Only the service role may update at all (no column grant for users); the trigger ignores created_at.
  updatePatch: () => ({ created_at: '2026-01-01T00:00:00Z' }),
  expect: {
    anon: refused,
    // Results are append-only history for users: no update or delete grant.
    advocate: { select: 'own-rows', insert: 'own-rows', update: 'denied', delete: 'denied' },
    otherAdvocate: { select: 'own-rows', insert: 'own-rows', update: 'denied', delete: 'denied' },
    admin: { select: 'rows', insert: 'own-rows', update: 'denied', delete: 'denied' },
    service_role: everything,
  },
}
