/**
 * §9 attack suite, forged JWTs: tokens the attacker signs themselves (another secret, `alg: none`,
 * an edited payload, their own ES256 key, the public key as an HMAC secret in ES256 mode) and an
 * expired one, sent to PostgREST and to every edge function (supabase/functions/<slug>/), as
 * `Authorization` and as `apikey`. Every one gets 401: never the victim's data, never a 5xx,
 * never a function run. Twice: through the db stack (HS256, the real functions) and through a
 * side stack on the same database whose user tokens are ES256 (support/side-stack.ts).
 */
import type * as jose from 'jose'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loadConfig, PROJECT_ROOT } from '../../../supabase/local/config.ts'
import { listFunctions } from '../../../supabase/local/functions/discovery.ts'
import { db, stack } from '../../stack/support/stack.ts'
import { accessToken, createActors, type Actors } from './support/actors.ts'
import { algorithmConfusionTokens, forgedTokens, victimClaims, type Forged } from './support/forged-tokens.ts'
import { startSideStack, type SideStack } from './support/side-stack.ts'

const config = loadConfig({ projectRoot: PROJECT_ROOT, env: {} as NodeJS.ProcessEnv })
const FUNCTIONS = listFunctions(config).map((f) => ({ slug: f.slug, verifyJwt: config.functions[f.slug]?.verifyJwt ?? true }))

let actors: Actors
let victim: { id: string; email: string; displayName: string }
let forged: Forged[]
let side: SideStack

beforeAll(async () => {
  actors = await createActors('attack-jwt')
  victim = { id: actors.b.user.id, email: actors.b.email, displayName: actors.b.displayName }
  forged = await forgedTokens(victim, await accessToken(actors.a))
  side = await startSideStack('ES256')
}, 60_000)
afterAll(async () => {
  await side?.stop()
  await actors?.cleanup()
})

/** What an attacker with the victim's identity would want: read, write, award, review. */
const restTargets = () => [
  { method: 'GET', path: `/rest/v1/profiles?select=*&id=eq.${victim.id}` },
  { method: 'GET', path: '/rest/v1/advocate_accounts?select=*' },
  { method: 'GET', path: `/rest/v1/points_ledger?select=*&profile_id=eq.${victim.id}` },
  { method: 'PATCH', path: `/rest/v1/profiles?id=eq.${victim.id}`, body: { display_name: 'Forged' } },
  { method: 'POST', path: '/rest/v1/points_ledger', body: { profile_id: victim.id, delta: 1000, reason: 'forged token' } },
  { method: 'POST', path: '/rest/v1/rpc/review_submission', body: { submission_id: 1, decision: 'approved' } },
  { method: 'POST', path: '/rest/v1/rpc/healthz', body: {} },
  { method: 'GET', path: '/rest/v1/' },
]

