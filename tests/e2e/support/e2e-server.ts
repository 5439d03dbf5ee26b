/**
 * Playwright's web server: a private stack with the real project's migrations and seed, a fresh
 * production build of the portal, and the production server on it. SIGTERM stops all of it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { loadConfig, PROJECT_ROOT, stackUrls } from '../../../supabase/local/config.ts'
import { ANON_KEY, SERVICE_ROLE_KEY } from '../../../supabase/local/keys.ts'
import { cleanUpStale, startStack } from '../../../supabase/local/supervisor.ts'
import { E2E, E2E_APP_PORT, E2E_PORT_BASE } from './e2e-env.ts'

const config = loadConfig({
  env: { ...process.env, SB_LOCAL_PORT_BASE: String(E2E_PORT_BASE), SB_LOCAL_STATE_DIR: E2E.stateDir, SB_LOCAL_DISABLE_RATE_LIMITS: '1' },
})
await cleanUpStale(config)
const stack = await startStack(config, { freshDatabase: true })
const urls = stackUrls(config)

const env = {
  ...process.env,
  NODE_ENV: 'production' as const,
  BUILD_DIR: E2E.buildDir,
  PORT: String(E2E_APP_PORT),
  SUPABASE_URL: urls.api,
  SUPABASE_ANON_KEY: ANON_KEY,
  SUPABASE_SERVICE_ROLE_KEY: SERVICE_ROLE_KEY,
  // Suites sign in many times a minute; the limits themselves have their own test.
  RATE_LIMIT_MULTIPLIER: process.env.RATE_LIMIT_MULTIPLIER ?? '1000',
}

let server: ChildProcess | undefined
const stop = async () => {
  server?.kill('SIGTERM')
  await stack.stop()
  process.exit(0)
}
process.on('SIGTERM', () => void stop())
process.on('SIGINT', () => void stop())

if (!process.env.E2E_SKIP_BUILD) {
  const build = spawn('npm', ['run', '--silent', 'build'], { cwd: PROJECT_ROOT, env, stdio: 'inherit' })
  const code = await new Promise<number>((resolve) => build.once('exit', (c) => resolve(c ?? 1)))
  if (code !== 0) {
    await stack.stop()
    process.exit(code)
  }
}
server = spawn(process.execPath, ['server/index.mjs'], { cwd: PROJECT_ROOT, env, stdio: 'inherit' })
server.once('exit', (code) => {
  void stack.stop().then(() => process.exit(code ?? 1))
})
