/**
 * Liveness and readiness: 200 only when the app reaches Postgres through the Supabase API.
 * Used by uptime checks and deploy health gates; it reveals nothing but "ok" or "unavailable".
 */
import { createClient } from '@supabase/supabase-js'
import WebSocket from 'ws'
import { env } from '~/lib/env.server.ts'

const supabase = createClient(env.SUPABASE_URL, env.SUPABASE_ANON_KEY, {
  auth: { persistSession: false, autoRefreshToken: false },
  realtime: { transport: WebSocket as never },
})

export async function loader() {
  const started = performance.now()
  const { data, error } = await supabase.rpc('healthz')
  const ok = !error && data === 'ok'
  return new Response(JSON.stringify({ status: ok ? 'ok' : 'unavailable', ms: Math.round(performance.now() - started) }), {
    status: ok ? 200 : 503,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
  })
}
