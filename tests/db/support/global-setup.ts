/**
 * Starts a private stack for the `db` vitest project: the REAL project (our migrations and
 * seed), on ports 25521… with its own data directory, so a developer's running stack and the
 * conformance suite's fixture stack are never touched. It provides the same `stack` value the
 * conformance suite gets, so `tests/stack/support/stack.ts` clients work here unchanged and
 * talk to this stack.
 */
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { loadConfig, PROJECT_ROOT, stackUrls } from '../../../supabase/local/config.ts'
import { cleanUpStale, startStack } from '../../../supabase/local/supervisor.ts'
import type { StackInfo } from '../../stack/support/stack-info.ts'

export default async function setup(project: TestProject) {
  const portBase = process.env.SB_TEST_DB_PORT_BASE ?? '25521'
  const stateDir = path.join(PROJECT_ROOT, `.supabase-local/test-db-${portBase}`)
  const config = loadConfig({
    projectRoot: PROJECT_ROOT,
    env: {
      ...process.env,
      SB_LOCAL_PORT_BASE: portBase,
      SB_LOCAL_STATE_DIR: stateDir,
      SB_LOCAL_DISABLE_RATE_LIMITS: '1',
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

