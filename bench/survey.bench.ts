/**
 * `npm run bench:survey`: latency of `survey-submit` through the gateway (validate, read the
 * active survey, score, insert with the trigger), sequential and 10 at a time.
 *
 * Runs a private stack of the real project (ports 28300+, its own data dir). The baseline is a
 * REST select through the gateway with the same user's JWT, measured in the same run and
 * interleaved with the submissions, because these machines are noisy. Target: p95 ≤ 50 ms.
 * `--smoke`: one round, no target asserted (bench/mode.ts).
 */
import { randomUUID } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import { webSocketTransport } from '../app/lib/websocket.server.ts'
import { loadConfig, PROJECT_ROOT, stackUrls } from '../supabase/local/config.ts'
import { ANON_KEY, SERVICE_ROLE_KEY } from '../supabase/local/keys.ts'
import { cleanUpStale, startStack } from '../supabase/local/supervisor.ts'
import type { Database } from '../supabase/functions/_shared/database.types.ts'
import type { Personality } from '../supabase/functions/_shared/personality.ts'
import { PORTS, SMOKE, size, verdict as judge } from './mode.ts'

const PORT_BASE = PORTS.survey
const TARGET_P95_MS = 50
const ROUNDS = size(10, 1)
const PER_ROUND = 30
const CONCURRENCY = 10
/** The database's write quota on personality_results for the API role (security-hardening migration). */
const RESULTS_PER_ADVOCATE_PER_DAY = 10

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}
const summary = (samples: number[]) => ({ p50: percentile(samples, 50), p95: percentile(samples, 95), n: samples.length })
const fmt = (ms: number) => `${ms.toFixed(2)} ms`

async function timed(fn: () => Promise<Response>): Promise<number> {
  const started = performance.now()
  const res = await fn()
  await res.arrayBuffer()
  const ms = performance.now() - started
  if (!res.ok) throw new Error(`unexpected ${res.status}`)
  return ms
}

