/** The environment of one function process (§5.2): nothing leaks from the supervisor. */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { JWK } from 'jose'
import { ANON_KEY, PUBLISHABLE_KEY, SECRET_KEY, SERVICE_ROLE_KEY } from '../keys.ts'
import type { Logger } from '../types.ts'

export interface FunctionEnvOptions {
  apiUrl: string
  dbUrl: string
  jwks: { keys: JWK[] }
  denoDir: string
  /** `supabase/functions/.env`; user secrets, read on every spawn so edits apply on restart. */
  secretsFile: string
  log: Logger
}

export function buildFunctionEnv(o: FunctionEnvOptions): Record<string, string> {
  const env: Record<string, string> = {}
  if (existsSync(o.secretsFile)) {
    for (const [name, value] of Object.entries(parseDotenv(readFileSync(o.secretsFile, 'utf8')))) {
      // The CLI reserves the prefix for the values below and says so with this exact warning.
      if (name.startsWith('SUPABASE_')) o.log(`Env name cannot start with SUPABASE_, skipping: ${name}`)
      else env[name] = value
    }
  }
  return {
    ...env,
    SUPABASE_URL: o.apiUrl,
    SUPABASE_ANON_KEY: ANON_KEY,
    SUPABASE_SERVICE_ROLE_KEY: SERVICE_ROLE_KEY,
    SUPABASE_DB_URL: o.dbUrl,
    SUPABASE_JWKS: JSON.stringify(o.jwks),
    SUPABASE_PUBLISHABLE_KEYS: JSON.stringify({ default: PUBLISHABLE_KEY }),
    SUPABASE_SECRET_KEYS: JSON.stringify({ default: SECRET_KEY }),
    DENO_NO_UPDATE_CHECK: '1',
    DENO_DIR: o.denoDir,
    NO_COLOR: '1',
  }
}

/**
 * The dotenv subset the CLI's `.env` files use: `KEY=value`, optional `export `, `#`
 * comments, single quotes (literal) and double quotes (with \n escapes).
 */
export function parseDotenv(source: string): Record<string, string> {
  const result: Record<string, string> = {}
  const line =
    /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*('[^'\n]*'|"(?:\\.|[^"\\\n])*"|[^\n]*?)(?:[ \t]+#[^\n]*)?[ \t]*$/gm
  for (const [, name, rawValue] of source.replace(/\r\n?/g, '\n').matchAll(line)) {
    let value = rawValue
    if (value.startsWith("'") && value.endsWith("'") && value.length >= 2) value = value.slice(1, -1)
    else if (value.startsWith('"') && value.endsWith('"') && value.length >= 2)
      value = value
        .slice(1, -1)
        .replace(/\\n/g, '\n')
        .replace(/\\(["\\])/g, '$1')
    result[name] = value
  }
  return result
}

/** The JWKS functions verify with: the secret, plus the persisted EC key in ES256 mode. */
export function readStackJwks(stateDir: string, jwtMode: 'HS256' | 'ES256', fallback: { keys: JWK[] }): { keys: JWK[] } {
  const keyFile = path.join(stateDir, 'signing-key.json')
  if (jwtMode !== 'ES256' || !existsSync(keyFile)) return fallback
  const { publicJwk } = JSON.parse(readFileSync(keyFile, 'utf8')) as { publicJwk: JWK }
  return { keys: [...fallback.keys, publicJwk] }
}
