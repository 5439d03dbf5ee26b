/**
 * Starts a private stack for the conformance suite: its own fixture project, ports
 * (25321…) and data directory, so a developer's running stack is never touched.
 */
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { loadConfig, PROJECT_ROOT, stackUrls } from '../../../supabase/local/config.ts'
import { cleanUpStale, startStack } from '../../../supabase/local/supervisor.ts'
import type { StackInfo } from './stack-info.ts'

export const FIXTURE_ROOT = path.join(PROJECT_ROOT, 'tests/stack/fixture')

export default async function setup(project: TestProject) {
  const portBase = process.env.SB_TEST_PORT_BASE ?? '25321'
  const stateDir = path.join(PROJECT_ROOT, `.supabase-local/test-stack-${portBase}`)
  const config = loadConfig({
    projectRoot: FIXTURE_ROOT,
    env: {
      ...process.env,
      SB_LOCAL_PORT_BASE: portBase,
      SB_LOCAL_STATE_DIR: stateDir,
      SB_LOCAL_DISABLE_RATE_LIMITS: '1',
      // Tests that need the hosted-like modes (strict apikey, function-side CORS) start their own gateway.
      SB_LOCAL_STRICT_APIKEY: '0',
      SB_LOCAL_FUNCTIONS_CORS: 'gateway',
    },
  })
  await cleanUpStale(config)
  const stack = await startStack(config, { freshDatabase: true })
  const urls = stackUrls(config)
  const info: StackInfo = {
    apiUrl: urls.api,
    dbUrl: urls.db,
    inboxUrl: urls.inbox,
    authDbUrl: `postgresql://supabase_auth_admin:postgres@127.0.0.1:${config.ports.db}/postgres`,
    restDirectUrl: `http://127.0.0.1:${config.ports.rest}`,
    stateDir,
    jwtMode: config.local.jwtMode,
    logs: stack.state.logs,
  }
  project.provide('stack', info)
  return async () => {
    await stack.stop()
  }
}
