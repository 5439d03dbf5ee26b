/**
 * Who may do what to the survey's reference tables (versions, questions, options; the policies in
 * …_personality-survey.sql). The arranged rows belong to a throwaway, inactive version tagged
 * with the matrix's principals, so the real active survey and other test files are never touched.
 *
 * Identity columns are `generated always` and not granted, so an insert cannot name its `id`;
 * the matrices therefore key rows by their (unique per test) text column. An update patch
 * rewrites that text, which the runner sees as "the row changed".
 */
import { randomUUID } from 'node:crypto'
import { db } from '../../../stack/support/stack.ts'
import type { Principals } from '../principals.ts'
import type { TableMatrix } from '../rls-matrix.ts'

const tags = new WeakMap<Principals, string>()
let currentTag = 'rls'
const tagOf = (principals: Principals) => {
  if (!tags.has(principals)) tags.set(principals, `rls ${randomUUID()}`)
  currentTag = tags.get(principals)!
  return currentTag
}
const unique = (what: string) => `${currentTag} ${what} ${randomUUID().slice(0, 8)}`

/** Drops this matrix's earlier versions (with their questions and options) and makes a fresh one. */
async function freshVersion(principals: Principals, titles = 1): Promise<{ versionIds: number[]; titles: string[] }> {
  const tag = tagOf(principals)
  await db.query(`delete from public.survey_versions where title like $1 || '%'`, [tag])
  const made = Array.from({ length: titles }, () => unique('version'))
  const { rows } = await db.query<{ id: number }>(
    `insert into public.survey_versions (title, is_active) select t, false from unnest($1::text[]) t returning id::int`,
    [made],
  )
  return { versionIds: rows.map((r) => r.id), titles: made }
}

// Any signed-in user reads the reference data; only admins write it. For an advocate, a write
// hidden by USING changes 0 rows without an error; an insert fails WITH CHECK (42501).
const reader = { select: 'rows', insert: 'denied', update: 'none', delete: 'none' } as const
const everything = { select: 'rows', insert: 'rows', update: 'rows', delete: 'rows' } as const
const refused = { select: 'denied', insert: 'denied', update: 'denied', delete: 'denied' } as const
const expectations = { anon: refused, advocate: reader, otherAdvocate: reader, admin: everything, service_role: everything }

export const surveyVersionsMatrix: TableMatrix = {
  table: 'survey_versions',
  key: 'title',
  async arrange(principals) {
    const { titles } = await freshVersion(principals, 2)
    return titles.map((key) => ({ key, owner: null }))
  },
  insertRow: (principals) => ({ title: `${tagOf(principals)} inserted ${randomUUID().slice(0, 8)}`, is_active: false }),
  updatePatch: () => ({ title: unique('renamed') }),
  expect: expectations,
}

export const surveyQuestionsMatrix: TableMatrix = {
  table: 'survey_questions',
  key: 'prompt',
  async arrange(principals) {
    const { versionIds } = await freshVersion(principals)
    const prompts = [unique('question'), unique('question')]
    await db.query(
      `insert into public.survey_questions (survey_version_id, position, prompt)
       select $1, n, ($2::text[])[n] from generate_series(1, 2) n`,
      [versionIds[0], prompts],
    )
    return prompts.map((key) => ({ key, owner: null }))
  },
  async insertRow(principals) {
    const { rows } = await db.query<{ id: number; next: number }>(
      `select v.id::int, coalesce(max(q.position), 0) + 1 as next
         from public.survey_versions v left join public.survey_questions q on q.survey_version_id = v.id
        where v.title like $1 || '%' group by v.id`,
      [tagOf(principals)],
    )
    return { survey_version_id: rows[0].id, position: rows[0].next, prompt: unique('inserted') }
  },
  updatePatch: () => ({ prompt: unique('reworded') }),
  expect: expectations,
}

export const surveyOptionsMatrix: TableMatrix = {
  table: 'survey_options',
  key: 'label',
  async arrange(principals) {
    const { versionIds } = await freshVersion(principals)
    const labels = [unique('option'), unique('option')]
    await db.query(
      `with q as (insert into public.survey_questions (survey_version_id, position, prompt) values ($1, 1, $2) returning id)
       insert into public.survey_options (question_id, position, label, personality)
       select q.id, n, ($3::text[])[n], (enum_range(null::public.personality))[n] from q, generate_series(1, 2) n`,
      [versionIds[0], unique('question'), labels],
    )
    return labels.map((key) => ({ key, owner: null }))
  },
  async insertRow(principals) {
    // The next free position and personality of the question (at most 2 + 2 options per case).
    const { rows } = await db.query<{ id: number; next: number }>(
      `select q.id::int, count(o.*)::int + 1 as next
         from public.survey_versions v join public.survey_questions q on q.survey_version_id = v.id
         left join public.survey_options o on o.question_id = q.id
        where v.title like $1 || '%' group by q.id`,
      [tagOf(principals)],
    )
    const personalities = ['educator', 'validator', 'status_seeker', 'collaborator']
    return { question_id: rows[0].id, position: rows[0].next, label: unique('inserted'), personality: personalities[rows[0].next - 1] }
  },
  updatePatch: () => ({ label: unique('relabelled') }),
  expect: expectations,
}
