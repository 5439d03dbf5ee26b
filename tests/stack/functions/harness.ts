/**
 * Component harness: the real functions runner (real Deno) behind a real gateway, with
 * stub Auth/REST upstreams. Each test file gets its own Deno processes.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { StackConfig } from '../../../supabase/local/config.ts'
import { createFunctionsRunner } from '../../../supabase/local/functions/runner.ts'
import { startGateway } from '../../../supabase/local/gateway/server.ts'
import { createTokenSigner, type TokenSigner } from '../../../supabase/local/keys.ts'
import { fixtureConfig, startEchoUpstream } from '../gateway/harness.ts'

export async function startFunctionsHarness(options: { config?: StackConfig; signer?: TokenSigner } = {}) {
  const config = options.config ?? fixtureConfig()
  // A per-harness DENO_DIR keeps parallel test files from sharing Deno's cache writes.
  const stateDir = mkdtempSync(path.join(tmpdir(), 'fn-harness-'))
  const upstream = await startEchoUpstream('stub')
  const logs: string[] = []
  const log = (line: string) => logs.push(line)
  const apiUrl = 'http://127.0.0.1:9' // functions in these tests never call back into the stack
  const runner = createFunctionsRunner({
    config,
    urls: { api: apiUrl, db: 'postgresql://postgres:postgres@127.0.0.1:9/postgres' },
    log,
    stateDir,
  })
  const signer = options.signer ?? (await createTokenSigner('HS256', stateDir))
  const gateway = await startGateway({
    config,
    signer,
    upstreams: { auth: upstream.url, rest: upstream.url },
    functions: runner,
    port: 0,
    log,
  })
  return {
    url: `http://127.0.0.1:${gateway.port}`,
    functionsUrl: `http://127.0.0.1:${gateway.port}/functions/v1`,
    runner,
    logs,
    stateDir,
    async stop() {
      await gateway.stop()
      await runner.stop()
      await upstream.stop()
      rmSync(stateDir, { recursive: true, force: true })
    },
  }
}
