/**
 * `npm run bench:survey`: latency of `survey-submit` through the gateway (validate, read the
 * active survey, score, insert with the trigger), sequential and 10 at a time.
 *
 * Runs a private stack of the real project (ports 26821+, its own data dir). The baseline is a
 * REST select through the gateway with the same user's JWT, measured in the same run and
 * interleaved with the submissions, because these machines are noisy. Target: p95 ≤ 50 ms.
 */
import { randomUUID } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { createClient } from '@supabase/supabase-js'
import { webSocketTransport } from '../app/lib/websocket.server.ts'
import { loadConfig, PROJECT_ROOT, stackUrls } from '../supabase/local/config.ts'
import { ANON_KEY, SERVICE_ROLE_KEY } from '../supabase/local/keys.ts'
import { cleanUpStale, startStack } from '../supabase/local/supervisor.ts'
import type { Database } from '../supabase/functions/_shared/database.types.ts'
import type { Personality } from '../supabase/functions/_shared/personality.ts'

const PORT_BASE = 26821
const TARGET_P95_MS = 50
const ROUNDS = 10
const PER_ROUND = 30
const CONCURRENCY = 10

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
    const email = `bench-${randomUUID()}@example.com`
    const password = `pw-${randomUUID()}`
    const created = await admin.auth.admin.createUser({ email, password, email_confirm: true })
    if (created.error) throw created.error
    const user = createClient<Database>(api, ANON_KEY, options)
    const signIn = await user.auth.signInWithPassword({ email, password })
    if (signIn.error) throw signIn.error
    const headers = { apikey: ANON_KEY, Authorization: `Bearer ${signIn.data.session.access_token}`, 'Content-Type': 'application/json' }

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

    const submit = () => fetch(`${api}/functions/v1/survey-submit`, { method: 'POST', headers, body })
    const select = () => fetch(`${api}/rest/v1/personality_results?select=id,label&limit=1`, { headers })

    const coldMs = await timed(submit)
    for (let i = 0; i < 50; i++) await Promise.all([timed(submit), timed(select)]) // warm-up: workers, pools, plan caches

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
    const verdict = (p95: number) => (p95 <= TARGET_P95_MS ? 'ok' : 'OVER TARGET')
    console.log(`
survey-submit benchmark (${results.date}), private stack on ${PORT_BASE}
  first submission (incl. Deno boot)      : ${fmt(coldMs)}
  sequential   survey-submit p50 ${fmt(s.submit.p50)}  p95 ${fmt(s.submit.p95)}  (n=${s.submit.n})  ${verdict(s.submit.p95)} (target p95 ≤ ${TARGET_P95_MS} ms)
               REST select   p50 ${fmt(s.restSelect.p50)}  p95 ${fmt(s.restSelect.p95)}
               ratio         p50 ${ratio(s.submit.p50, s.restSelect.p50)}  p95 ${ratio(s.submit.p95, s.restSelect.p95)}
  10 at a time survey-submit p50 ${fmt(c.submit.p50)}  p95 ${fmt(c.submit.p95)}  (n=${c.submit.n})  ${verdict(c.submit.p95)}
               REST select   p50 ${fmt(c.restSelect.p50)}  p95 ${fmt(c.restSelect.p95)}
               ratio         p50 ${ratio(c.submit.p50, c.restSelect.p50)}  p95 ${ratio(c.submit.p95, c.restSelect.p95)}
`)
    const outDir = path.join(PROJECT_ROOT, 'bench/results')
    mkdirSync(outDir, { recursive: true })
    writeFileSync(path.join(outDir, 'survey.json'), JSON.stringify(results, null, 2))
  } finally {
    await stack.stop()
    rmSync(stateDir, { recursive: true, force: true })
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
