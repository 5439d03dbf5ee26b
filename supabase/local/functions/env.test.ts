import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { buildJwks } from '../keys.ts'
import { buildFunctionEnv, parseDotenv } from './env.ts'

describe('parseDotenv', () => {
  it('reads the dotenv subset the CLI accepts', () => {
    const source = [
      '# comment',
      'PLAIN=value',
      'export EXPORTED=yes',
      'SPACED = padded  # trailing comment',
      "SINGLE='literal $x # kept'",
      'DOUBLE="line\\nbreak \\"quoted\\""',
      'HASH=a#b',
      'EMPTY=',
      'NEXT=after-empty',
      '',
    ].join('\r\n')
    expect(parseDotenv(source)).toEqual({
      PLAIN: 'value',
      EXPORTED: 'yes',
      SPACED: 'padded',
      SINGLE: 'literal $x # kept',
      DOUBLE: 'line\nbreak "quoted"',
      HASH: 'a#b',
      EMPTY: '',
      NEXT: 'after-empty',
    })
  })
})

describe('buildFunctionEnv', () => {
  it('injects the stack variables and user secrets, skipping SUPABASE_ names with the CLI warning', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fn-env-'))
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
    const secretsFile = path.join(dir, '.env')
    writeFileSync(secretsFile, 'MY_SECRET=s3cret\nSUPABASE_URL=http://evil\nSUPABASE_CUSTOM=x\n')
    const logged: string[] = []
    const env = buildFunctionEnv({
      apiUrl: 'http://127.0.0.1:54321',
      dbUrl: 'postgresql://db',
      jwks: buildJwks(),
      denoDir: '/d',
      secretsFile,
      log: (l) => logged.push(l),
    })
    expect(env.MY_SECRET).toBe('s3cret')
    expect(env.SUPABASE_URL).toBe('http://127.0.0.1:54321')
    expect(env.SUPABASE_CUSTOM).toBeUndefined()
    expect(logged).toEqual([
      'Env name cannot start with SUPABASE_, skipping: SUPABASE_URL',
      'Env name cannot start with SUPABASE_, skipping: SUPABASE_CUSTOM',
    ])
    expect(JSON.parse(env.SUPABASE_JWKS).keys[0].kty).toBe('oct')
    expect(JSON.parse(env.SUPABASE_PUBLISHABLE_KEYS).default).toMatch(/^sb_publishable_/)
    expect(Object.keys(env).sort()).toEqual(
      [
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
      ].sort(),
    )
  })
})
