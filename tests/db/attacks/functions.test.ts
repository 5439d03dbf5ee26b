/**
 * §9 attack suite, functions: every function in the exposed schemas (found in pg_proc). Anon
 * executes only the allow-listed ones; signed-in users never execute service-role-only ones, and
 * admin-only ones refuse advocates and a demoted admin; each is called through PostgREST's
 * `/rest/v1/rpc/<name>` as every principal and answers 401/403/404 (or its own 4xx), never 5xx.
 * The `Accept-Profile`/`Content-Profile` headers cannot reach an unexposed schema.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ADMIN_ONLY_FUNCTIONS, ANON_FUNCTIONS, SIGNED_IN_FUNCTIONS } from './function-allow-lists.ts'
import { accessToken, apiFetch, createActors, type Actors } from './support/actors.ts'
import { EXPOSED_SCHEMAS, exposedFunctions, type ExposedFunction } from './support/catalog.ts'
import { stack } from '../../stack/support/stack.ts'

let actors: Actors
let functions: ExposedFunction[]
const tokens: Record<string, string> = {}

beforeAll(async () => {
  actors = await createActors('attack-functions')
  functions = await exposedFunctions()
  tokens.anon = stack.anonKey
  tokens.a = await accessToken(actors.a)
  tokens.demoted = await accessToken(actors.demoted)
  tokens.admin = await accessToken(actors.admin)
  tokens.service = stack.serviceRoleKey
})
afterAll(() => actors?.cleanup())

const id = (f: ExposedFunction) => `${f.schema}.${f.name}(${f.signature})`
/** PostgREST calls a function by its argument names; one with an unnamed argument is no RPC. */
const callable = (f: ExposedFunction) => f.args.every((arg) => arg.name !== null)

/** Harmless arguments of the right types: ids that do not exist, an empty object, a word. */
function dummyArgs(f: ExposedFunction): Record<string, unknown> {
  const value = (type: string): unknown => {
    if (/^(bigint|integer|smallint|numeric)$/.test(type)) return 2_000_000_000
    if (type === 'uuid') return randomUUID()
    if (type === 'boolean') return false
    if (type === 'jsonb' || type === 'json') return {}
    if (type.startsWith('timestamp')) return new Date().toISOString()
    return 'attack'
  }
  return Object.fromEntries(f.args.map((arg) => [arg.name, value(arg.type)]))
}

async function rpc(f: ExposedFunction, token: string) {
  const response = await apiFetch(`/rest/v1/rpc/${f.name}`, {
    method: 'POST',
    token,
    headers: f.schema === 'public' ? {} : { 'Content-Profile': f.schema },
    body: dummyArgs(f),
  })
  const body = (await response.json().catch(() => null)) as { code?: string } | null
  return { status: response.status, code: body?.code }
}

test('the catalogue lists the functions this suite knows about, in every exposed schema', () => {
  expect(EXPOSED_SCHEMAS).toContain('public')
  expect(functions.map(id)).toEqual(expect.arrayContaining([...SIGNED_IN_FUNCTIONS, ...ANON_FUNCTIONS]))
})

test('anon may execute exactly the allow-listed functions', () => {
  expect(
    functions
      .filter((f) => f.anon)
      .map(id)
      .sort(),
  ).toEqual([...ANON_FUNCTIONS].sort())
})

test('signed-in users may execute only the signed-in list; everything else is the service role’s', () => {
  expect(
    functions
      .filter((f) => f.authenticated)
      .map(id)
      .sort(),
  ).toEqual([...SIGNED_IN_FUNCTIONS].sort())
  for (const f of functions) expect(f.serviceRole, `${id(f)}: the service role runs everything`).toBe(true)
})