/** `count` confirmed advocates, signed in; the request headers of each. */
async function signInAdvocates(api: string, admin: SupabaseClient<Database>, count: number) {
  const signInOne = async () => {
    const email = `bench-${randomUUID()}@example.com`
    const password = `pw-${randomUUID()}`
    const created = await admin.auth.admin.createUser({ email, password, email_confirm: true })
    if (created.error) throw created.error
    const res = await fetch(`${api}/auth/v1/token?grant_type=password`, {
      method: 'POST',
      headers: { apikey: ANON_KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    })
    const session = (await res.json()) as { access_token?: string }
    if (!res.ok || !session.access_token) throw new Error(`could not sign in ${email}: ${res.status}`)
    return { apikey: ANON_KEY, Authorization: `Bearer ${session.access_token}`, 'Content-Type': 'application/json' }
  }
  const headers: Array<Record<string, string>> = []
  while (headers.length < count)
    headers.push(...(await Promise.all(Array.from({ length: Math.min(5, count - headers.length) }, signInOne))))
  return headers
}

async function main() {
  const stateDir = path.join(PROJECT_ROOT, '.supabase-local/bench-survey')
  const config = loadConfig({
    env: {
      ...process.env,
      SB_LOCAL_PORT_BASE: String(PORT_BASE),
      SB_LOCAL_STATE_DIR: stateDir,
      SB_LOCAL_DISABLE_RATE_LIMITS: '1',
      SB_LOCAL_PROJECT_ROOT: PROJECT_ROOT,
    },
  })
  await cleanUpStale(config)
  const stack = await startStack(config, { freshDatabase: true })
  try {
    const api = stackUrls(config).api
    const options = { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: webSocketTransport } }
    const admin = createClient<Database>(api, SERVICE_ROLE_KEY, options)
    // survey-submit writes as the advocate, and the database takes at most 10 results per advocate a
    // day (enforce_write_quota): the submissions are spread over enough advocates, one after another,
    // in turn, as a real program's would be, so the benchmark measures submissions and never the 429.
    const warmUps = size(50, 5)
    const submissions = 1 + warmUps + ROUNDS * 2 * PER_ROUND
    const advocates = await signInAdvocates(api, admin, Math.ceil(submissions / RESULTS_PER_ADVOCATE_PER_DAY))
    const user = createClient<Database>(api, ANON_KEY, { ...options, global: { headers: { Authorization: advocates[0].Authorization } } })

    const { data: version, error } = await user
      .from('survey_versions')
      .select('id, survey_questions(id, position, survey_options(id, personality))')
      .eq('is_active', true)
      .single()
    if (error) throw error
    const questions = [...version.survey_questions].sort((a, b) => a.position - b.position)
    const picks: Personality[] = ['educator', 'validator', 'educator', 'validator', 'collaborator']
    const body = JSON.stringify({
      surveyVersionId: version.id,
      answers: questions.map((q, i) => ({ questionId: q.id, optionId: q.survey_options.find((o) => o.personality === picks[i])!.id })),
    })

    let submitted = 0
    let selected = 0
    const submit = () =>
      fetch(`${api}/functions/v1/survey-submit`, { method: 'POST', headers: advocates[submitted++ % advocates.length], body })
    const select = () =>
      fetch(`${api}/rest/v1/personality_results?select=id,label&limit=1`, { headers: advocates[selected++ % advocates.length] })

    const coldMs = await timed(submit)
    for (let i = 0; i < warmUps; i++) await Promise.all([timed(submit), timed(select)]) // warm-up: workers, pools, plan caches

    const seq = { submit: [] as number[], select: [] as number[] }
    const conc = { submit: [] as number[], select: [] as number[] }
    const batch = async (fn: () => Promise<Response>, into: number[]) => {
      into.push(...(await Promise.all(Array.from({ length: CONCURRENCY }, () => timed(fn)))))
    }
    // Interleaved rounds: baseline and function see the same machine noise.
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < PER_ROUND; i++) seq.select.push(await timed(select))
      for (let i = 0; i < PER_ROUND; i++) seq.submit.push(await timed(submit))
      for (let i = 0; i < PER_ROUND / CONCURRENCY; i++) await batch(select, conc.select)
      for (let i = 0; i < PER_ROUND / CONCURRENCY; i++) await batch(submit, conc.submit)
    }

    const results = {
      date: new Date().toISOString(),
      coldFirstSubmitMs: coldMs,
      sequential: { submit: summary(seq.submit), restSelect: summary(seq.select) },
      concurrent10: { submit: summary(conc.submit), restSelect: summary(conc.select) },
      targetP95Ms: TARGET_P95_MS,
    }
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`
    const s = results.sequential
    const c = results.concurrent10
    const verdict = (p95: number) => judge(p95 <= TARGET_P95_MS)
    console.log(`
survey-submit benchmark${SMOKE ? ' (smoke)' : ''} (${results.date}), private stack on ${PORT_BASE}
  first submission (incl. Deno boot)      : ${fmt(coldMs)}
  sequential   survey-submit p50 ${fmt(s.submit.p50)}  p95 ${fmt(s.submit.p95)}  (n=${s.submit.n})  ${verdict(s.submit.p95)} (target p95 ≤ ${TARGET_P95_MS} ms)
               REST select   p50 ${fmt(s.restSelect.p50)}  p95 ${fmt(s.restSelect.p95)}
               ratio         p50 ${ratio(s.submit.p50, s.restSelect.p50)}  p95 ${ratio(s.submit.p95, s.restSelect.p95)}
  10 at a time survey-submit p50 ${fmt(c.submit.p50)}  p95 ${fmt(c.submit.p95)}  (n=${c.submit.n})  ${verdict(c.submit.p95)}
               REST select   p50 ${fmt(c.restSelect.p50)}  p95 ${fmt(c.restSelect.p95)}
               ratio         p50 ${ratio(c.submit.p50, c.restSelect.p50)}  p95 ${ratio(c.submit.p95, c.restSelect.p95)}
`)
    if (!SMOKE) {
      const outDir = path.join(PROJECT_ROOT, 'bench/results')
      mkdirSync(outDir, { recursive: true })
      writeFileSync(path.join(outDir, 'survey.json'), JSON.stringify(results, null, 2))
    }
  } finally {
    await stack.stop()
    rmSync(stateDir, { recursive: true, force: true })
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
