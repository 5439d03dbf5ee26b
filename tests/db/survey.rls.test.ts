/**
 * The welcome survey's tables beyond the RLS matrices (`<table>.rls.test.ts`): reading the
 * survey, saving answers the way the UI does (upsert), what the grants and checks refuse, the new
 * profile fields, and the demo seed's results.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { db } from '../stack/support/stack.ts'
import { createPrincipals, type Principals } from './support/principals.ts'
import { activeSurvey, createInactiveVersion, deleteVersion, type Survey } from './support/survey.ts'

let p: Principals
let survey: Survey
beforeAll(async () => {
  ;[p, survey] = await Promise.all([createPrincipals('survey'), activeSurvey()])
})
afterAll(async () => {
  await p?.cleanup()
})

const responsesOf = async (profileId: string) =>
  (
    await db.query<{ question_id: number; option_id: number; answered_at: Date }>(
      'select question_id::int, option_id::int, answered_at from public.survey_responses where profile_id = $1 order by question_id',
      [profileId],
    )
  ).rows

describe('survey: reading the active version', () => {
  test('one active version: five questions in order, each with one option per personality', async () => {
    const { data, error } = await p.advocate.client
      .from('survey_versions')
      .select('id, title, survey_questions(id, position, prompt, survey_options(id, position, label, personality))')
      .eq('is_active', true)
      .order('position', { referencedTable: 'survey_questions' })
      .single()
    expect(error).toBeNull()
    expect(data!.id).toBe(survey.versionId)
    expect(data!.survey_questions.map((q) => q.position)).toEqual([1, 2, 3, 4, 5])
    expect(data!.survey_questions[0].prompt).toBe('If you presented at one of our events, what would you most like to do?')
    for (const q of data!.survey_questions) {
      expect(q.survey_options.map((o) => o.personality).sort()).toEqual(['collaborator', 'educator', 'status_seeker', 'validator'])
      expect(q.survey_options.map((o) => o.position).sort()).toEqual([1, 2, 3, 4])
    }
  })

  test('anon cannot read the survey', async () => {
    const { status, error } = await p.anon.client.from('survey_questions').select('id')
    expect(status).toBe(401)
    expect(error?.code).toBe('42501')
  })

  test('a second active version is refused', async () => {
    const client = await db.connect()
    try {
      await client.query('begin')
      await expect(client.query(`insert into public.survey_versions (title, is_active) values ('Second', true)`)).rejects.toMatchObject({
        code: '23505',
      })
    } finally {
      await client.query('rollback')
      client.release()
    }
  })
})

describe('survey: saving answers as they are chosen', () => {
  const row = (questionIndex: number, optionIndex: number) => ({
    profile_id: p.idOf('advocate'),
    survey_version_id: survey.versionId,
    question_id: survey.questions[questionIndex].id,
    option_id: survey.questions[questionIndex].options[optionIndex].id,
  })

  test('an upsert saves an answer, a second one changes it and moves answered_at', async () => {
    const { client } = p.advocate
    const first = await client.from('survey_responses').upsert(row(0, 0), { onConflict: 'profile_id,question_id' })
    expect(first.error).toBeNull()
    const [saved] = await responsesOf(p.idOf('advocate'))
    expect(saved.option_id).toBe(survey.questions[0].options[0].id)
    const second = await client.from('survey_responses').upsert(row(0, 3), { onConflict: 'profile_id,question_id' })
    expect(second.error).toBeNull()
    const [changed] = await responsesOf(p.idOf('advocate'))
    expect(changed.option_id).toBe(survey.questions[0].options[3].id)
    expect(changed.answered_at.getTime()).toBeGreaterThan(saved.answered_at.getTime())
  })

  test('an option of another question is refused by the composite foreign key', async () => {
    const { error } = await p.advocate.client
      .from('survey_responses')
      .upsert({ ...row(1, 0), option_id: survey.questions[2].options[0].id }, { onConflict: 'profile_id,question_id' })
    expect(error?.code).toBe('23503')
  })

  test('answers to an inactive version are refused', async () => {
    const old = await createInactiveVersion('survey old')
    try {
      const q = old.questions[0]
      const { error, status } = await p.advocate.client
        .from('survey_responses')
        .insert({ profile_id: p.idOf('advocate'), survey_version_id: old.versionId, question_id: q.id, option_id: q.options[0].id })
      expect(status).toBe(403)
      expect(error?.code).toBe('42501')
    } finally {
      await deleteVersion(old.versionId)
    }
  })

  test("an answer cannot be moved to someone else's profile, nor its time set by the client", async () => {
    const { client } = p.advocate
    await client.from('survey_responses').upsert(row(4, 1), { onConflict: 'profile_id,question_id' })
    const moved = await client
      .from('survey_responses')
      .update({ profile_id: p.idOf('otherAdvocate') })
      .eq('question_id', survey.questions[4].id)
    expect(moved.error?.code).toBe('42501')
    const timed = await client
      .from('survey_responses')
      .update({ answered_at: '2000-01-01T00:00:00Z' })
      .eq('question_id', survey.questions[4].id)
    expect(timed.error?.code).toBe('42501')
  })
})

describe('survey: results are append-only for users', () => {
  test('no update, delete, or choice of id or created_at', async () => {
    const { client } = p.advocate
    expect((await client.from('personality_results').update({ label: 'Balanced' }).eq('profile_id', p.idOf('advocate'))).error?.code).toBe(
      '42501',
    )
    expect((await client.from('personality_results').delete().eq('profile_id', p.idOf('advocate'))).error?.code).toBe('42501')
    const backdated = await client.from('personality_results').insert({ created_at: '2000-01-01T00:00:00Z' } as never)
    expect(backdated.error?.code).toBe('42501')
  })
})

describe('profiles: the survey fields', () => {
  test('new profiles start with no goals, no recognition preference and every wall consent off', async () => {
    const { data } = await p.otherAdvocate.client
      .from('profiles')
      .select(
        'company, job_title, industry, recognition_preference, goals, show_on_wall, wall_show_name, wall_show_company, wall_show_photo',
      )
      .eq('id', p.idOf('otherAdvocate'))
      .single()
    expect(data).toEqual({
      company: null,
      job_title: null,
      industry: null,
      recognition_preference: null,
      goals: [],
      show_on_wall: false,
      wall_show_name: false,
      wall_show_company: false,
      wall_show_photo: false,
    })
  })

  test('the owner sets them', async () => {
    const patch = {
      company: 'Northwind Analytics',
      job_title: 'Head of Data',
      industry: 'Data & analytics',
      recognition_preference: 'early_access' as const,
      goals: ['learn' as const, 'grow_network' as const],
      show_on_wall: true,
      wall_show_name: true,
      wall_show_company: true,
      wall_show_photo: false,
    }
    const { data, error } = await p.advocate.client
      .from('profiles')
      .update(patch)
      .eq('id', p.idOf('advocate'))
      .select(Object.keys(patch).join(', '))
      .single()
    expect(error).toBeNull()
    expect(data).toEqual(patch)
  })

  test.each([
    ['an empty company', { company: '' }, '23514'],
    ['a job title with outer spaces', { job_title: ' CTO' }, '23514'],
    ['an industry over 120 characters', { industry: 'x'.repeat(121) }, '23514'],
    ['a company on two lines', { company: 'Acme\nLtd' }, '23514'],
    ['a goal twice', { goals: ['learn', 'learn'] }, '23514'],
    ['an unknown goal', { goals: ['get_rich'] }, '22P02'],
    ['an unknown recognition', { recognition_preference: 'trophy' }, '22P02'],
  ])('the database refuses %s', async (_label, patch, code) => {
    const { error } = await p.advocate.client
      .from('profiles')
      .update(patch as never)
      .eq('id', p.idOf('advocate'))
    expect(error?.code).toBe(code)
  })
})

describe('survey: the demo seed', () => {
  test('results match the README: Ava, Ben, Carmen, Dev, Emma; Farah has none', async () => {
    const { rows } = await db.query<{ email: string; label: string; results: number }>(
      `select u.email, latest.label, (select count(*)::int from public.personality_results r where r.profile_id = u.id) as results
         from auth.users u
         left join lateral (select label from public.personality_results r where r.profile_id = u.id
                             order by r.created_at desc, r.id desc limit 1) latest on true
        where u.id::text like '00000000-0000-4000-8000-0000000001%' order by u.email`,
    )
    expect(rows).toEqual([
      { email: 'ava@example.com', label: 'Educator', results: 2 },
      { email: 'ben@example.com', label: 'Validator', results: 1 },
      { email: 'carmen@example.com', label: 'Status Seeker', results: 1 },
      { email: 'dev@example.com', label: 'Collaborator', results: 1 },
      { email: 'emma@example.com', label: 'Educator–Validator', results: 1 },
      { email: 'farah@example.com', label: null, results: 0 },
    ])
  })

  test('demo profiles carry company, job title and industry', async () => {
    const { rows } = await db.query(
      `select company, job_title, industry from public.profiles where id = '00000000-0000-4000-8000-000000000105'`,
    )
    expect(rows[0]).toEqual({ company: 'Lumen Retail', job_title: 'Marketing Operations Lead', industry: 'Retail' })
  })
})
