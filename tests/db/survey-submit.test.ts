/**
 * `survey-submit` through the real gateway and Deno (supabase-js `functions.invoke`, signed in as
 * an advocate), and the database's own guard: the trigger on `personality_results`, run over
 * every answer set against `personality.ts` so the two scoring implementations cannot drift.
 */
import { FunctionsHttpError } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { PERSONALITIES, scorePersonality, type Personality } from '../../supabase/functions/_shared/personality.ts'
import type { SurveySubmitResult } from '../../supabase/functions/_shared/survey-schemas.ts'
import { anonClient, db, stack } from '../stack/support/stack.ts'
import { createPrincipals, type Principals, type TypedClient } from './support/principals.ts'
import { activeSurvey, allAnswerSets, answersFor, createInactiveVersion, deleteVersion, resultRow, type Survey } from './support/survey.ts'

let p: Principals
let survey: Survey
let oldVersion: Survey

beforeAll(async () => {
  ;[p, survey, oldVersion] = await Promise.all([
    createPrincipals('survey-submit'),
    activeSurvey(),
    createInactiveVersion('survey-submit old'),
  ])
})
afterAll(async () => {
  if (oldVersion) await deleteVersion(oldVersion.versionId)
  await p?.cleanup()
})

const EMMA: Personality[] = ['educator', 'validator', 'educator', 'validator', 'collaborator']

/** Invokes the function and returns the status and parsed body, whatever the outcome. */
async function submit(client: TypedClient, body: unknown, method: 'POST' | 'GET' | 'PUT' = 'POST') {
  const { data, error, response } = await client.functions.invoke('survey-submit', { body: body as Record<string, unknown>, method })
  if (error instanceof FunctionsHttpError) {
    const res = error.context as Response
    return { status: res.status, body: (await res.json()) as { error: string; message: string } }
  }
  if (error) throw error
  return { status: response!.status, body: data as SurveySubmitResult }
}

/** Inserts `personality_results` rows given as a JSON array (the columns users may write). */
const INSERT_ROWS = `
  insert into public.personality_results (profile_id, survey_version_id, educator_score, validator_score, status_seeker_score,
    collaborator_score, primary_personality, secondary_personality, label, vector, predicted_recognition, answers)
  select profile_id, survey_version_id, educator_score, validator_score, status_seeker_score, collaborator_score,
         primary_personality, secondary_personality, label, vector, predicted_recognition, answers
    from jsonb_populate_recordset(null::public.personality_results, $1::jsonb)`

const resultsOf = async (profileId: string) =>
  (await db.query('select * from public.personality_results where profile_id = $1 order by id', [profileId])).rows
const responsesOf = async (profileId: string) =>
  (await db.query('select question_id::int from public.survey_responses where profile_id = $1', [profileId])).rows

