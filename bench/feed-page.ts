/**
 * Part (c) of `npm run bench:feed`: the feed page's server-side render against the home page's,
 * both signed in as a large-seed advocate who has finished the survey, 10 concurrent, measured
 * the way bench/ssr.bench.ts measures the home (production build, production server, autocannon).
 * Skipped, with a line saying so, only if `app/routes/_app.feed.tsx` is gone; a build that fails,
 * a page that does not answer 200 or load with errors fails the benchmark rather than skipping
 * it, so it cannot quietly stop measuring.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { createServerClient } from '@supabase/ssr'
import { webSocketTransport } from '../app/lib/websocket.server.ts'
import { PROJECT_ROOT } from '../supabase/local/config.ts'
import { ANON_KEY, SERVICE_ROLE_KEY } from '../supabase/local/keys.ts'
import { waitFor } from '../supabase/local/process.ts'
import { load, type LoadResult } from './load.ts'
import { BENCH_BUILD_DIR, PREBUILT } from './mode.ts'

export const FEED_ROUTE = path.join(PROJECT_ROOT, 'app/routes/_app.feed.tsx')
const CONNECTIONS = 10
const DURATION_MS = 8_000
export const TARGET_RATIO = 3

export type FeedPageResult = { skipped: string } | { feed: LoadResult; home: LoadResult; ratioP95: number }

export async function benchFeedPage(options: {
  apiUrl: string
  appPort: number
  email: string
  password: string
}): Promise<FeedPageResult> {
  if (!existsSync(FEED_ROUTE)) return { skipped: 'feed page: route not built yet' }
  const buildDir = path.resolve(PROJECT_ROOT, BENCH_BUILD_DIR)
  const appUrl = `http://127.0.0.1:${options.appPort}`
  const env = {
    ...process.env,
    NODE_ENV: 'production' as const,
    BUILD_DIR: buildDir,
    PORT: String(options.appPort),
    SUPABASE_URL: options.apiUrl,
    SUPABASE_ANON_KEY: ANON_KEY,
    SUPABASE_SERVICE_ROLE_KEY: SERVICE_ROLE_KEY,
    RATE_LIMIT_MULTIPLIER: '1000',
  }
  if (!PREBUILT) await run('npm', ['run', '--silent', 'build'], env)
  let server: ChildProcess | undefined
  try {
    server = spawn(process.execPath, ['server/index.mjs'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] })
    await waitFor(async () => (await fetch(`${appUrl}/healthz`)).ok, { timeoutMs: 20_000, what: 'the portal server' })
    const cookie = await sessionCookie(options.apiUrl, options.email, options.password)
    for (const page of ['/feed', '/']) {
      const res = await fetch(`${appUrl}${page}`, { headers: { Cookie: cookie }, redirect: 'manual' })
      await res.arrayBuffer()
      if (res.status !== 200)
        throw new Error(
          `feed page: GET ${page} answered ${res.status}${res.headers.get('location') ? ` to ${res.headers.get('location')}` : ''}, not 200`,
        )
    }
    const headers = { Cookie: cookie }
    // Warm-up: JIT, connection pools, PostgREST's plan cache, the Deno worker.
    await load(`${appUrl}/feed`, { connections: CONNECTIONS, durationMs: 2_000, headers })
    await load(`${appUrl}/`, { connections: CONNECTIONS, durationMs: 2_000, headers })
    const home = expectClean('/', await load(`${appUrl}/`, { connections: CONNECTIONS, durationMs: DURATION_MS, headers }))
    const feed = expectClean('/feed', await load(`${appUrl}/feed`, { connections: CONNECTIONS, durationMs: DURATION_MS, headers }))
    return { feed, home, ratioP95: feed.p95 / home.p95 }
  } finally {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM')
      await new Promise((resolve) => server!.once('exit', resolve))
    }
  }
}

function expectClean(page: string, r: LoadResult) {
  if (r.requests === 0 || r.errors > 0)
    throw new Error(`feed page: ${r.errors} of ${r.requests} requests to ${page} failed or answered other than 200`)
  return r
}

/** The Cookie header of a password sign-in, written as the app writes it (app/lib/supabase.server.ts). */
async function sessionCookie(apiUrl: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>()
  const supabase = createServerClient(apiUrl, ANON_KEY, {
    cookies: {
      encode: 'tokens-only',
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => cookies.forEach(({ name, value }) => (value ? jar.set(name, value) : jar.delete(name))),
    },
    realtime: { transport: webSocketTransport },
  })
  const { error } = await supabase.auth.signInWithPassword({ email, password })
  if (error) throw error
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] })
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))))
  })
}
