/**
 * The `db` project's stack: the REAL project (our migrations and seed) on ports 25521…. It
 * provides the same `stack` value as the conformance suite, so `tests/stack/support/stack.ts`
 * clients work here unchanged and talk to this stack.
 */
import type { TestProject } from 'vitest/node'
import { PROJECT_ROOT } from '../../../supabase/local/config.ts'
import { startTestStack } from '../../stack/support/start-test-stack.ts'

export default function setup(project: TestProject) {
  return startTestStack(project, { projectRoot: PROJECT_ROOT, portBase: process.env.SB_TEST_DB_PORT_BASE ?? '25521', stateName: 'test-db' })
}