describe('survey-submit: a valid submission', () => {
  test('201 with the camelCase result; the row is stored and the saved answers are cleared', async () => {
    const id = p.idOf('advocate')
    const answers = answersFor(survey, EMMA)
    // The survey as the UI runs it: each choice upserted as it is made.
    const saved = await p.advocate.client.from('survey_responses').upsert(
      answers.map((a) => ({ profile_id: id, survey_version_id: survey.versionId, question_id: a.questionId, option_id: a.optionId })),
      { onConflict: 'profile_id,question_id' },
    )
    expect(saved.error).toBeNull()
    expect(await responsesOf(id)).toHaveLength(5)

    const { status, body } = await submit(p.advocate.client, { surveyVersionId: survey.versionId, answers })
    expect(status).toBe(201)
    const expected = scorePersonality(EMMA)
    expect(body).toEqual({
      id: expect.any(Number),
      profileId: id,
      surveyVersionId: survey.versionId,
      ...expected,
      answers,
      createdAt: expect.any(String),
    })
    expect(body).toMatchObject({
      label: 'Educator–Validator',
      kind: 'dual',
      primary: 'educator',
      secondary: 'validator',
      predictedRecognition: 'thank_you_letter',
    })

    const rows = await resultsOf(id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      educator_score: 2,
      validator_score: 2,
      status_seeker_score: 0,
      collaborator_score: 1,
      primary_personality: 'educator',
      secondary_personality: 'validator',
      label: 'Educator–Validator',
      predicted_recognition: 'thank_you_letter',
      vector: [0.4, 0.4, 0, 0.2],
      answers: answers.map((a) => ({ question_id: a.questionId, option_id: a.optionId })),
    })
    expect(await responsesOf(id)).toEqual([])
  })

  test('a retake adds to the history; the latest row is the personality', async () => {
    const id = p.idOf('advocate')
    const before = (await resultsOf(id)).length
    const { status, body } = await submit(p.advocate.client, {
      surveyVersionId: survey.versionId,
      answers: answersFor(survey, ['status_seeker', 'status_seeker', 'status_seeker', 'educator', 'educator']),
    })
    expect(status).toBe(201)
    expect(body).toMatchObject({ label: 'Status Seeker–Educator', kind: 'primary-secondary' })
    expect(await resultsOf(id)).toHaveLength(before + 1)
    const latest = await p.advocate.client
      .from('personality_results')
      .select('label')
      .order('created_at', { ascending: false })
      .order('id', { ascending: false })
      .limit(1)
      .single()
    expect(latest.data?.label).toBe('Status Seeker–Educator')
  })

  test('the answers may come in any order', async () => {
    const answers = answersFor(survey, ['collaborator', 'collaborator', 'collaborator', 'collaborator', 'validator']).reverse()
    const { status, body } = await submit(p.otherAdvocate.client, { surveyVersionId: survey.versionId, answers })
    expect(status).toBe(201)
    expect(body).toMatchObject({ label: 'Collaborator', kind: 'single', predictedRecognition: 'early_access', vector: [0, 0.2, 0, 0.8] })
  })
})

describe('survey-submit: bad input is a 400 that says what is wrong, and stores nothing', () => {
  const valid = () => answersFor(survey, EMMA)
  const q = (i: number) => survey.questions[i]

  test.each<[string, () => unknown, RegExp | (() => RegExp), string?]>([
    ['four answers', () => ({ surveyVersionId: survey.versionId, answers: valid().slice(0, 4) }), /expected 5 answers/],
    ['six answers', () => ({ surveyVersionId: survey.versionId, answers: [...valid(), valid()[0]] }), /expected 5 answers/],
    [
      'a question answered twice',
      () => ({ surveyVersionId: survey.versionId, answers: [...valid().slice(0, 4), valid()[0]] }),
      /question \d+ is answered more than once/,
    ],
    [
      'an unknown option',
      () => ({ surveyVersionId: survey.versionId, answers: valid().map((a, i) => (i === 2 ? { ...a, optionId: 987654321 } : a)) }),
      /option 987654321 does not belong to question/,
      'answers_mismatch',
    ],
    [
      'an option from another question',
      () => ({ surveyVersionId: survey.versionId, answers: valid().map((a, i) => (i === 0 ? { ...a, optionId: q(1).options[0].id } : a)) }),
      () => new RegExp(`option ${survey.questions[1].options[0].id} does not belong to question ${survey.questions[0].id}`),
      'answers_mismatch',
    ],
    [
      'an unknown question',
      () => ({
        surveyVersionId: survey.versionId,
        answers: valid().map((a, i) => (i === 4 ? { questionId: 987654321, optionId: a.optionId } : a)),
      }),
      /question 987654321 is not part of survey version/,
      'answers_mismatch',
    ],
    ['a missing version', () => ({ answers: valid() }), /surveyVersionId: surveyVersionId is required/],
    ['ids as strings', () => ({ surveyVersionId: String(survey.versionId), answers: valid() }), /surveyVersionId must be a number/],
    ['answers that are not objects', () => ({ surveyVersionId: survey.versionId, answers: [1, 2, 3, 4, 5] }), /answers\.0/],
    ['a JSON string instead of an object', () => 'educator', /must be JSON|Expected object/],
  ])('%s', async (_label, body, message, code = 'invalid_submission') => {
    const id = p.idOf('admin')
    const before = (await resultsOf(id)).length
    const res = await submit(p.admin.client, body())
    expect(res.status).toBe(400)
    expect(res.body).toEqual({ error: code, message: expect.stringMatching(typeof message === 'function' ? message() : message) })
    expect(await resultsOf(id)).toHaveLength(before)
  })

  test('an old (inactive) version is refused (409 survey_changed), even when the answers fit it', async () => {
    const answers = answersFor(oldVersion, EMMA)
    const res = await submit(p.admin.client, { surveyVersionId: oldVersion.versionId, answers })
    expect(res.status).toBe(409)
    expect(res.body).toEqual({
      error: 'survey_changed',
      message: `survey version ${oldVersion.versionId} is not the current survey (${survey.versionId}); reload and answer again`,
    })
    expect(await resultsOf(p.idOf('admin'))).toEqual([])
  })

  test('the database refuses an inactive version too, if the function is bypassed', async () => {
    const { error, status } = await p.admin.client.from('personality_results').insert(resultRow(oldVersion, p.idOf('admin'), EMMA))
    expect(status).toBe(400)
    expect(error).toMatchObject({ code: '22023', message: `survey version ${oldVersion.versionId} is not the active version` })
  })
})

