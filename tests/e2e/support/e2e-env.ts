/**
 * Where the browser tests' private stack and server live: never the developer's ports.
 * E2E_PORT_BASE / E2E_APP_PORT let two runs share a machine.
 */
import path from 'node:path'
import { PROJECT_ROOT } from '../../../supabase/local/config.ts'

export const E2E_PORT_BASE = Number(process.env.E2E_PORT_BASE ?? 24621)
export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100)
export const E2E = {
  appUrl: `http://127.0.0.1:${E2E_APP_PORT}`,
  apiUrl: `http://127.0.0.1:${E2E_PORT_BASE}`,
  dbUrl: `postgresql://postgres:postgres@127.0.0.1:${E2E_PORT_BASE + 1}/postgres`,
  inboxUrl: `http://127.0.0.1:${E2E_PORT_BASE + 3}`,
  stateDir: path.join(PROJECT_ROOT, `.supabase-local/e2e-${E2E_PORT_BASE}`),
  buildDir: path.join(PROJECT_ROOT, `build-e2e-${E2E_APP_PORT}`),
}
