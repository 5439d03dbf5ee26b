import { env } from '~/lib/env.server.ts'

/** Asks Auth and PostgREST, through the gateway, whether they answer. */
export async function getStackHealth() {
  const headers = { apikey: env.SUPABASE_ANON_KEY }
  const check = async (url: string) => {
    try {
      const response = await fetch(url, { headers, signal: AbortSignal.timeout(2000) })
      await response.arrayBuffer()
      return response.ok
    } catch {
      return false
    }
  }
  const [auth, rest] = await Promise.all([
    check(`${env.SUPABASE_URL}/auth/v1/health`),
    check(`${env.SUPABASE_URL}/rest/v1/`),
  ])
  return { auth, rest }
}
