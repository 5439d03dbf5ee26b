/**
 * Stack configuration: `supabase/config.toml` (the Supabase CLI's own keys) plus the
 * few options that exist only in this local stack, which come from `SB_LOCAL_*` env vars
 * so that moving to the real CLI needs no new configuration.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseToml } from 'smol-toml'
import { z } from 'zod'

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Go-style durations as the CLI writes them: "1s", "60s", "1m0s", "24h". */
export function parseGoDuration(value: string): number {
  if (value === '0') return 0
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(h|m|s|ms)/g)]
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== value) {
    throw new Error(`Not a duration: "${value}" (expected e.g. "1s", "60s", "24h")`)
  }
  const unitSeconds = { h: 3600, m: 60, s: 1, ms: 0.001 } as const
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * unitSeconds[unit as keyof typeof unitSeconds], 0)
}

const FunctionConfigSchema = z.object({
  enabled: z.boolean().default(true),
  verify_jwt: z.boolean().default(true),
  entrypoint: z.string().optional(),
  import_map: z.string().optional(),
})

const TomlSchema = z.object({
  project_id: z.string().default('local'),
  api: z
    .object({
      port: z.number().int().default(54321),
      schemas: z.array(z.string()).default(['public', 'graphql_public']),
      extra_search_path: z.array(z.string()).default(['public', 'extensions']),
      max_rows: z.number().int().positive().default(1000),
      auto_expose_new_tables: z.boolean().default(true),
    })
    .default({}),
  db: z
    .object({
      port: z.number().int().default(54322),
      major_version: z.number().int().default(17),
      seed: z
        .object({
          enabled: z.boolean().default(true),
          sql_paths: z.array(z.string()).default(['./seed.sql']),
        })
        .default({}),
    })
    .default({}),
  inbucket: z.object({ port: z.number().int().default(54324) }).default({}),
  auth: z
    .object({
      site_url: z.string().url().default('http://127.0.0.1:3000'),
      additional_redirect_urls: z.array(z.string()).default([]),
      jwt_expiry: z.number().int().positive().default(3600),
      enable_refresh_token_rotation: z.boolean().default(true),
      refresh_token_reuse_interval: z.number().nonnegative().default(10),
      enable_signup: z.boolean().default(true),
      enable_anonymous_sign_ins: z.boolean().default(false),
      minimum_password_length: z.number().int().min(6).default(6),
      password_requirements: z.enum(['', 'letters_digits', 'lower_upper_letters_digits', 'lower_upper_letters_digits_symbols']).default(''),
      rate_limit: z
        .object({
          email_sent: z.number().int().default(2),
          anonymous_users: z.number().int().default(30),
          token_refresh: z.number().int().default(150),
          sign_in_sign_ups: z.number().int().default(30),
          token_verifications: z.number().int().default(30),
        })
        .default({}),
      email: z
        .object({
          enable_signup: z.boolean().default(true),
          double_confirm_changes: z.boolean().default(true),
          enable_confirmations: z.boolean().default(false),
          secure_password_change: z.boolean().default(false),
          max_frequency: z.string().default('1s'),
          otp_length: z.number().int().min(6).max(10).default(6),
          otp_expiry: z.number().int().positive().default(3600),
        })
        .default({}),
    })
    .default({}),
  functions: z.record(FunctionConfigSchema).default({}),
})

export type FunctionConfig = { enabled: boolean; verifyJwt: boolean; entrypoint?: string; importMap?: string }

export interface AuthConfig {
  siteUrl: string
  additionalRedirectUrls: string[]
  jwtExpiry: number
  refreshTokenRotation: boolean
  refreshTokenReuseInterval: number
  enableSignup: boolean
  enableAnonymousSignIns: boolean
  minimumPasswordLength: number
  passwordRequirements: '' | 'letters_digits' | 'lower_upper_letters_digits' | 'lower_upper_letters_digits_symbols'
  rateLimitsDisabled: boolean
  rateLimit: { anonymousUsers: number; tokenRefresh: number; signInSignUps: number; tokenVerifications: number }
  email: {
    enableSignup: boolean
    doubleConfirmChanges: boolean
    enableConfirmations: boolean
    securePasswordChange: boolean
    /** Minimum seconds between two mails to the same address. */
    maxFrequency: number
    otpLength: number
    otpExpiry: number
  }
}

export interface StackConfig {
  projectId: string
  projectRoot: string
  supabaseDir: string
  /** Git-ignored: pgdata/, state.json, signing-key.json, deno/, logs/. */
  stateDir: string
  ports: { api: number; db: number; inbox: number; rest: number; restAdmin: number; auth: number }
  api: { schemas: string[]; extraSearchPath: string[]; maxRows: number; autoExposeNewTables: boolean }
  db: { majorVersion: number; seed: { enabled: boolean; sqlPaths: string[] } }
  auth: AuthConfig
  functions: Record<string, FunctionConfig>
  local: {
    jwtMode: 'HS256' | 'ES256'
    strictApikey: boolean
    functionsCors: 'gateway' | 'function'
    functionsEager: boolean
    postgrestBin?: string
  }
}

