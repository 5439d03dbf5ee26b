/**
 * Starts a private stack for one vitest project and tells its tests about it: its own ports and
 * data directory, so a developer's running stack (and the other project's) is never touched.
 */
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { loadConfig, PROJECT_ROOT, stackUrls } from '../../../supabase/local/config.ts'
import { cleanUpStale, startStack } from '../../../supabase/local/supervisor.ts'
import type { StackInfo } from './stack-info.ts'

export async function startTestStack(project: TestProject, options: { projectRoot: string; portBase: string; stateName: string }) {
  const stateDir = path.join(PROJECT_ROOT, `.supabase-local/${options.stateName}-${options.portBase}`)
  const config = loadConfig({
    projectRoot: options.projectRoot,
    env: {
      ...process.env,
      SB_LOCAL_PORT_BASE: options.portBase,
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
