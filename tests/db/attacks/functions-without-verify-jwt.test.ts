/**
 * §9 attack suite, edge functions on their own: the same real functions (the local runner, this
 * stack's PostgREST and database) behind a gateway with `verify_jwt = false` for every one.
 * Hosted Supabase requires exactly that once a project moves to JWT signing keys ("verify_jwt is
 * incompatible with the new JWT Signing Keys": https://supabase.com/docs/guides/functions/auth),
 * and then nothing but the function stands between a forged token and the service-role client.
 * A function must therefore verify the caller itself: forged tokens get 401, never data, never 5xx.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { loadConfig, PROJECT_ROOT, type StackConfig } from '../../../supabase/local/config.ts'
import { listFunctions } from '../../../supabase/local/functions/discovery.ts'
import { createFunctionsRunner, type FunctionsRunner } from '../../../supabase/local/functions/runner.ts'
import { startGateway } from '../../../supabase/local/gateway/server.ts'
import { createTokenSigner } from '../../../supabase/local/keys.ts'
import { db, stack } from '../../stack/support/stack.ts'
import { TESTIMONIAL_PAYLOAD } from '../support/matrices/feed.ts'
import { activeSurvey, answersFor } from '../support/survey.ts'
import { accessToken, createActors, type Actors } from './support/actors.ts'
import { forgedTokens, type Forged } from './support/forged-tokens.ts'

let actors: Actors
let forged: Forged[]
let runner: FunctionsRunner
let gateway: { url: string; stop(): Promise<void> }
let stateDir: string
const slugs: string[] = []
/** Valid requests on the victim's behalf: hand in their accepted ask, record a survey result. */
const bodies: Record<string, unknown> = {}
let victimAsk: number

beforeAll(async () => {
  actors = await createActors('attack-no-verify')
  forged = await forgedTokens({ id: actors.b.user.id, email: actors.b.email }, await accessToken(actors.a))
  const { rows } = await db.query<{ id: number }>(
    `insert into public.ask_ledger (profile_id, type, team, source, state, decided_at) values ($1, 'testimonial', 'sales', 'direct', 'accepted', now())
     returning id::int`,
    [actors.b.user.id],
  )
  victimAsk = rows[0].id
  const survey = await activeSurvey()
  bodies['submit-ask'] = { askId: victimAsk, payload: TESTIMONIAL_PAYLOAD }
  bodies['survey-submit'] = {
    surveyVersionId: survey.versionId,
    answers: answersFor(survey, ['educator', 'educator', 'validator', 'validator', 'collaborator']),
  }
  stateDir = mkdtempSync(path.join(os.tmpdir(), 'attack-no-verify-'))
  const base = loadConfig({ projectRoot: PROJECT_ROOT, env: {} as unknown as NodeJS.ProcessEnv })
  slugs.push(...listFunctions(base).map((f) => f.slug))
  const config: StackConfig = {
    ...base,
    stateDir,
    functions: Object.fromEntries(slugs.map((slug) => [slug, { ...(base.functions[slug] ?? { enabled: true }), verifyJwt: false }])),
  }
  runner = createFunctionsRunner({ config, urls: { api: stack.apiUrl, db: stack.dbUrl }, log: () => {}, stateDir })
  const signer = await createTokenSigner('HS256', stateDir)
  const started = await startGateway({
    config,
    signer,
    upstreams: { auth: stack.apiUrl, rest: stack.apiUrl },
    functions: runner,
    port: 0,
    log: () => {},
  })
  gateway = { url: `http://127.0.0.1:${started.port}`, stop: started.stop }
}, 60_000)

afterAll(async () => {
  await gateway?.stop()
  await runner?.stop()
  if (stateDir) rmSync(stateDir, { recursive: true, force: true })
  await actors?.cleanup()
})

async function call(slug: string, method: string, token: string, query = '') {
  const response = await fetch(`${gateway.url}/functions/v1/${slug}${query}`, {
    method,
    headers: { apikey: stack.anonKey, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: method === 'POST' ? JSON.stringify(bodies[slug] ?? {}) : undefined,
  })
  return { status: response.status, text: await response.text() }
}

/** The way in each function reads: GET for the feed (also an admin's view of someone), POST for the rest. */
const requests = (slug: string) =>
  slug === 'feed'
    ? [
        ['GET', ''],
        ['GET', `?advocate=${actors.b.user.id}`],
        ['GET', '?item=ask:1'],
      ]
    : [['POST', '']]

test('the functions run behind this gateway and answer a genuine token', async () => {
  for (const slug of slugs) {
    // GET: reaches every function without acting (the POST-only ones answer 405 themselves).
    const { status, text } = await call(slug, 'GET', await accessToken(actors.b))
    expect([200, 405], `${slug}: ${text}`).toContain(status)
  }
}, 120_000)

test('every function refuses every forged or expired token by itself: 401, no data, no 5xx', async () => {
  const problems: string[] = []
  for (const { name, token } of forged) {
    for (const slug of slugs) {
      for (const [method, query] of requests(slug)) {
        const { status, text } = await call(slug, method, token, query)
        if (status !== 401) problems.push(`${name} → ${method} ${slug}${query}: ${status} ${text.slice(0, 100)}`)
      }
    }
  }
  expect(problems).toEqual([])
  // Nothing was done in the victim's name.
  const { rows } = await db.query<{ submissions: number; results: number }>(
    `select (select count(*)::int from public.submissions where ask_ledger_id = $1) as submissions,
            (select count(*)::int from public.personality_results where profile_id = $2) as results`,
    [victimAsk, actors.b.user.id],
  )
  expect(rows[0]).toEqual({ submissions: 0, results: 0 })
}, 180_000)