const EnvSchema = z.object({
  /** The folder holding `supabase/` (default: this repository). Tests and benchmarks use a fixture project. */
  SB_LOCAL_PROJECT_ROOT: z.string().optional(),
  SB_LOCAL_STATE_DIR: z.string().optional(),
  /** Shifts every port so that tests run beside a developer's stack: api=base, db=base+1, … */
  SB_LOCAL_PORT_BASE: z.coerce.number().int().min(1024).max(65000).optional(),
  SB_LOCAL_JWT_MODE: z.enum(['HS256', 'ES256']).default('HS256'),
  SB_LOCAL_STRICT_APIKEY: z.enum(['0', '1', '']).optional(),
  SB_LOCAL_FUNCTIONS_CORS: z.enum(['gateway', 'function']).default('gateway'),
  SB_LOCAL_DISABLE_RATE_LIMITS: z.enum(['0', '1', '']).optional(),
  /** Overrides `[auth.rate_limit]` for tests of the limits themselves: "token_refresh=30,sign_in_sign_ups=5". */
  SB_LOCAL_AUTH_RATE_LIMITS: z
    .string()
    .regex(
      /^(|(anonymous_users|token_refresh|sign_in_sign_ups|token_verifications)=\d+(,(anonymous_users|token_refresh|sign_in_sign_ups|token_verifications)=\d+)*)$/,
      'e.g. "token_refresh=30,sign_in_sign_ups=5"',
    )
    .optional(),
  SB_LOCAL_FUNCTIONS: z.enum(['lazy', 'eager']).default('lazy'),
  POSTGREST_BIN: z.string().optional(),
})

function parseRateLimitOverrides(value: string | undefined): Record<string, number> {
  if (!value) return {}
  return Object.fromEntries(value.split(',').map((pair) => [pair.split('=')[0], Number(pair.split('=')[1])]))
}

function authRateLimits(limits: { anonymous_users: number; token_refresh: number; sign_in_sign_ups: number; token_verifications: number }) {
  return {
    anonymousUsers: limits.anonymous_users,
    tokenRefresh: limits.token_refresh,
    signInSignUps: limits.sign_in_sign_ups,
    tokenVerifications: limits.token_verifications,
  }
}

export function loadConfig(options: { projectRoot?: string; env?: NodeJS.ProcessEnv } = {}): StackConfig {
  const env = EnvSchema.parse(options.env ?? process.env)
  const projectRoot = path.resolve(options.projectRoot ?? env.SB_LOCAL_PROJECT_ROOT ?? PROJECT_ROOT)
  const supabaseDir = path.join(projectRoot, 'supabase')
  const tomlPath = path.join(supabaseDir, 'config.toml')
  const raw = existsSync(tomlPath) ? parseToml(readFileSync(tomlPath, 'utf8')) : {}
  const parsed = TomlSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`supabase/config.toml: ${issue.path.join('.')}: ${issue.message}`)
  }
  const toml = parsed.data
  const base = env.SB_LOCAL_PORT_BASE
  const ports = base
    ? { api: base, db: base + 1, inbox: base + 3, rest: base + 9, restAdmin: base + 10, auth: base + 11 }
    : { api: toml.api.port, db: toml.db.port, inbox: toml.inbucket.port, rest: 54330, restAdmin: 54331, auth: 54332 }

  return {
    projectId: toml.project_id,
    projectRoot,
    supabaseDir,
    stateDir: path.resolve(projectRoot, env.SB_LOCAL_STATE_DIR ?? '.supabase-local'),
    ports,
    api: {
      schemas: toml.api.schemas,
      extraSearchPath: toml.api.extra_search_path,
      maxRows: toml.api.max_rows,
      autoExposeNewTables: toml.api.auto_expose_new_tables,
    },
    db: { majorVersion: toml.db.major_version, seed: { enabled: toml.db.seed.enabled, sqlPaths: toml.db.seed.sql_paths } },
    auth: {
      siteUrl: toml.auth.site_url,
      additionalRedirectUrls: toml.auth.additional_redirect_urls,
      jwtExpiry: toml.auth.jwt_expiry,
      refreshTokenRotation: toml.auth.enable_refresh_token_rotation,
      refreshTokenReuseInterval: toml.auth.refresh_token_reuse_interval,
      enableSignup: toml.auth.enable_signup,
      enableAnonymousSignIns: toml.auth.enable_anonymous_sign_ins,
      minimumPasswordLength: toml.auth.minimum_password_length,
      passwordRequirements: toml.auth.password_requirements,
      rateLimitsDisabled: env.SB_LOCAL_DISABLE_RATE_LIMITS === '1',
      rateLimit: authRateLimits({ ...toml.auth.rate_limit, ...parseRateLimitOverrides(env.SB_LOCAL_AUTH_RATE_LIMITS) }),
      email: {
        enableSignup: toml.auth.email.enable_signup,
        doubleConfirmChanges: toml.auth.email.double_confirm_changes,
        enableConfirmations: toml.auth.email.enable_confirmations,
        securePasswordChange: toml.auth.email.secure_password_change,
        maxFrequency: parseGoDuration(toml.auth.email.max_frequency),
        otpLength: toml.auth.email.otp_length,
        otpExpiry: toml.auth.email.otp_expiry,
      },
    },
    functions: Object.fromEntries(
      Object.entries(toml.functions).map(([slug, f]) => [
        slug,
        { enabled: f.enabled, verifyJwt: f.verify_jwt, entrypoint: f.entrypoint, importMap: f.import_map },
      ]),
    ),
    local: {
      jwtMode: env.SB_LOCAL_JWT_MODE,
      strictApikey: env.SB_LOCAL_STRICT_APIKEY === '1',
      functionsCors: env.SB_LOCAL_FUNCTIONS_CORS,
      functionsEager: env.SB_LOCAL_FUNCTIONS === 'eager',
      postgrestBin: env.POSTGREST_BIN || undefined,
    },
  }
}

/** URLs as a client outside the stack sees them. */
export function stackUrls(config: StackConfig) {
  const api = `http://127.0.0.1:${config.ports.api}`
  return {
    api,
    rest: `${api}/rest/v1`,
    auth: `${api}/auth/v1`,
    functions: `${api}/functions/v1`,
    db: `postgresql://postgres:postgres@127.0.0.1:${config.ports.db}/postgres`,
    inbox: `http://127.0.0.1:${config.ports.inbox}`,
  }
}
