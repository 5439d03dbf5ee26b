/**
 * Advocates for measurements, arranged through the database as real data: a confirmed account
 * made through the Auth admin API (so the sign-up triggers run), a survey result as
 * `survey-submit` stores it, a CRM row that makes the program allowed to ask them, and an
 * accepted ask. The signed-in pages redirect anyone without a survey result to /welcome, so a
 * benchmark that signs in a bare account measures a redirect, not the page (issue 10 §13).
 */
import { randomUUID } from 'node:crypto'
import type { SupabaseClient } from '@supabase/supabase-js'
import type { Database, Tables } from '../../supabase/functions/_shared/database.types.ts'
import type { Personality } from '../../supabase/functions/_shared/personality.ts'
import { personalityResultRow } from '../../supabase/functions/_shared/personality-row.ts'

type Admin = SupabaseClient<Database>
type SeedAsk = Pick<Tables<'opportunities'>, 'id' | 'type' | 'team'>
const DAY_MS = 86_400_000

export interface BenchAdvocate {
  id: string
  email: string
  password: string
}

export interface AdvocateOptions {
  displayName?: string
  /** A finished survey with this personality on every answer; `null` leaves them at the welcome survey. */
  survey?: Personality | null
  /** A CRM row of a promoter the program may ask (healthy, a customer for a year, active this week). */
  askable?: boolean
}

export async function createAdvocate(admin: Admin, options: AdvocateOptions = {}): Promise<BenchAdvocate> {
  const email = `bench-${randomUUID()}@example.com`
  const password = `Pw-${randomUUID()}`
  const created = await admin.auth.admin.createUser({
    email,
    password,
    email_confirm: true,
    user_metadata: { display_name: options.displayName ?? 'Bench Advocate' },
  })
  if (created.error) throw created.error
  const id = created.data.user.id
  if (options.survey !== null) await recordSurveyResult(admin, id, options.survey ?? 'validator')
  if (options.askable) {
    const now = Date.now()
    const { error } = await admin.from('advocate_accounts').insert({
      profile_id: id,
      segment: 'mid_market',
      nps: 10,
      nps_at: new Date(now - 10 * DAY_MS).toISOString(),
      health_score: 88,
      customer_since: new Date(now - 365 * DAY_MS).toISOString().slice(0, 10),
      last_active_at: new Date(now - 2 * DAY_MS).toISOString(),
      company: 'Bench Co',
    })
    if (error) throw error
  }
  return { id, email, password }
}

/** A result on every question of the active version, scored as the edge function scores it. */
async function recordSurveyResult(admin: Admin, profileId: string, personality: Personality) {
  const { data: version, error } = await admin
    .from('survey_versions')
    .select('id, survey_questions(id, survey_options(id, personality))')
    .eq('is_active', true)
    .single()
  if (error) throw error
  const answers = version.survey_questions.map((question) => {
    const option = question.survey_options.find((o) => o.personality === personality)
    if (!option) throw new Error(`question ${question.id} has no ${personality} option`)
    return { questionId: question.id, optionId: option.id }
  })
  const row = personalityResultRow({ profileId, surveyVersionId: version.id, personalities: answers.map(() => personality), answers })
  const { error: insertError } = await admin.from('personality_results').insert(row)
  if (insertError) throw insertError
}

/** An open ask of the seed's, by title; its page is /opportunities/:id. */
export async function findAsk(admin: Admin, title: string): Promise<SeedAsk> {
  const { data, error } = await admin.from('opportunities').select('id, type, team').eq('title', title).eq('status', 'open').single()
  if (error) throw new Error(`the seed has no open ask titled “${title}”: ${error.message}`)
  return data
}

/** The advocate has accepted the ask and not yet sent it: /activity/:askId shows its completion form. */
export async function acceptAsk(admin: Admin, profileId: string, ask: SeedAsk): Promise<number> {
  const now = Date.now()
  const { data, error } = await admin
    .from('ask_ledger')
    .insert({
      profile_id: profileId,
      opportunity_id: ask.id,
      type: ask.type,
      team: ask.team,
      source: 'feed',
      state: 'accepted',
      asked_at: new Date(now - 60_000).toISOString(),
      decided_at: new Date(now - 30_000).toISOString(),
    })
    .select('id')
    .single()
  if (error) throw error
  return data.id
}