describe('survey-submit: HTTP and auth', () => {
  test('other methods get 405 with Allow', async () => {
    const res = await fetch(`${stack.apiUrl}/functions/v1/survey-submit`, {
      method: 'GET',
      headers: { apikey: stack.anonKey, Authorization: `Bearer ${(await p.advocate.client.auth.getSession()).data.session!.access_token}` },
    })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('POST, OPTIONS')
    expect(await res.json()).toEqual({ error: 'method_not_allowed', message: 'use POST' })
  })

  test('a CORS preflight is answered', async () => {
    const res = await fetch(`${stack.apiUrl}/functions/v1/survey-submit`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:3000',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type',
      },
    })
    expect(res.status).toBeLessThan(300)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/i)
  })

  test('without a JWT the gateway answers 401 (verify_jwt is on)', async () => {
    const res = await fetch(`${stack.apiUrl}/functions/v1/survey-submit`, {
      method: 'POST',
      headers: { apikey: stack.anonKey },
      body: '{}',
    })
    expect(res.status).toBe(401)
    const bad = await fetch(`${stack.apiUrl}/functions/v1/survey-submit`, {
      method: 'POST',
      headers: { apikey: stack.anonKey, Authorization: 'Bearer not.a.jwt' },
      body: '{}',
    })
    expect(bad.status).toBe(401)
  })

  test('the anon key passes the gateway but is not a user: 401 from the function', async () => {
    const res = await submit(anonClient() as unknown as TypedClient, {
      surveyVersionId: survey.versionId,
      answers: answersFor(survey, EMMA),
    })
    expect(res).toEqual({ status: 401, body: { error: 'unauthorized', message: 'sign in to submit the survey' } })
  })
})