describe('every function through /rest/v1/rpc', () => {
  test('anon: allow-listed ones answer, the rest 401 (404 when not callable as an RPC), never 5xx', async () => {
    const problems: string[] = []
    for (const f of functions) {
      const { status, code } = await rpc(f, tokens.anon)
      const expected = !callable(f) ? [404] : ANON_FUNCTIONS.includes(id(f)) ? [200, 204] : [401]
      if (!expected.includes(status)) problems.push(`${id(f)}: ${status} ${code}, expected ${expected.join('/')}`)
      if (status === 401 && code !== '42501') problems.push(`${id(f)}: 401 with ${code}`)
    }
    expect(problems).toEqual([])
  }, 60_000)

  test.each(['a', 'demoted', 'admin'] as const)(
    '%s: service-only ones 403, admin-only ones 403 unless an admin now, the rest 2xx/4xx, never 5xx',
    async (who) => {
      const problems: string[] = []
      for (const f of functions) {
        const { status, code } = await rpc(f, tokens[who])
        const refused = !SIGNED_IN_FUNCTIONS.includes(id(f)) || (ADMIN_ONLY_FUNCTIONS.includes(id(f)) && who !== 'admin')
        if (!callable(f)) {
          if (status !== 404) problems.push(`${id(f)}: ${status} ${code}, expected 404 (not an RPC)`)
        } else if (refused) {
          if (status !== 403 || code !== '42501') problems.push(`${id(f)}: ${status} ${code}, expected 403 42501`)
        } else if (status >= 500) {
          problems.push(`${id(f)}: ${status} ${code}`)
        }
      }
      expect(problems).toEqual([])
    },
    60_000,
  )

  test('functions in the private schema are not reachable by name, by schema prefix or by profile', async () => {
    for (const token of Object.values(tokens)) {
      for (const path of ['/rest/v1/rpc/is_admin', '/rest/v1/rpc/private.is_admin', '/rest/v1/rpc/private.accept_ask']) {
        const response = await apiFetch(path, { method: 'POST', token, body: { opportunity_id: 1 } })
        expect(response.status, path).toBe(404)
      }
    }
  }, 60_000)
})

/** Schemas that exist but PostgREST must not serve, each with something that lives there. */
const HIDDEN: Array<[schema: string, relation: string]> = [
  ['private', 'rate_limit_counters'],
  ['auth', 'users'],
  ['pg_catalog', 'pg_authid'],
  ['information_schema', 'tables'],
  ['storage', 'buckets'],
  ['extensions', 'pg_stat_statements'],
  ['supabase_migrations', 'schema_migrations'],
  ['Private', 'rate_limit_counters'],
  ['public, private', 'rate_limit_counters'],
  ['"private"', 'rate_limit_counters'],
]

describe('Accept-Profile and Content-Profile cannot reach unexposed schemas', () => {
  test.each(['anon', 'a', 'demoted', 'admin', 'service'])(
    '%s: 406 PGRST106 for every hidden schema, read or write',
    async (who) => {
      const problems: string[] = []
      for (const [schema, relation] of HIDDEN) {
        const attempts = [
          apiFetch(`/rest/v1/${relation}?select=*`, { token: tokens[who], headers: { 'Accept-Profile': schema } }),
          apiFetch(`/rest/v1/${relation}`, { method: 'POST', token: tokens[who], headers: { 'Content-Profile': schema }, body: { id: 1 } }),
          apiFetch(`/rest/v1/${relation}?id=eq.1`, {
            method: 'PATCH',
            token: tokens[who],
            headers: { 'Content-Profile': schema },
            body: { id: 2 },
          }),
          apiFetch(`/rest/v1/${relation}?id=eq.1`, { method: 'DELETE', token: tokens[who], headers: { 'Content-Profile': schema } }),
          apiFetch('/rest/v1/rpc/is_admin', { method: 'POST', token: tokens[who], headers: { 'Content-Profile': schema }, body: {} }),
          apiFetch('/rest/v1/rpc/is_admin', { token: tokens[who], headers: { 'Accept-Profile': schema } }),
        ]
        for (const response of await Promise.all(attempts)) {
          const body = (await response.json().catch(() => null)) as { code?: string } | null
          if (response.status !== 406 || body?.code !== 'PGRST106') {
            problems.push(`${schema} ${response.url.replace(stack.apiUrl, '')}: ${response.status} ${body?.code}`)
          }
        }
      }
      expect(problems).toEqual([])
    },
    60_000,
  )
})
