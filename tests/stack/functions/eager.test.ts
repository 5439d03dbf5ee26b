/** `--functions=eager`: warmAll boots every function up front; a boot failure is logged, not thrown. */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { ANON_KEY } from '../../../supabase/local/keys.ts'
import { startFunctionsHarness } from './harness.ts'

let harness: Awaited<ReturnType<typeof startFunctionsHarness>>

beforeAll(async () => {
  harness = await startFunctionsHarness()
})
afterAll(() => harness.stop())

it('boots every discovered function and serves the next request without a cold start', async () => {
  await harness.runner.warmAll()
  for (const slug of ['classic', 'crash', 'echo', 'fail', 'no-verify', 'whoami']) {
    expect(harness.logs.some((line) => line.startsWith(`[${slug}] ready on port`))).toBe(true)
  }
  expect(harness.logs.some((line) => line.startsWith('[boot-error] boot failed'))).toBe(true)
  expect(harness.logs.some((line) => line.startsWith('[disabled]'))).toBe(false)
  const before = Date.now()
  const { bootedAt } = (await (
    await fetch(`${harness.functionsUrl}/crash`, { headers: { Authorization: `Bearer ${ANON_KEY}` } })
  ).json()) as { bootedAt: number }
  expect(bootedAt).toBeLessThan(before)
})