async function send(base: string, target: { method: string; path: string; body?: unknown }, headers: Record<string, string>) {
  const response = await fetch(`${base}${target.path}`, {
    method: target.method,
    headers: { ...(target.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: target.body === undefined ? undefined : JSON.stringify(target.body),
  })
  return { status: response.status, text: await response.text() }
}

/** Everything wrong with how `tokens` fared against PostgREST behind the gateway at `base`. */
async function restProblems(base: string, tokens: Forged[]): Promise<string[]> {
  const problems: string[] = []
  for (const { name, token } of tokens) {
    for (const target of restTargets()) {
      for (const [how, headers] of [
        ['Authorization', { apikey: stack.anonKey, Authorization: `Bearer ${token}` }],
        ['apikey', { apikey: token }],
      ] as const) {
        const { status, text } = await send(base, target, headers)
        if (status !== 401) problems.push(`${name} (${how}) ${target.method} ${target.path}: ${status} ${text.slice(0, 120)}`)
        if (text.includes(victim.email) || text.includes(victim.displayName))
          problems.push(`${name} (${how}) ${target.path}: the victim's data came back`)
      }
    }
  }
  return problems
}

/** Everything wrong with how `tokens` fared against each function behind the gateway at `base`. */
async function functionProblems(base: string, tokens: Forged[]): Promise<string[]> {
  const problems: string[] = []
  for (const { name, token } of tokens) {
    for (const { slug, verifyJwt } of FUNCTIONS) {
      for (const method of ['GET', 'POST']) {
        const { status, text } = await send(
          base,
          { method, path: `/functions/v1/${slug}`, body: method === 'POST' ? { askId: 1, payload: {} } : undefined },
          {
            apikey: stack.anonKey,
            Authorization: `Bearer ${token}`,
          },
        )
        // Behind verify_jwt the gateway answers; a function without it must refuse by itself.
        if (status !== 401 || (verifyJwt && text !== '{"msg":"Invalid JWT"}'))
          problems.push(`${name} ${method} ${slug}: ${status} ${text.slice(0, 120)}`)
      }
    }
  }
  return problems
}

async function victimUnchanged() {
  const { rows } = await db.query<{ display_name: string; forged: number }>(
    `select p.display_name, (select count(*)::int from public.points_ledger l where l.profile_id = p.id) as forged
       from public.profiles p where p.id = $1`,
    [victim.id],
  )
  expect(rows[0]).toEqual({ display_name: victim.displayName, forged: 0 })
}

test('there are edge functions to attack, and the forgeries are really forgeries', () => {
  expect(FUNCTIONS.map((f) => f.slug)).toEqual(expect.arrayContaining(['feed', 'submit-ask', 'survey-submit']))
  expect(forged.length).toBeGreaterThan(10)
})

describe(`the db stack (${stack.jwtMode})`, () => {
  test("the victim's genuine token reads their profile and reaches every function (the targets are live)", async () => {
    const token = await accessToken(actors.b)
    const read = await send(stack.apiUrl, restTargets()[0], { apikey: stack.anonKey, Authorization: `Bearer ${token}` })
    expect(read.status).toBe(200)
    expect(read.text).toContain(victim.id)
    for (const { slug } of FUNCTIONS) {
      const { status, text } = await send(
        stack.apiUrl,
        { method: 'GET', path: `/functions/v1/${slug}` },
        { apikey: stack.anonKey, Authorization: `Bearer ${token}` },
      )
      expect(text, slug).not.toBe('{"msg":"Invalid JWT"}')
      expect(status, `${slug}: ${text}`).toBeLessThan(500)
    }
  }, 90_000)

  test('PostgREST answers every forged or expired token with 401, as Authorization and as apikey', async () => {
    expect(await restProblems(stack.apiUrl, forged)).toEqual([])
    await victimUnchanged()
  }, 120_000)

  test('every edge function refuses every forged or expired token with 401', async () => {
    expect(await functionProblems(stack.apiUrl, forged)).toEqual([])
    await victimUnchanged()
  }, 120_000)

  test('no token, a non-Bearer scheme, the anon key and the service-role key get no one’s data from a function, and no 5xx', async () => {
    const problems: string[] = []
    const cases: Array<[string, Record<string, string>, number[]]> = [
      // Without Authorization the gateway sends the apikey (anon) as the bearer, as Kong does.
      ['no Authorization', { apikey: stack.anonKey }, [401, 405]],
      ['Basic auth', { apikey: stack.anonKey, Authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }, [401]],
      // Past the gateway (a valid JWT), a function may first refuse the method (405).
      ['the anon key', { apikey: stack.anonKey, Authorization: `Bearer ${stack.anonKey}` }, [401, 405]],
      // The service role is trusted, but it is nobody: a function needs to be told whom it acts for.
      [
        'the service-role key',
        { apikey: stack.serviceRoleKey, Authorization: `Bearer ${stack.serviceRoleKey}` },
        [400, 401, 403, 404, 405],
      ],
    ]
    for (const [name, headers, allowed] of cases) {
      for (const { slug } of FUNCTIONS) {
        for (const method of ['GET', 'POST']) {
          const { status, text } = await send(
            stack.apiUrl,
            { method, path: `/functions/v1/${slug}`, body: method === 'POST' ? {} : undefined },
            headers,
          )
          if (!allowed.includes(status)) problems.push(`${name} ${method} ${slug}: ${status} ${text.slice(0, 120)}`)
        }
      }
    }
    expect(problems).toEqual([])
  }, 60_000)

  test('in ES256 mode the public key is no HMAC secret; in HS256 mode no key is published to try', async () => {
    const response = await fetch(`${stack.apiUrl}/auth/v1/.well-known/jwks.json`)
    const { keys } = (await response.json()) as { keys: jose.JWK[] }
    if (stack.jwtMode === 'HS256') return expect(keys).toEqual([])
    const tokens = await algorithmConfusionTokens(victim, keys[0])
    expect([...(await restProblems(stack.apiUrl, tokens)), ...(await functionProblems(stack.apiUrl, tokens))]).toEqual([])
  }, 120_000)
})

describe('a side stack with ES256 user tokens on the same database', () => {
  test('a genuine ES256 token of the victim reads their profile and reaches every function', async () => {
    const token = await side.signer.sign(victimClaims(victim, { app_metadata: { provider: 'email' } }))
    const read = await send(side.url, restTargets()[0], { apikey: stack.anonKey, Authorization: `Bearer ${token}` })
    expect(read.status).toBe(200)
    expect(read.text).toContain(victim.id)
    side.reached.length = 0
    for (const { slug } of FUNCTIONS)
      await send(side.url, { method: 'GET', path: `/functions/v1/${slug}` }, { apikey: stack.anonKey, Authorization: `Bearer ${token}` })
    expect(side.reached).toEqual(FUNCTIONS.map((f) => f.slug))
  })

  test('algorithm confusion (HS256 keyed with the public key), relabelled, foreign-key and expired tokens: 401 from PostgREST', async () => {
    const tokens = [...forged, ...(await algorithmConfusionTokens(victim, side.signer.publicJwks.keys[0], side.signer))]
    expect(await restProblems(side.url, tokens)).toEqual([])
    await victimUnchanged()
  }, 180_000)

  test('the same tokens never reach a function', async () => {
    const tokens = [...forged, ...(await algorithmConfusionTokens(victim, side.signer.publicJwks.keys[0], side.signer))]
    side.reached.length = 0
    expect(await functionProblems(side.url, tokens)).toEqual([])
    expect(side.reached).toEqual([])
  }, 120_000)
})
