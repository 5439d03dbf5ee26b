/** The conformance suite's stack: the small fixture project on ports 25321…. */
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { PROJECT_ROOT } from '../../../supabase/local/config.ts'
import { startTestStack } from './start-test-stack.ts'

const FIXTURE_ROOT = path.join(PROJECT_ROOT, 'tests/stack/fixture')

export default function setup(project: TestProject) {
  return startTestStack(project, { projectRoot: FIXTURE_ROOT, portBase: process.env.SB_TEST_PORT_BASE ?? '25321', stateName: 'test-stack' })
}
