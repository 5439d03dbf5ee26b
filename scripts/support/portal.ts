/**
 * A whole portal for measurements and browser tests: a private stack on its own ports with the
 * real project's migrations and seed, a production build, and the production server on it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServerClient } from '@supabase/ssr'
import { createClient } from '@supabase/supabase-js'
import { webSocketTransport } from '../../app/lib/websocket.server.ts'
import { loadConfig, PROJECT_ROOT, stackUrls } from '../../supabase/local/config.ts'
import { ANON_KEY, SERVICE_ROLE_KEY } from '../../supabase/local/keys.ts'
import { waitFor } from '../../supabase/local/process.ts'
import { cleanUpStale, startStack } from '../../supabase/local/supervisor.ts'
import type { Database } from '../../supabase/functions/_shared/database.types.ts'
import { createAdvocate, type AdvocateOptions, type BenchAdvocate } from './bench-advocates.ts'

export interface PortalOptions {
  portBase: number
  appPort: number
  stateDir: string
  buildDir: string
  /** Skip `npm run build` when the build directory is already fresh. */
  skipBuild?: boolean
  rateLimitMultiplier?: number
  /** How Auth signs user tokens (default: the stack's default, HS256). */
  jwtMode?: 'HS256' | 'ES256'
  /** Inherit the server's output (e2e shows it on failure); measurements keep it quiet. */
  serverOutput?: 'inherit' | 'ignore' | 'pipe'
  /** Auth's own rate limits: off (default), or on with `SB_LOCAL_AUTH_RATE_LIMITS`-style overrides. */
  authRateLimits?: false | string
  /** More environment for the server (TRUST_PROXY, SUPABASE_SECRET_KEY, ALLOWED_ORIGINS…). */
  serverEnv?: Record<string, string>
}

export async function startPortal(options: PortalOptions) {
  const config = loadConfig({
    env: {
      ...process.env,
      SB_LOCAL_PORT_BASE: String(options.portBase),
      SB_LOCAL_STATE_DIR: options.stateDir,
      SB_LOCAL_DISABLE_RATE_LIMITS: options.authRateLimits === undefined || options.authRateLimits === false ? '1' : '0',
      SB_LOCAL_AUTH_RATE_LIMITS: options.authRateLimits || '',
      SB_LOCAL_PROJECT_ROOT: PROJECT_ROOT,
      SB_LOCAL_JWT_MODE: options.jwtMode ?? process.env.SB_LOCAL_JWT_MODE ?? 'HS256',
    },
  })
  await cleanUpStale(config)
  const stack = await startStack(config, { freshDatabase: true })
  const apiUrl = stackUrls(config).api
  const appUrl = `http://127.0.0.1:${options.appPort}`
  const env = {
    ...process.env,
    NODE_ENV: 'production' as const,
    BUILD_DIR: options.buildDir,
    PORT: String(options.appPort),
    SUPABASE_URL: apiUrl,
    SUPABASE_ANON_KEY: ANON_KEY,
    SUPABASE_SERVICE_ROLE_KEY: SERVICE_ROLE_KEY,
    RATE_LIMIT_MULTIPLIER: String(options.rateLimitMultiplier ?? 1),
    ...options.serverEnv,
  }

  let server: ChildProcess | undefined
  const stop = async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM')
      await new Promise((resolve) => server!.once('exit', resolve))
    }
    await stack.stop()
  }

  try {
    if (!options.skipBuild) await run('npm', ['run', '--silent', 'build'], env, options.serverOutput === 'ignore' ? 'ignore' : 'inherit')
    server = await startServer(env, options.appPort, options.serverOutput ?? 'inherit')
  } catch (error) {
    await stop()
    throw error
  }

  const admin = createClient<Database>(apiUrl, SERVICE_ROLE_KEY, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: webSocketTransport },
  })

  const extraServers: ChildProcess[] = []
  return {
    appUrl,
    apiUrl,
    stack,
    server: server!,
    /**
     * Another instance of the production server on the same stack (stopped by `stop`). With
     * `ready: 'answers'` it waits only for /healthz to answer at all (an instance whose backend is down).
     */
    async startInstance(port: number, serverEnv: Record<string, string> = {}, ready: 'healthy' | 'answers' = 'healthy') {
      const instance = await startServer({ ...env, ...serverEnv, PORT: String(port) }, port, options.serverOutput ?? 'inherit', ready)
      extraServers.push(instance)
      return { url: `http://127.0.0.1:${port}`, process: instance }
    },
    async stop() {
      for (const instance of extraServers.splice(0)) await stopProcess(instance)
      await stop()
    },
    /** The service-role client, to arrange data (scripts/support/bench-advocates.ts). */
    admin,
    /**
     * A new advocate arranged as real data (by default with a finished survey, so the signed-in
     * pages render rather than redirect to /welcome) and the Cookie header of their session.
     */
    async signedInAdvocate(options: AdvocateOptions = {}): Promise<BenchAdvocate & { cookie: string }> {
      const advocate = await createAdvocate(admin, options)
      return { ...advocate, cookie: await sessionCookie(apiUrl, advocate) }
    },
  }
}

/** The Cookie header of a password sign-in, written as the app writes it (app/lib/supabase.server.ts). */
async function sessionCookie(apiUrl: string, user: { email: string; password: string }): Promise<string> {
  const jar = new Map<string, string>()
  const supabase = createServerClient(apiUrl, ANON_KEY, {
    cookies: {
      encode: 'tokens-only',
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => cookies.forEach(({ name, value }) => (value ? jar.set(name, value) : jar.delete(name))),
    },
    realtime: { transport: webSocketTransport },
  })
  const { error } = await supabase.auth.signInWithPassword(user)
  if (error) throw error
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
}

async function startServer(
  env: NodeJS.ProcessEnv,
  port: number,
  output: 'inherit' | 'ignore' | 'pipe',
  ready: 'healthy' | 'answers' = 'healthy',
) {
  const server = spawn(process.execPath, ['server/index.mjs'], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', output, output === 'ignore' ? 'inherit' : output],
  })
  try {
    const answered = async () => {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`)
      await response.arrayBuffer()
      return ready === 'answers' || response.ok
    }
    await waitFor(answered, { timeoutMs: 20_000, what: 'the portal server' })
  } catch (error) {
    await stopProcess(server)
    throw error
  }
  return server
}

async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGTERM')
  await new Promise((resolve) => child.once('exit', resolve))
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, stdio: 'inherit' | 'ignore') {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env, stdio })
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))))
  })
}
