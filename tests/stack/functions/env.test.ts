/** §5.2: exactly the stack's variables plus `functions/.env` secrets reach a function; nothing else leaks. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { ANON_KEY } from '../../../supabase/local/keys.ts'
import { fixtureConfig } from '../gateway/harness.ts'
import { startFunctionsHarness } from './harness.ts'

let harness: Awaited<ReturnType<typeof startFunctionsHarness>>
let supabaseDir: string

/** A throwaway project, because `.env` files are git-ignored and cannot live in the fixture. */
function projectWithSecrets(): string {
  const supabaseDir = mkdtempSync(path.join(tmpdir(), 'fn-env-project-'))
  mkdirSync(path.join(supabaseDir, 'functions', 'env-probe'), { recursive: true })
  writeFileSync(
    path.join(supabaseDir, 'functions', 'env-probe', 'index.ts'),
    `export default { fetch: () => Response.json({
      names: Object.keys(Deno.env.toObject()).sort(),
      secret: Deno.env.get('MY_SECRET'),
      path: Deno.env.get('PATH'),
      url: Deno.env.get('SUPABASE_URL'),
      publishable: JSON.parse(Deno.env.get('SUPABASE_PUBLISHABLE_KEYS') ?? '{}').default,
      jwksKeyTypes: JSON.parse(Deno.env.get('SUPABASE_JWKS') ?? '{"keys":[]}').keys.map((k: { kty: string }) => k.kty),
    }) }\n`,
  )
  writeFileSync(path.join(supabaseDir, 'functions', '.env'), 'MY_SECRET="from dotenv"\nSUPABASE_URL=http://should-be-skipped\n')
  return supabaseDir
}

beforeAll(async () => {
  process.env.LEAK_CANARY = 'must-not-reach-functions'
  supabaseDir = projectWithSecrets()
  harness = await startFunctionsHarness({ config: { ...fixtureConfig(), supabaseDir, functions: {} } })
})
afterAll(async () => {
  delete process.env.LEAK_CANARY
  await harness.stop()
  rmSync(supabaseDir, { recursive: true, force: true })
})

it('injects SUPABASE_* and .env secrets, skips SUPABASE_ names from .env, and leaks nothing from the parent', async () => {
  const response = await fetch(`${harness.functionsUrl}/env-probe`, { headers: { Authorization: `Bearer ${ANON_KEY}` } })
  expect(response.status).toBe(200)
  const seen = (await response.json()) as {
    names: string[]
    secret: string
    path: string
    url: string
    publishable: string
    jwksKeyTypes: string[]
  }
  // Deno 2.9 itself sets these two, pointing PATH at its node shim inside DENO_DIR.
  expect(seen.path).toBe(path.join(harness.stateDir, 'deno', 'node_compat_bin'))
  expect(seen.names.filter((name) => name !== 'PATH' && name !== 'DENO_NODE_SHIM_ACTIVE')).toEqual([
    'DENO_DIR',
    'DENO_NO_UPDATE_CHECK',
    'MY_SECRET',
    'NO_COLOR',
    'SUPABASE_ANON_KEY',
    'SUPABASE_DB_URL',
    'SUPABASE_JWKS',
    'SUPABASE_PUBLISHABLE_KEYS',
    'SUPABASE_SECRET_KEYS',
    'SUPABASE_SERVICE_ROLE_KEY',
    'SUPABASE_URL',
  ])
  expect(seen.secret).toBe('from dotenv')
  expect(seen.url).toBe('http://127.0.0.1:9')
  expect(seen.publishable).toMatch(/^sb_publishable_/)
  expect(seen.jwksKeyTypes).toEqual(['oct'])
  expect(harness.logs).toContain('Env name cannot start with SUPABASE_, skipping: SUPABASE_URL')
})