describe('personality_results: the database guards the invariant on its own', () => {
  test('a direct REST insert whose scores contradict its answers is rejected', async () => {
    const row = { ...resultRow(survey, p.idOf('otherAdvocate'), EMMA), educator_score: 3, collaborator_score: 0 }
    const { error, status } = await p.otherAdvocate.client.from('personality_results').insert(row)
    expect(status).toBe(400)
    expect(error?.code).toBe('23514')
    expect(error?.message).toBe(
      'scores (educator 3, validator 2, status_seeker 0, collaborator 0) disagree with the answers, which give (2, 2, 0, 1)',
    )
  })

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['a flattering label', { label: 'Educator' }, /label "Educator" disagrees with the answers, which give "Educator–Validator"/],
    [
      'a swapped primary',
      { primary_personality: 'validator', secondary_personality: 'educator' },
      /primary_personality validator disagrees/,
    ],
    ['a missing secondary', { secondary_personality: null }, /secondary_personality null disagrees with the answers, which give validator/],
    ['a tampered vector', { vector: [1, 0, 0, 0] }, /vector \{1,0,0,0\} disagrees/],
    ['another recognition', { predicted_recognition: 'small_gift' }, /predicted_recognition small_gift disagrees/],
    ['four answers', { answers: 'first four' }, /expected 5 answers/],
  ])('%s is rejected', async (_label, patch, message) => {
    const valid = resultRow(survey, p.idOf('otherAdvocate'), EMMA)
    const row = { ...valid, ...patch, answers: patch.answers === 'first four' ? valid.answers.slice(0, 4) : valid.answers }
    const { error, status } = await p.otherAdvocate.client.from('personality_results').insert(row as never)
    expect(status).toBe(400)
    expect(error?.message).toMatch(message)
  })

  test("nobody records a result for someone else's profile, or reads another's results or answers", async () => {
    const victim = p.idOf('otherAdvocate')
    const forged = await p.advocate.client
      .from('personality_results')
      .insert(resultRow(survey, victim, ['validator', 'validator', 'validator', 'validator', 'validator']))
    expect(forged.status).toBe(403)
    expect(forged.error?.code).toBe('42501')
    expect((await resultsOf(victim)).every((r) => r.label !== 'Validator')).toBe(true)

    await db.query(
      `insert into public.survey_responses (profile_id, survey_version_id, question_id, option_id) values ($1, $2, $3, $4)
       on conflict do nothing`,
      [victim, survey.versionId, survey.questions[0].id, survey.questions[0].options[0].id],
    )
    const results = await p.advocate.client.from('personality_results').select('id').eq('profile_id', victim)
    expect(results).toMatchObject({ error: null, data: [] })
    const responses = await p.advocate.client.from('survey_responses').select('question_id').eq('profile_id', victim)
    expect(responses).toMatchObject({ error: null, data: [] })
    // The body of survey-submit has no profile: a submission is always the caller's own.
    const own = await submit(p.advocate.client, { surveyVersionId: survey.versionId, answers: answersFor(survey, EMMA), profileId: victim })
    expect(own.status).toBe(201)
    expect((own.body as SurveySubmitResult).profileId).toBe(p.idOf('advocate'))
  })

  test('SQL and personality.ts agree on all 1024 answer sets, through the trigger as the advocate (rolled back)', async () => {
    const sets = allAnswerSets()
    const client = await db.connect()
    try {
      await client.query('begin')
      // The compute function, over every set in one query.
      const { rows } = await client.query<{ i: number; r: Record<string, unknown> }>(
        `select e.i::int - 1 as i, to_jsonb(r) as r
           from jsonb_array_elements($1::jsonb) with ordinality as e(answers, i)
          cross join lateral private.compute_personality_result($2, e.answers) r order by e.i`,
        [JSON.stringify(sets.map((set) => resultRow(survey, '', set).answers)), survey.versionId],
      )
      expect(rows).toHaveLength(1024)
      for (const { i, r } of rows) {
        const { answers: _a, profile_id: _p, survey_version_id: _v, ...expected } = resultRow(survey, '', sets[i])
        expect(r, sets[i].join(',')).toEqual(expected)
      }

      // The trigger, as the advocate through RLS: every TS-computed row is accepted... (1024 results
      // at once is far over the per-advocate quota, which has its own test: off for this transaction.)
      await client.query('alter table public.personality_results disable trigger on_personality_results_quota')
      await client.query(`select set_config('request.jwt.claims', $1, true)`, [
        JSON.stringify({ sub: p.idOf('advocate'), role: 'authenticated' }),
      ])
      await client.query('set local role authenticated')
      const rowsJson = JSON.stringify(sets.map((set) => resultRow(survey, p.idOf('advocate'), set)))
      const inserted = await client.query(INSERT_ROWS, [rowsJson])
      expect(inserted.rowCount).toBe(1024)

      // ...and the same rows with any other primary personality are each rejected.
      let rejected = 0
      for (const set of sets) {
        const row = resultRow(survey, p.idOf('advocate'), set)
        const wrong = PERSONALITIES.find((x) => x !== row.primary_personality)!
        await client.query('savepoint s')
        try {
          await client.query(INSERT_ROWS, [JSON.stringify([{ ...row, primary_personality: wrong }])])
        } catch (error) {
          if ((error as { code?: string }).code === '23514') rejected++
        }
        await client.query('rollback to savepoint s')
      }
      expect(rejected).toBe(1024)
    } finally {
      await client.query('rollback')
      client.release()
    }
  }, 60_000)
})
