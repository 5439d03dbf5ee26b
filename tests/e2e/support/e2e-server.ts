/**
 * Playwright's web server: a private stack with the real project's migrations and seed, a fresh
 * production build, and the production server on it. SIGTERM stops all of it.
 */
import { startPortal } from '../../../scripts/support/portal.ts'
import { E2E, E2E_APP_PORT, E2E_PORT_BASE } from './e2e-env.ts'

const portal = await startPortal({
  portBase: E2E_PORT_BASE,
  appPort: E2E_APP_PORT,
  stateDir: E2E.stateDir,
  buildDir: E2E.buildDir,
  skipBuild: Boolean(process.env.E2E_SKIP_BUILD),
  // Suites sign in many times a minute; the limits themselves have their own test.
  rateLimitMultiplier: Number(process.env.RATE_LIMIT_MULTIPLIER ?? 1000),
})

let stopping = false
const stop = async (code: number) => {
  if (stopping) return
  stopping = true
  await portal.stop()
  process.exit(code)
}
process.on('SIGTERM', () => void stop(0))
process.on('SIGINT', () => void stop(0))
portal.server.once('exit', (code) => void stop(code ?? 1))
