/**
 * Liveness and readiness for uptime checks and deploy health gates: 200 `{ status: 'ok' }` only
 * when every part of Supabase the portal needs answers, otherwise 503 `{ status: 'degraded' }`
 * with the part that is down (ADR 012). It names parts, never hosts, errors or versions.
 */
import { createClient } from '@supabase/supabase-js'
import { webSocketTransport } from '~/lib/websocket.server.ts'
import { isBackendUnavailable, RETRY_AFTER_SECONDS } from '~/lib/backend-unavailable.server.ts'
import { env } from '~/lib/env.server.ts'

type Check = 'ok' | 'down' | 'unknown'

const TIMEOUT_MS = 5_000

const supabase = createClient(env.SUPABASE_URL, env.SUPABASE_ANON_KEY, {
  auth: { persistSession: false, autoRefreshToken: false },
  realtime: { transport: webSocketTransport },
  global: { fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) }) },
})

/** PostgREST answers through the gateway; `healthz()` proves it reaches Postgres. */
async function checkRestAndDatabase(): Promise<{ rest: Check; database: Check }> {
  const { data, error } = await supabase.rpc('healthz')
  if (!error && data === 'ok') return { rest: 'ok', database: 'ok' }
  // PGRST000–003: PostgREST answered, but has no connection to Postgres.
  if (error && /^PGRST00[0-3]$/.test(error.code)) return { rest: 'ok', database: 'down' }
  return { rest: 'down', database: isBackendUnavailable(error) ? 'unknown' : 'down' }
}

/** An answer from the service itself; a 5xx from the gateway in front of it means it is down. */
async function answers(path: string, init: RequestInit = {}): Promise<Check> {
  try {
    const response = await fetch(`${env.SUPABASE_URL}${path}`, {
      ...init,
      headers: { apikey: env.SUPABASE_ANON_KEY, Authorization: `Bearer ${env.SUPABASE_ANON_KEY}` },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
    await response.arrayBuffer()
    return response.status < 500 ? 'ok' : 'down'
  } catch {
    return 'down'
  }
}

export async function loader() {
  const started = performance.now()
  const [restAndDatabase, auth, functions] = await Promise.all([
    checkRestAndDatabase(),
    answers('/auth/v1/health'),
    // The feed function refuses a PUT with 405 straight away: proof its runtime boots and answers.
    answers('/functions/v1/feed', { method: 'PUT' }),
  ])
  const checks = { database: restAndDatabase.database, rest: restAndDatabase.rest, auth, functions }
  const ok = Object.values(checks).every((check) => check === 'ok')
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }
  if (!ok) headers['Retry-After'] = String(RETRY_AFTER_SECONDS)
  return new Response(JSON.stringify({ status: ok ? 'ok' : 'degraded', checks, ms: Math.round(performance.now() - started) }), {
    status: ok ? 200 : 503,
    headers,
  })
}
