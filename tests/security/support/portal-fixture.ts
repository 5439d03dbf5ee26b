/**
 * One private stack and production build for the attack tests on the portal (issue 9 §2–4),
 * with Auth's own rate limits on (30 password grants per IP per 5 minutes, as the issue's
 * scenario assumes) and several production-server instances on it:
 * - `a` and `b`: the default limits, one proxy hop trusted, the secret key configured;
 * - `generous`: the same with RATE_LIMIT_MULTIPLIER=10, so Auth's limits are reached first;
 * - `withoutSecretKey`: like `generous`, but Auth is not told the visitor's IP (hosted's default).
 * Every server's stderr is collected, to show a refused attack logs nothing.
 */
import { randomUUID } from 'node:crypto'
import type { ChildProcess } from 'node:child_process'
import path from 'node:path'
import { createClient } from '@supabase/supabase-js'
import pg from 'pg'
import { webSocketTransport } from '../../../app/lib/websocket.server.ts'
import { startPortal } from '../../../scripts/support/portal.ts'
import { PROJECT_ROOT } from '../../../supabase/local/config.ts'
import { SECRET_KEY, SERVICE_ROLE_KEY } from '../../../supabase/local/keys.ts'

const PORT_BASE = Number(process.env.SECURITY_PORT_BASE ?? 24721)
const APP_PORT = Number(process.env.SECURITY_APP_PORT ?? 3110)

export type PortalFixture = Awaited<ReturnType<typeof startAttackPortal>>

export async function startAttackPortal() {
  const stderr: string[] = []
  const collect = (child: ChildProcess) => {
    child.stdout?.resume()
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')))
  }
  const serverEnv = { TRUST_PROXY: '1', SUPABASE_SECRET_KEY: SECRET_KEY }
  const portal = await startPortal({
    portBase: PORT_BASE,
    appPort: APP_PORT,
    stateDir: path.join(PROJECT_ROOT, `.supabase-local/security-${PORT_BASE}`),
    buildDir: path.join(PROJECT_ROOT, `build-security-${APP_PORT}`),
    skipBuild: Boolean(process.env.SECURITY_SKIP_BUILD),
    serverOutput: 'pipe',
    authRateLimits: 'token_refresh=30',
    serverEnv,
  })
  collect(portal.server)
  const instance = async (offset: number, env: Record<string, string>) => {
    const started = await portal.startInstance(APP_PORT + offset, env)
    collect(started.process)
    return started.url
  }
  const servers = {
    a: portal.appUrl,
    b: await instance(1, {}),
    generous: await instance(2, { RATE_LIMIT_MULTIPLIER: '10' }),
    withoutSecretKey: await instance(3, { RATE_LIMIT_MULTIPLIER: '10', SUPABASE_SECRET_KEY: '' }),
  }
  const db = new pg.Pool({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${PORT_BASE + 1}/postgres`, max: 2 })
  const admin = createClient(portal.apiUrl, SERVICE_ROLE_KEY, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: webSocketTransport },
  })
  const inboxUrl = `http://127.0.0.1:${PORT_BASE + 3}`

  return {
    servers,
    db,
    stderr,
    /** Signs in through the portal, as a browser would; returns the Cookie header it would send next. */
    async signIn(user: { email: string; password: string }, ip: string) {
      const response = await formPost(servers.a, '/login', { intent: 'password', email: user.email, password: user.password }, { ip })
      if (response.status !== 302) throw new Error(`sign-in answered ${response.status}`)
      return response.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .filter((c) => !c.endsWith('='))
        .join('; ')
    },
    /** A confirmed user with a password, unique to the test. */
    async createUser(label: string) {
      const email = `security-${label}-${randomUUID()}@example.com`
      const password = `Correct-${randomUUID()}`
      const { data, error } = await admin.auth.admin.createUser({
        email,
        password,
        email_confirm: true,
        user_metadata: { display_name: 'Security Test' },
      })
      if (error) throw error
      return { id: data.user.id, email, password }
    },
    /** The 6-digit code in the newest mail to `email`. */
    async latestCode(email: string): Promise<string> {
      const search = await fetch(`${inboxUrl}/api/v1/search?query=${encodeURIComponent(`to:${email}`)}`)
      const { messages } = (await search.json()) as { messages: Array<{ ID: string }> }
      if (!messages[0]) throw new Error(`no mail to ${email}`)
      const message = (await (await fetch(`${inboxUrl}/api/v1/message/${messages[0].ID}`)).json()) as { Text: string }
      const code = /\b(\d{6})\b/.exec(message.Text)?.[1]
      if (!code) throw new Error(`no code in the mail to ${email}`)
      return code
    },
    async stop() {
      await db.end()
      await portal.stop()
    },
  }
}

/** A form POST as a browser on `server` would send it (same origin), from client IP `ip` behind our one proxy. */
export function formPost(
  server: string,
  path: string,
  fields: Record<string, string>,
  init: { ip?: string; origin?: string | null; cookie?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', ...init.headers }
  if (init.origin !== null) headers.Origin = init.origin ?? server
  if (init.ip) headers['X-Forwarded-For'] = init.ip
  if (init.cookie) headers.Cookie = init.cookie
  return fetch(`${server}${path}`, { method: 'POST', headers, body: new URLSearchParams(fields), redirect: 'manual' })
}
