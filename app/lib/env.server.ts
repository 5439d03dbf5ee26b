/**
 * Server environment, validated once at start-up so a misconfigured deploy fails fast with a
 * clear message. None of it reaches the browser, which never talks to Supabase directly (ADR 002).
 */
import { z } from 'zod'

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  SUPABASE_URL: z.string().url('SUPABASE_URL must be the project URL, e.g. http://127.0.0.1:54321'),
  SUPABASE_ANON_KEY: z.string().min(20, 'SUPABASE_ANON_KEY must be the project anon (publishable) key'),
  /** Server-only. Used by admin tasks, never by request handlers acting for a user. */
  SUPABASE_SERVICE_ROLE_KEY: z.string().min(20).optional(),
  /**
   * Server-only. A secret API key (`sb_secret_…`): sent only to Auth, with `Sb-Forwarded-For`, so
   * hosted Auth's per-IP limits apply to each visitor rather than to this server (ADR 007).
   */
  SUPABASE_SECRET_KEY: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .string()
      .regex(/^sb_secret_\S{8,}$/, 'SUPABASE_SECRET_KEY must be a secret API key (sb_secret_…)')
      .optional(),
  ),
  /** Multiplies the auth rate limits; tests raise it so suites are not throttled. */
  RATE_LIMIT_MULTIPLIER: z.coerce.number().positive().default(1),
})

export type Env = z.infer<typeof EnvSchema>

function parseEnv(): Env {
  const result = EnvSchema.safeParse({
    ...process.env,
    SUPABASE_URL: process.env.SUPABASE_URL ?? (process.env.NODE_ENV === 'production' ? undefined : 'http://127.0.0.1:54321'),
    SUPABASE_ANON_KEY: process.env.SUPABASE_ANON_KEY ?? (process.env.NODE_ENV === 'production' ? undefined : LOCAL_ANON_KEY),
  })
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Invalid environment: ${problems}`)
  }
  return result.data
}

/** The Supabase CLI's well-known local anon key: a public development default, not a secret. */
const LOCAL_ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0'

export const env = parseEnv()
